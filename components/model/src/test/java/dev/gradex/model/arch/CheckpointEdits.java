package dev.gradex.model.arch;

import dev.gradex.model.safetensors.DType;
import dev.gradex.model.safetensors.SafeTensorsFile;
import dev.gradex.model.safetensors.SafeTensorsWriter;
import dev.gradex.model.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Rewrites a safetensors checkpoint through an edit of its name-to-tensor map. */
final class CheckpointEdits {
  private CheckpointEdits() {}

  static void edit(Path file, Consumer<Map<String, SafeTensorsWriter.Tensor>> edit)
      throws IOException {
    Map<String, SafeTensorsWriter.Tensor> tensors = new LinkedHashMap<>();
    try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
      for (TensorInfo t : f.tensors().values()) {
        tensors.put(t.name(), new SafeTensorsWriter.Tensor(f.readFloats(t.name()), t.shape()));
      }
    }
    edit.accept(tensors);
    SafeTensorsWriter w = new SafeTensorsWriter();
    tensors.forEach(w::add);
    Files.delete(file);
    w.write(file);
  }

  static void convert(Path file, DType dtype) throws IOException {
    edit(
        file,
        m -> m.replaceAll((k, t) -> new SafeTensorsWriter.Tensor(t.values(), t.shape(), dtype)));
  }
}
