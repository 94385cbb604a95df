package dev.gradex.finetune;

import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import dev.gradex.core.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The registered form of a fine-tuned adapter: a clean directory with the adapter's files (PEFT
 * layout: {@code adapter_config.json} naming the base model, {@code adapter_model.safetensors}; no
 * resume checkpoints), {@code gradex.json} (the sources it was trained on, the run) and an MLflow
 * {@code MLmodel} with a {@code python_function} flavour whose loader ({@code
 * code/gradex_adapter.py}) {@code mlflow.pyfunc.load_model} imports.
 *
 * @param dir the package directory
 * @param digest SHA-256 over the adapter files' names and contents (not the MLmodel or run), so an
 *     unchanged adapter has the same digest in every run
 */
public record ModelPackage(Path dir, String digest) {
  public static final String LOADER = "gradex_adapter.py";

  /**
   * Writes the package of {@code adapter} into {@code dir} (replaced whole: written aside, then
   * renamed).
   */
  public static ModelPackage write(Path adapter, Path dir, List<String> sources, String target) {
    Path tmp = AtomicFiles.tempSibling(dir);
    try {
      Files.createDirectories(tmp.resolve("adapter"));
      Files.createDirectories(tmp.resolve("code"));
      MessageDigest md = Sha256.newDigest();
      try (Stream<Path> files = Files.list(adapter)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = f.getFileName().toString();
          if (name.startsWith(".")) {
            continue; // locks and temporaries
          }
          Files.copy(f, tmp.resolve("adapter").resolve(name));
          md.update(name.getBytes(StandardCharsets.UTF_8));
          md.update(Files.readAllBytes(f));
        }
      }
      String digest = Sha256.hex(md.digest());
      try (InputStream in = ModelPackage.class.getResourceAsStream(LOADER)) {
        Files.copy(in, tmp.resolve("code").resolve(LOADER));
      }
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("sources", sources);
      info.put("target", target);
      info.put("adapter_sha256", digest);
      Files.writeString(
          tmp.resolve("adapter").resolve("gradex.json"), Json.PRETTY.writeValueAsString(info));
      Files.writeString(tmp.resolve("MLmodel"), mlmodel());
      if (Files.exists(dir)) {
        AtomicFiles.deleteTree(dir);
      }
      AtomicFiles.publishTree(tmp, dir);
      return new ModelPackage(dir, digest);
    } catch (IOException e) {
      AtomicFiles.deleteTree(tmp);
      throw new UncheckedIOException("could not write the model package " + dir, e);
    }
  }

  /** The MLmodel file: a python_function flavour loaded by {@code gradex_adapter}. */
  private static String mlmodel() {
    return String.join(
        "\n",
        "artifact_path: model",
        "flavors:",
        "  python_function:",
        "    loader_module: gradex_adapter",
        "    code: code",
        "    data: adapter",
        "",
        "");
  }
}
