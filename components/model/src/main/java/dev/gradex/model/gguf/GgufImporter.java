package dev.gradex.model.gguf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.OutputLock;
import dev.gradex.model.config.ConfigWriter;
import dev.gradex.model.config.LlamaConfig;
import dev.gradex.model.safetensors.SafeTensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Converts a Llama-family GGUF file into a Hugging Face model directory: every tensor dequantised
 * to float32 under its Hugging Face name (q and k rows put back in Hugging Face order, see {@link
 * RotaryPermutation}) in {@code model.safetensors}, {@code config.json} from the metadata and a
 * byte-level BPE {@code tokenizer.json}. Written into a temporary sibling directory and renamed to
 * the target (or moved into it, {@code config.json} last), so a failed import leaves nothing that
 * looks complete.
 */
public final class GgufImporter {
  private GgufImporter() {}

  /** Imports {@code ggufFile} into {@code out}, which must not exist or be empty. */
  public static ImportSummary importModel(Path ggufFile, Path out) throws IOException {
    if (Files.exists(out) && !isEmptyDirectory(out)) {
      throw new InvalidInputException(out.toString(), "already exists and is not empty");
    }
    try (GgufFile gguf = GgufFile.open(ggufFile)) {
      String file = ggufFile.toString();
      String arch = gguf.metadata().string("general.architecture");
      if (!arch.equals("llama")) {
        throw new InvalidInputException(
            file, "general.architecture " + arch + " is not supported (only llama)");
      }
      boolean tied = !gguf.tensors().containsKey("output.weight");
      LlamaConfig config = LlamaGgufConfig.read(gguf, tied);
      ObjectNode tokenizer = GgufTokenizerJson.build(gguf.metadata(), file);
      Path tmp = AtomicFiles.tempSibling(out);
      AtomicFiles.deleteTree(tmp);
      Files.createDirectories(tmp);
      try {
        Map<GgmlType, Integer> types = new EnumMap<>(GgmlType.class);
        long params = writeWeights(gguf, config, tmp.resolve("model.safetensors"), types);
        writeConfig(gguf.metadata(), config, tmp);
        AtomicFiles.writeString(
            tmp.resolve("tokenizer.json"), Json.JSON.writeValueAsString(tokenizer));
        publish(tmp, out);
        return new ImportSummary(
            out,
            arch,
            gguf.metadata().string("general.name", ""),
            config.numLayers(),
            config.hiddenSize(),
            config.numHeads(),
            config.numKvHeads(),
            config.vocabSize(),
            tied,
            params,
            types);
      } finally {
        AtomicFiles.deleteTree(tmp);
      }
    }
  }

  private static long writeWeights(
      GgufFile gguf, LlamaConfig config, Path target, Map<GgmlType, Integer> types)
      throws IOException {
    SafeTensorsWriter writer = new SafeTensorsWriter().metadata("format", "pt");
    long params = 0;
    for (GgufTensor t : gguf.tensors().values()) {
      String hf =
          LlamaTensorNames.toHf(t.name())
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          gguf.path().toString(),
                          "tensor " + t.name() + " has no Llama-family counterpart"));
      float[] values = gguf.floats(t);
      long[] shape = t.shape();
      int cols = (int) shape[shape.length - 1];
      values =
          switch (LlamaTensorNames.rotated(t.name())) {
            case QUERY -> RotaryPermutation.toHf(values, config.numHeads(), cols);
            case KEY -> RotaryPermutation.toHf(values, config.numKvHeads(), cols);
            case NONE -> values;
          };
      writer.add(hf, new SafeTensorsWriter.Tensor(values, shape));
      types.merge(t.type(), 1, Integer::sum);
      params += t.elements();
    }
    writer.write(target);
    return params;
  }

  private static void writeConfig(GgufMetadata meta, LlamaConfig config, Path dir)
      throws IOException {
    ObjectNode json = ConfigWriter.toJson(config);
    json.put("torch_dtype", "float32");
    if (meta.has("tokenizer.ggml.bos_token_id")) {
      json.put("bos_token_id", meta.integer("tokenizer.ggml.bos_token_id"));
    }
    AtomicFiles.writeString(
        dir.resolve("config.json"), Json.PRETTY.writeValueAsString(json) + "\n");
  }

  /**
   * Renames the finished directory to {@code out}; into {@code out} file by file, {@code
   * config.json} last, where {@code out} exists already (holding its writer's {@link OutputLock}).
   */
  private static void publish(Path tmp, Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      AtomicFiles.publishTree(tmp, out);
      return;
    }
    for (String name : List.of("model.safetensors", "tokenizer.json", "config.json")) {
      AtomicFiles.move(tmp.resolve(name), out.resolve(name));
    }
    AtomicFiles.forceDirectory(out);
  }

  /** A directory with nothing in it but, perhaps, its writer's lock file. */
  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.allMatch(p -> p.getFileName().toString().equals(OutputLock.FILE));
    }
  }
}
