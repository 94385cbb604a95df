package dev.gradex.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NamedParameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamWTest {
  @Test
  void nonFiniteGradientSkipsTheStepAndLeavesZeroGradientsAndSaneMoments() {
    ModelRuntime.engine();
    try (NDManager manager = NDManager.newBaseManager()) {
      Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
      p.setArray(manager.create(new float[] {1f, 2f, 3f}));
      p.getArray().setRequiresGradient(true);
      NamedParameter named = new NamedParameter("w", p);
      try (AdamW opt = new AdamW(List.of(named), 0.0)) {
        backward(p, Float.NaN);
        double norm = opt.step(0.1, 1.0);
        assertThat(norm).isNaN();
        assertThat(opt.skippedSteps()).isEqualTo(1);
        assertThat(p.getArray().toFloatArray()).containsExactly(1f, 2f, 3f);
        try (NDArray g = p.getArray().getGradient()) {
          assertThat(g.toFloatArray()).containsExactly(0f, 0f, 0f);
        }
        backward(p, 1f); // a finite gradient afterwards trains normally
        assertThat(opt.step(0.1, 10.0)).isFinite();
        float[] w = p.getArray().toFloatArray();
        assertThat(w[0]).isLessThan(1f).isGreaterThan(0.8f);
      }
    }
  }

  private static void backward(Parameter p, float factor) {
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray loss = p.getArray().mul(factor).sum();
      gc.backward(loss);
    }
  }
}
