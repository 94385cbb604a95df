package dev.gradex.model.lora;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.config.Family;
import org.junit.jupiter.api.Test;

/**
 * The mechanism GradEx's stage 2 builds on (Li et al., arXiv 2409.19458): one batched backward
 * through the LoRA output probes, plus the captured inputs, gives each example's gradient dL_i/dB =
 * s sum_t dy_t (A x_t)^T, equal to what a batch-of-one backward gives.
 */
class PerExampleGradientTest {
  @Test
  void probeGradientsReproducePerExampleLoraGradients() {
    try (LanguageModel m =
            TinyDecoder.create(TinyDecoder.config(50, 16, 32, 2, 4), Device.cpu(), 1);
        NDManager s = ModelRuntime.newManager(Device.cpu())) {
      m.applyLora(LoraConfig.defaults(Family.GPT2), 2);
      LoraBehaviourTest.randomizeB(m, 4);
      NDArray weights = s.randomNormal(new Shape(2, 6, 50));
      LoraAdapter layer = m.loraLayers().get(1);
      float scale = (float) layer.config().scaling();

      // Batched pass in capture mode: per-example dL/dB from probe gradients and inputs.
      layer.setCapture(true);
      float[][] perExampleB = new float[2][];
      float[][] perExampleA = new float[2][];
      try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
        NDArray logits =
            m.forward(s.create(LoraBehaviourTest.IDS), s.create(LoraBehaviourTest.MASK), true)
                .logits();
        gc.backward(logits.mul(weights).sum());
      }
      assertThat(layer.outputProbe().getShape()).isEqualTo(new Shape(2, 6, 96));
      NDArray dy = layer.outputProbe().getGradient(); // (B, T, out)
      NDArray ax = layer.capturedInput().matMul(layer.loraA().getArray().transpose()); // (B, T, r)
      NDArray x = layer.capturedInput(); // (B, T, in)
      NDArray dyB = dy.matMul(layer.loraB().getArray()); // (B, T, r)
      for (int i = 0; i < 2; i++) {
        perExampleB[i] = dy.get(i).transpose().matMul(ax.get(i)).mul(scale).toFloatArray();
        perExampleA[i] = dyB.get(i).transpose().matMul(x.get(i)).mul(scale).toFloatArray();
      }
      layer.setCapture(false);

      // Reference: batch-of-one backward passes with autograd on B.
      for (int i = 0; i < 2; i++) {
        LoraBehaviourTest.zeroGrads(m);
        try (GradientCollector gc = ModelRuntime.engine().newGradientCollector()) {
          NDArray logits =
              m.forward(
                      s.create(new long[][] {LoraBehaviourTest.IDS[i]}),
                      s.create(new long[][] {LoraBehaviourTest.MASK[i]}),
                      true)
                  .logits();
          gc.backward(logits.mul(weights.get(i).expandDims(0)).sum());
        }
        assertClose(layer.loraB().getArray().getGradient().toFloatArray(), perExampleB[i], "B", i);
        assertClose(layer.loraA().getArray().getGradient().toFloatArray(), perExampleA[i], "A", i);
      }
    }
  }

  private static void assertClose(float[] reference, float[] ours, String which, int example) {
    double max = 0;
    double norm = 0;
    for (int j = 0; j < reference.length; j++) {
      max = Math.max(max, Math.abs(reference[j] - ours[j]));
      norm = Math.max(norm, Math.abs(reference[j]));
    }
    assertThat(norm).as(which + " gradient is non-trivial").isGreaterThan(1e-3);
    assertThat(max).as(which + ", example " + example).isLessThan(1e-4 * Math.max(1, norm));
  }
}
