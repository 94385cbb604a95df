package dev.gradex.model.arch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.config.ModelConfig;
import java.io.IOException;
import java.nio.file.Path;

/** Writes random-weight checkpoints and runs our model on them. */
final class ReferenceFixtures {
  static final long[][] IDS = {
    {1, 7, 3, 49, 22, 5, 0, 13, 8, 31},
    {4, 4, 17, 2, 40, 9, 11, 0, 0, 0}
  };
  static final long[][] MASK = {
    {1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
    {1, 1, 1, 1, 1, 1, 1, 0, 0, 0}
  };

  private ReferenceFixtures() {}

  /** Saves a model with random weights (std 0.2, norm and bias noise 0.1) into {@code dir}. */
  static void writeRandom(ModelConfig config, Path dir, long seed) throws IOException {
    try (LanguageModel m = HfModels.random(config, Device.cpu(), seed, 0.2, 0.1)) {
      HfModels.save(m, dir);
    }
  }

  /** Loads {@code dir} and returns (hidden, logits) as flat float arrays. */
  static float[][] run(Path dir) {
    try (LanguageModel m = HfModels.load(dir);
        NDManager scope = ModelRuntime.newManager(Device.cpu())) {
      NDArray ids = scope.create(IDS);
      NDArray mask = scope.create(MASK);
      ModelOutput out = m.forward(ids, mask, false);
      return new float[][] {out.hidden().toFloatArray(), out.logits().toFloatArray()};
    }
  }
}
