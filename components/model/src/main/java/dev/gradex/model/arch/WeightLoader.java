package dev.gradex.model.arch;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.model.safetensors.SafeTensorsFile;
import dev.gradex.model.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Fills a model's weights from the {@code *.safetensors} files of a Hugging Face directory,
 * matching by tensor name. Every missing, unexpected, mistyped or misshapen tensor is an error that
 * names it and its file; optional weights (a fresh classification head) are initialised randomly.
 */
final class WeightLoader {
  private static final int MAX_NAMED = 10;

  private WeightLoader() {}

  /**
   * The weight files of a model directory: those named by {@code model.safetensors.index.json} for
   * a sharded checkpoint, else {@code model.safetensors}, else every {@code *.safetensors} except
   * adapters (repositories such as Mistral's also ship {@code consolidated.safetensors} with other
   * names, which must not be mixed in).
   */
  static List<Path> weightFiles(Path dir) {
    Path index = dir.resolve("model.safetensors.index.json");
    if (Files.isRegularFile(index)) {
      return indexedFiles(dir, index);
    }
    if (Files.isRegularFile(dir.resolve("model.safetensors"))) {
      return List.of(dir.resolve("model.safetensors"));
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files =
          s.filter(p -> p.getFileName().toString().endsWith(".safetensors"))
              .filter(p -> !p.getFileName().toString().startsWith("adapter_model"))
              .sorted()
              .toList();
      if (files.isEmpty()) {
        throw new InvalidInputException(dir.toString(), "no *.safetensors weights found");
      }
      return files;
    } catch (IOException e) {
      throw new InvalidInputException(dir.toString(), "cannot list: " + e.getMessage(), e);
    }
  }

  private static List<Path> indexedFiles(Path dir, Path index) {
    try {
      JsonNode map = Json.JSON.readTree(index.toFile()).get("weight_map");
      if (map == null || !map.isObject()) {
        throw new InvalidInputException(index.toString(), "no 'weight_map' object");
      }
      java.util.TreeSet<String> names = new java.util.TreeSet<>();
      map.forEach(v -> names.add(v.asText()));
      List<Path> files = new ArrayList<>();
      for (String n : names) {
        Path p = dir.resolve(n).normalize();
        if (!p.startsWith(dir.normalize()) || !Files.isRegularFile(p)) {
          throw new InvalidInputException(index.toString(), "weight file '" + n + "' not found");
        }
        files.add(p);
      }
      return files;
    } catch (IOException e) {
      throw new InvalidInputException(index.toString(), "cannot read: " + e.getMessage(), e);
    }
  }

  static void load(TransformerModel model, Path dir, long seed) {
    Map<String, WeightRegistry.Slot> slots = model.registry().slots();
    List<SafeTensorsFile> files = new ArrayList<>();
    try {
      Map<String, Source> found = new LinkedHashMap<>();
      List<String> unexpected = new ArrayList<>();
      for (Path p : weightFiles(dir)) {
        SafeTensorsFile f = SafeTensorsFile.open(p);
        files.add(f);
        for (TensorInfo info : f.tensors().values()) {
          String name = model.canonicalName(info.name());
          if (slots.containsKey(name)) {
            Source prev = found.put(name, new Source(f, info));
            if (prev != null) {
              throw new InvalidInputException(
                  p.toString(), "tensor '" + info.name() + "' also appears in " + prev.file.path());
            }
          } else if (!model.ignorable(name)) {
            unexpected.add(info.name() + " (" + p.getFileName() + ")");
          }
        }
      }
      List<String> missing = new ArrayList<>();
      for (String name : slots.keySet()) {
        if (!found.containsKey(name) && !model.optional(name)) {
          missing.add(name);
        }
      }
      if (!missing.isEmpty() || !unexpected.isEmpty()) {
        throw new InvalidInputException(dir.toString(), mismatch(missing, unexpected));
      }
      Random rng = new Random(seed);
      for (WeightRegistry.Slot slot : slots.values()) {
        Source src = found.get(slot.name());
        if (src == null) {
          WeightRegistry.randomize(slot, model.manager(), rng, 0.02, 0);
        } else {
          WeightRegistry.set(slot, model.manager(), read(src, slot));
        }
      }
    } finally {
      files.forEach(SafeTensorsFile::close);
    }
  }

  private static float[] read(Source src, WeightRegistry.Slot slot) {
    Shape actual = new Shape(src.info.shape());
    if (!actual.equals(slot.shape())) {
      throw new InvalidInputException(
          src.file.path().toString(),
          "tensor '"
              + src.info.name()
              + "' has shape "
              + src.info.shapeText()
              + " but config.json implies "
              + slot.shape());
    }
    if (!src.info.dtype().convertibleToFloat()) {
      throw new InvalidInputException(
          src.file.path().toString(),
          "tensor '"
              + src.info.name()
              + "' has dtype "
              + src.info.dtype()
              + "; F32/F16/BF16 needed");
    }
    return src.file.readFloats(src.info.name());
  }

  private static String mismatch(List<String> missing, List<String> unexpected) {
    StringBuilder sb = new StringBuilder("weights do not match config.json:");
    if (!missing.isEmpty()) {
      sb.append(" missing ").append(missing.size()).append(" tensor(s) ").append(head(missing));
    }
    if (!unexpected.isEmpty()) {
      sb.append(missing.isEmpty() ? "" : ";")
          .append(" unexpected ")
          .append(unexpected.size())
          .append(" tensor(s) ")
          .append(head(unexpected));
    }
    return sb.toString();
  }

  private static String head(List<String> names) {
    List<String> shown = names.subList(0, Math.min(MAX_NAMED, names.size()));
    return shown + (names.size() > MAX_NAMED ? " and " + (names.size() - MAX_NAMED) + " more" : "");
  }

  private record Source(SafeTensorsFile file, TensorInfo info) {}
}
