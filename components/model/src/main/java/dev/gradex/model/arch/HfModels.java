package dev.gradex.model.arch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.config.BertConfig;
import dev.gradex.model.config.ConfigReader;
import dev.gradex.model.config.ConfigWriter;
import dev.gradex.model.config.Gpt2Config;
import dev.gradex.model.config.LlamaConfig;
import dev.gradex.model.config.ModelConfig;
import dev.gradex.model.safetensors.SafeTensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Entry point for models: load a Hugging Face directory, create a randomly initialised model from a
 * config (the tiny decoder, test fixtures), and save a model in Hugging Face layout.
 */
public final class HfModels {
  private HfModels() {}

  /**
   * Loads {@code dir} (config.json and *.safetensors) onto {@code device}. A missing classification
   * head is initialised from {@code seed}.
   */
  public static LanguageModel load(Path dir, Device device, long seed) {
    ModelConfig config = ConfigReader.read(dir);
    NDManager manager = ModelRuntime.newManager(device);
    try {
      TransformerModel model = build(config, manager);
      WeightLoader.load(model, dir, seed);
      return model;
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Loads onto the CPU. */
  public static LanguageModel load(Path dir) {
    return load(dir, Device.cpu(), 0);
  }

  /**
   * A model with random weights: N(0, std^2) for matrices and embeddings, and norm weights 1 and
   * biases 0 perturbed by N(0, noise^2) (noise 0 for training from scratch).
   */
  public static LanguageModel random(
      ModelConfig config, Device device, long seed, double std, double noise) {
    NDManager manager = ModelRuntime.newManager(device);
    TransformerModel model = build(config, manager);
    Random rng = new Random(seed);
    for (WeightRegistry.Slot s : model.registry().slots().values()) {
      WeightRegistry.randomize(s, manager, rng, std, noise);
    }
    return model;
  }

  /** Writes config.json and model.safetensors (Hugging Face names, F32) into {@code dir}. */
  public static void save(LanguageModel model, Path dir) throws IOException {
    TransformerModel m = (TransformerModel) model;
    ConfigWriter.write(m.config(), dir);
    SafeTensorsWriter w = new SafeTensorsWriter().metadata("format", "pt");
    for (WeightRegistry.Slot s : m.registry().slots().values()) {
      NDArray arr = s.parameter().getArray();
      w.add(s.name(), new SafeTensorsWriter.Tensor(arr.toFloatArray(), s.shape().getShape()));
    }
    w.write(dir.resolve("model.safetensors"));
  }

  static TransformerModel build(ModelConfig config, NDManager manager) {
    if (config instanceof Gpt2Config c) {
      return new Gpt2Model(c, manager);
    }
    if (config instanceof LlamaConfig c) {
      return new LlamaModel(c, manager);
    }
    return new BertModel((BertConfig) config, manager);
  }
}
