package dev.gradex.model.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sources artifact (docs/architecture.md#sources-artifact): a directory with {@code
 * sources.yaml} naming the target's splits and each source task's JSONL file, relative to the
 * directory or absolute, with an optional SHA-256 that must match.
 *
 * <pre>
 * target: {train: target-train.jsonl, validation: target-validation.jsonl, test: target-test.jsonl}
 * sources:
 *   - {name: web, path: web.jsonl, sha256: 3f1c...}
 * labels: [ham, spam]            # optional: class names, index order
 * </pre>
 *
 * <p>{@code labels} maps string labels of classification records to class indices; every file of
 * the set is read with it, so every stage (and every KFP component) sees the same indices. Without
 * it (files written before it existed, or integer labels), the mapping is the one {@link
 * LabelMap#fromTraining} builds from {@code target.train}: the same in every component, since it
 * depends only on that file.
 *
 * @param directory the artifact directory
 * @param target the target's splits
 * @param sources the source tasks, in file order
 * @param labels how labels become class indices
 */
public record SourceSet(Path directory, Splits target, List<Source> sources, LabelMap labels) {
  /** File name of the list inside the directory. */
  public static final String FILE = "sources.yaml";

  /** Name of the target's own task in gradient stores and datasets. */
  public static final String TARGET = "target";

  /** The target's split files. */
  public record Splits(String train, String validation, String test) {}

  /** One source task. */
  public record Source(String name, String path, String sha256) {}

  private record FileForm(
      Splits target,
      List<Source> sources,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> labels) {}

  private static final ObjectMapper YAML = Json.STRICT_YAML;

  /** Reads and checks {@code dir/sources.yaml}: every file exists and matches its digest. */
  public static SourceSet read(Path dir) {
    Path file = dir.resolve(FILE);
    FileForm form;
    try {
      form = YAML.readValue(Files.readAllBytes(file), FileForm.class);
    } catch (JsonMappingException e) {
      throw new InvalidInputException(
          file + ": " + e.getPathReference(), "not valid here: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage());
    }
    if (form == null) {
      throw new InvalidInputException(file.toString(), "is empty");
    }
    List<Source> sources = form.sources() == null ? List.of() : form.sources();
    new SourceSet(dir, form.target(), sources, LabelMap.INDICES).check(file);
    LabelMap labels =
        form.labels() != null
            ? LabelMap.of(form.labels(), file + ": labels")
            : LabelMap.fromTraining(dir.resolve(form.target().train()).normalize());
    return new SourceSet(dir, form.target(), sources, labels);
  }

  /** Writes {@code sources.yaml} into {@code dir} (atomically), without label names. */
  public static void write(Path dir, Splits target, List<Source> sources) {
    write(dir, target, sources, LabelMap.INDICES);
  }

  /**
   * Writes {@code sources.yaml} into {@code dir} (atomically), with {@code labels} if they are
   * names.
   */
  public static void write(Path dir, Splits target, List<Source> sources, LabelMap labels) {
    try {
      FileForm form = new FileForm(target, sources, labels.named() ? labels.names() : null);
      AtomicFiles.writeString(dir.resolve(FILE), YAML.writeValueAsString(form));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void check(Path file) {
    List<String> bad = new ArrayList<>();
    if (target == null || target.train() == null || target.validation() == null) {
      bad.add("target needs train and validation files");
    } else if (!Files.isRegularFile(resolve(target.train()))) {
      bad.add("target.train " + resolve(target.train()) + " does not exist");
    }
    if (sources.isEmpty()) {
      bad.add("sources: at least one source is required");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      if (s.name() == null || s.name().isBlank() || s.path() == null) {
        bad.add("sources[" + i + "] needs a name and a path");
      } else if (!names.add(s.name()) || s.name().equals(TARGET)) {
        bad.add("sources[" + i + "].name '" + s.name() + "' is repeated or reserved");
      } else if (!Files.isRegularFile(resolve(s.path()))) {
        bad.add("sources[" + i + "].path " + resolve(s.path()) + " does not exist");
      } else if (s.sha256() != null && !s.sha256().equals(Sha256.of(resolve(s.path())))) {
        bad.add(
            "sources[" + i + "] (" + s.name() + "): " + s.path() + " does not match its sha256");
      }
    }
    if (!bad.isEmpty()) {
      throw new InvalidInputException(file.toString(), String.join("; ", bad));
    }
  }

  /** {@code path} relative to the directory (absolute paths stay as they are). */
  public Path resolve(String path) {
    return directory.resolve(path).normalize();
  }

  /** The training examples of source {@code s}. */
  public Dataset read(Source s) {
    return Dataset.read(resolve(s.path()), s.name(), labels);
  }

  /** One of the target's splits. */
  public Dataset readTarget(String split) {
    return Dataset.read(resolve(split), TARGET, labels);
  }

  /**
   * Source name to SHA-256 of its file (and the target's splits, and the label names when there
   * are), for provenance and caching.
   */
  public Map<String, String> digests() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Source s : sources) {
      m.put(s.name(), Sha256.of(resolve(s.path())));
    }
    m.put("target.train", Sha256.of(resolve(target.train())));
    m.put("target.validation", Sha256.of(resolve(target.validation())));
    if (target.test() != null) {
      m.put("target.test", Sha256.of(resolve(target.test())));
    }
    if (labels.named()) {
      m.put("labels", String.join(",", labels.names()));
    }
    return m;
  }
}
