package dev.gradex.model.lora;

import dev.gradex.core.ContainedFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.model.safetensors.SafeTensorsFile;
import dev.gradex.model.safetensors.SafeTensorsWriter;
import dev.gradex.model.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PEFT's on-disk adapter layout: {@code adapter_model.safetensors} (tensors named {@code
 * base_model.model.<module>.lora_A.weight}, {@code ...lora_B.weight}, and {@code
 * base_model.model.<module>.weight} for modules_to_save) next to {@code adapter_config.json}.
 */
public final class PeftFiles {
  /** File name PEFT uses for the weights. */
  public static final String WEIGHTS = "adapter_model.safetensors";

  /** Prefix PEFT puts before every module path. */
  public static final String PREFIX = "base_model.model.";

  private PeftFiles() {}

  /** An adapter read from disk: its config and tensors by PEFT name. */
  public record Adapter(AdapterConfig config, Map<String, Loaded> tensors) {}

  /** A tensor read from an adapter file. */
  public record Loaded(long[] shape, float[] values) {}

  /** Writes both files into {@code dir} (created if needed), F32 tensors in the given order. */
  public static void write(
      Path dir, AdapterConfig config, Map<String, SafeTensorsWriter.Tensor> tensors)
      throws IOException {
    Files.createDirectories(dir);
    SafeTensorsWriter w = new SafeTensorsWriter().metadata("format", "pt");
    tensors.forEach(w::add);
    w.write(dir.resolve(WEIGHTS));
    config.write(dir);
  }

  /** Reads an adapter directory; every tensor must be a float type. */
  public static Adapter read(Path dir) {
    AdapterConfig config = AdapterConfig.read(dir);
    Path file = ContainedFiles.file(dir, WEIGHTS, "adapter directory");
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file.toString(), "adapter weights not found");
    }
    Map<String, Loaded> tensors = new LinkedHashMap<>();
    try (SafeTensorsFile st = SafeTensorsFile.open(file)) {
      for (TensorInfo info : st.tensors().values()) {
        tensors.put(info.name(), new Loaded(info.shape(), st.readFloats(info.name())));
      }
    }
    return new Adapter(config, tensors);
  }
}
