package dev.gradex.model.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.Sha256;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The examples of one JSONL file, in file order, with the file's SHA-256 digest (for manifests).
 * Every malformed record (not JSON, missing fields, not UTF-8, longer than {@link
 * JsonlLines#MAX_RECORD_BYTES}) is an {@link InvalidInputException} naming {@code file:line};
 * nothing is skipped silently.
 *
 * @param source the file read
 * @param digest {@code sha256:<hex>} of the file's bytes
 * @param examples the records, in order
 * @param labels how the file's labels were read into class indices
 */
public record Dataset(Path source, String digest, List<Example> examples, LabelMap labels) {
  private static final ObjectMapper JSON = Json.JSON;

  public Dataset {
    examples = List.copyOf(examples);
  }

  /** Number of examples. */
  public int size() {
    return examples.size();
  }

  /**
   * Reads {@code file}. A record's task is its {@code task} field, else {@code defaultTask}, else
   * the file name without {@code .jsonl}. Blank lines are ignored; ids must be unique. Labels must
   * be integer indices ({@link LabelMap#INDICES}).
   */
  public static Dataset read(Path file, String defaultTask) {
    return read(file, defaultTask, LabelMap.INDICES);
  }

  /** Reads {@code file} as {@link #read(Path, String)} does, its labels through {@code labels}. */
  public static Dataset read(Path file, String defaultTask, LabelMap labels) {
    String task = defaultTask != null ? defaultTask : stem(file);
    List<Example> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    JsonlLines.forEach(
        file,
        (n, line) -> {
          if (line.isBlank()) {
            return;
          }
          Example e = parse(line, file.getFileName() + ":" + n, task, n, labels);
          if (!ids.add(e.id())) {
            throw new InvalidInputException(file.getFileName() + ":" + n, "duplicate id " + e.id());
          }
          out.add(e);
        });
    if (out.isEmpty()) {
      throw new InvalidInputException(
          file.toString(), "no records (the file is empty or has only blank lines)");
    }
    return new Dataset(file, "sha256:" + Sha256.of(file), out, labels);
  }

  /**
   * The line number of each record of {@code file}, in the order of {@link #examples()} (blank
   * lines hold none), so a report can name {@code file:line} for an example by its index.
   */
  public static int[] lineNumbers(Path file) {
    List<Integer> lines = new ArrayList<>();
    JsonlLines.forEach(
        file,
        (n, line) -> {
          if (!line.isBlank()) {
            lines.add(n);
          }
        });
    return lines.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
  }

  static Example parse(
      String line, String where, String defaultTask, int lineNumber, LabelMap labels) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(where, "not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(where, "a record must be a JSON object");
    }
    String task = optText(node, "task", where, defaultTask);
    String id = optText(node, "id", where, task + "/" + lineNumber);
    if (id.isEmpty() || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
      throw new InvalidInputException(where, "\"id\" must be non-empty without line breaks");
    }
    boolean lm = node.has("prompt") || node.has("completion");
    boolean cls = node.has("text") || node.has("label");
    if (lm == cls) {
      throw new InvalidInputException(
          where, "needs either \"prompt\" and \"completion\" or \"text\" and \"label\"");
    }
    if (lm) {
      return Example.lm(id, task, text(node, "prompt", where), text(node, "completion", where));
    }
    return Example.classification(
        id, task, text(node, "text", where), labels.indexOf(node.get("label"), where));
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new InvalidInputException(where, "\"" + field + "\" must be a string");
    }
    return v.asText();
  }

  private static String optText(JsonNode node, String field, String where, String fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual() && !v.isIntegralNumber()) {
      throw new InvalidInputException(where, "\"" + field + "\" must be a string");
    }
    return v.asText();
  }
}
