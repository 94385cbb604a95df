package dev.gradex.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NamedParameter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /**
   * A resume after a skipped step goes on exactly like the uninterrupted optimizer: the checkpoint
   * keeps AdamW's own update count (1), not the loop's step count (2), for the bias correction.
   */
  @Test
  void checkpointAfterASkippedStepResumesWithTheSameBiasCorrection(@TempDir Path dir) {
    ModelRuntime.engine();
    try (NDManager manager = NDManager.newBaseManager()) {
      Parameter p = parameter(manager, "w");
      Parameter q = parameter(manager, "w");
      NamedParameter named = new NamedParameter("w", p);
      try (AdamW opt = new AdamW(List.of(named), 0.01)) {
        backward(p, Float.NaN);
        opt.step(0.1, 0.0);
        backward(p, 1f);
        opt.step(0.1, 0.0);
        TrainState state = new TrainState();
        state.step = 2;
        Checkpoint.save(dir, state, List.of(named), opt, null);
        NamedParameter resumedParam = new NamedParameter("w", q);
        try (AdamW resumed = new AdamW(List.of(resumedParam), 0.01)) {
          TrainState loaded =
              Checkpoint.load(
                  dir.resolve(Checkpoint.FILE), List.of(resumedParam), resumed, new float[1][][]);
          assertThat(loaded.step).isEqualTo(2);
          assertThat(resumed.steps()).isEqualTo(1);
          assertThat(resumed.skippedSteps()).isEqualTo(1);
          backward(p, 0.5f);
          opt.step(0.1, 0.0);
          backward(q, 0.5f);
          resumed.step(0.1, 0.0);
          assertThat(q.getArray().toFloatArray()).containsExactly(p.getArray().toFloatArray());
          assertThat(p.getArray().toFloatArray()[0]).isNotEqualTo(1f);
        }
      }
    }
  }

  private static Parameter parameter(NDManager manager, String name) {
    Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
    p.setArray(manager.create(new float[] {1f, 2f, 3f}));
    p.getArray().setRequiresGradient(true);
    return p;
  }

  private static void backward(Parameter p, float factor) {
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray loss = dev.gradex.model.tensor.Scalars.mul(p.getArray(), factor).sum();
      gc.backward(loss);
    }
  }
}
