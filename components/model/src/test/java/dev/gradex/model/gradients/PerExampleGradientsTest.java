package dev.gradex.model.gradients;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gradex.core.projection.ParameterLayout;
import dev.gradex.core.projection.RademacherProjector;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.data.Batch;
import dev.gradex.model.data.Encoded;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Stage 2 of Li et al. (arXiv 2409.19458) at batch speed: the per-example gradients of one batched
 * pass equal batch-of-one autograd gradients, and their projections equal P^T g with a dense P.
 */
class PerExampleGradientsTest {
  @Test
  void decoderBatchedGradientsEqualBatchOfOneAutogradWithinRelativeError1e5() {
    check(GradientFixtures::decoder, GradientFixtures::lmExamples);
  }

  @Test
  void classifierWithTrainedHeadBatchedGradientsEqualBatchOfOneAutograd() {
    check(GradientFixtures::classifier, GradientFixtures::classificationExamples);
  }

  private static void check(
      java.util.function.Supplier<LanguageModel> model,
      Function<LanguageModel, List<Encoded>> examples) {
    int d = 24;
    try (LanguageModel m = model.get();
        NDManager s = ModelRuntime.newManager(Device.cpu())) {
      List<Encoded> ex = examples.apply(m);
      ParameterLayout layout = Layouts.of(m);
      RademacherProjector projector = new RademacherProjector(11, d, layout);
      float[] dense = densePt(projector);
      int p = (int) layout.parameterCount();

      PerExampleGradients.Result r = new PerExampleGradients(m).compute(Batch.of(ex, s));
      float[] outputs = r.outputs().toFloatArray();
      float[] cachedFeatures;
      float[] streamedFeatures;
      try (GradientProjection cached = new GradientProjection(projector, 1L << 30, Device.cpu());
          GradientProjection streamed = new GradientProjection(projector, 0, Device.cpu())) {
        assertThat(cached.cached()).isTrue();
        assertThat(streamed.cached()).isFalse();
        cachedFeatures = cached.project(r.gradients(), ex.size());
        streamedFeatures = streamed.project(r.gradients(), ex.size());
      }
      for (int i = 0; i < ex.size(); i++) {
        float[] batched = flatten(r.gradients(), i);
        float[] reference = GradientFixtures.batchOfOneGradient(m, ex.get(i));
        assertThat(reference.length).isEqualTo(p);
        assertThat(GradientFixtures.relativeError(reference, batched))
            .as("example %d gradient", i)
            .isLessThan(1e-5);
        float[] expected = new float[d];
        for (int j = 0; j < p; j++) {
          for (int k = 0; k < d; k++) {
            expected[k] += dense[j * d + k] * reference[j];
          }
        }
        float[] ours = java.util.Arrays.copyOfRange(cachedFeatures, i * d, (i + 1) * d);
        float[] streamedRow = java.util.Arrays.copyOfRange(streamedFeatures, i * d, (i + 1) * d);
        assertThat(GradientFixtures.relativeError(expected, ours)).isLessThan(1e-5);
        assertThat(GradientFixtures.relativeError(expected, streamedRow)).isLessThan(1e-5);
        assertThat(Math.abs(outputs[i])).as("o(z) is a finite logit-odds").isLessThan(30);
      }
    }
  }

  /** P (p x d) written out densely, for the test only. */
  static float[] densePt(RademacherProjector projector) {
    int d = projector.dim();
    float[] all = new float[(int) projector.layout().parameterCount() * d];
    int off = 0;
    for (int b = 0; b < projector.layout().blocks().size(); b++) {
      int rows = (int) projector.layout().blocks().get(b).numel();
      float[] part = new float[rows * d];
      projector.fillRows(b, 0, rows, part);
      System.arraycopy(part, 0, all, off, part.length);
      off += part.length;
    }
    return all;
  }

  private static float[] flatten(List<NDArray> grads, int example) {
    int n = 0;
    for (NDArray g : grads) {
      n += (int) g.getShape().get(1);
    }
    float[] out = new float[n];
    int off = 0;
    for (NDArray g : grads) {
      float[] row = g.get(example).toFloatArray();
      System.arraycopy(row, 0, out, off, row.length);
      off += row.length;
    }
    return out;
  }
}
