package dev.gradex.model.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How a classification record's {@code label} becomes the class index the model predicts. Either
 * {@linkplain #INDICES integer indices} (a JSON integer or a string of digits is the index itself;
 * no mapping) or an ordered list of label names, index = position in the list.
 *
 * <p>A run's names are given explicitly ({@code target.labels} in run.yaml, {@code labels} in
 * sources.yaml), which fixes their order, or else built by {@link #fromTraining} from the target's
 * training split: the distinct string labels sorted by {@link String#compareTo} (Unicode code
 * points), so the mapping depends only on which labels occur, not on the file's order. Every split
 * and every source is then read with the same mapping; a label it does not know, or an integer
 * label among names (or the reverse), is refused naming {@code file:line}.
 */
public final class LabelMap {
  /** Integer labels: the record's label is the class index. */
  public static final LabelMap INDICES = new LabelMap(List.of(), "no label names given");

  private static final ObjectMapper JSON = Json.JSON;

  private final List<String> names;
  private final Map<String, Integer> index = new HashMap<>();
  private final String origin;

  private LabelMap(List<String> names, String origin) {
    this.names = List.copyOf(names);
    this.origin = origin;
    for (int i = 0; i < this.names.size(); i++) {
      index.put(this.names.get(i), i);
    }
  }

  /**
   * Names in the given order; {@code origin} says where they were given (for error messages).
   *
   * @throws InvalidInputException naming {@code origin} if the list is empty or a name is blank or
   *     repeated
   */
  public static LabelMap of(List<String> names, String origin) {
    List<String> bad = new ArrayList<>();
    if (names == null || names.isEmpty()) {
      bad.add("the label list is empty");
    } else {
      TreeSet<String> seen = new TreeSet<>();
      for (int i = 0; i < names.size(); i++) {
        String n = names.get(i);
        if (n == null || n.isBlank()) {
          bad.add("label [" + i + "] is blank");
        } else if (!seen.add(n)) {
          bad.add("label '" + n + "' is repeated");
        }
      }
    }
    if (!bad.isEmpty()) {
      throw new InvalidInputException(origin, String.join("; ", bad));
    }
    return new LabelMap(names, origin);
  }

  /**
   * The mapping the target's training split implies: {@link #INDICES} if its labels are integers
   * (or it has none, e.g. prompt/completion records), else its distinct string labels, sorted.
   * Lines that are not JSON objects are skipped here; {@link Dataset#read} reports them.
   *
   * @throws InvalidInputException naming {@code file:line} of the first label of the other kind
   *     when the file mixes integer and string labels
   */
  public static LabelMap fromTraining(Path file) {
    TreeSet<String> found = new TreeSet<>();
    String[] first = new String[2]; // where the first integer label and the first name are
    JsonlLines.forEach(
        file,
        (n, line) -> {
          JsonNode label = label(line);
          if (label == null) {
            return;
          }
          String where = file.getFileName() + ":" + n;
          if (isIndex(label)) {
            first[0] = first[0] == null ? where : first[0];
          } else {
            first[1] = first[1] == null ? where : first[1];
            found.add(label.asText());
          }
          if (first[0] != null && first[1] != null) {
            throw new InvalidInputException(
                where,
                "mixes integer and string labels (first integer label at "
                    + first[0]
                    + ", first string label at "
                    + first[1]
                    + "); use one kind in every file");
          }
        });
    if (found.isEmpty()) {
      return new LabelMap(List.of(), "no string labels in " + file.getFileName());
    }
    return new LabelMap(
        new ArrayList<>(found), "labels built from " + file.getFileName() + " (sorted)");
  }

  private static JsonNode label(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(line);
      JsonNode v = node != null && node.isObject() ? node.get("label") : null;
      return v != null && (v.isTextual() || v.isIntegralNumber()) ? v : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Whether {@code v} is an integer label: a JSON integer or a string of digits. */
  static boolean isIndex(JsonNode v) {
    return v.isIntegralNumber() || (v.isTextual() && v.asText().matches("\\d{1,9}"));
  }

  /**
   * The class index of record label {@code v} read at {@code where} ({@code file:line}).
   *
   * @throws InvalidInputException naming {@code where}: an unknown name (listing the known ones),
   *     an integer among names or a name among integers, or a label of neither kind
   */
  int indexOf(JsonNode v, String where) {
    if (v == null || !(v.isTextual() || v.isIntegralNumber())) {
      throw new InvalidInputException(
          where,
          named()
              ? "\"label\" must be one of " + names
              : "\"label\" must be a non-negative integer index or a label name");
    }
    if (!named()) {
      if (!isIndex(v)) {
        throw new InvalidInputException(
            where,
            "label \""
                + v.asText()
                + "\" is a name, but this run's labels are integer indices ("
                + origin
                + "); mixing integer and string labels is not allowed");
      }
      if (v.isTextual()) {
        return Integer.parseInt(v.asText());
      }
      if (!v.canConvertToInt() || v.asInt() < 0) {
        throw new InvalidInputException(
            where, "\"label\" must be a non-negative integer index (got " + v + ")");
      }
      return v.asInt();
    }
    if (v.isIntegralNumber()) {
      throw new InvalidInputException(
          where,
          "label "
              + v
              + " is an integer index, but this run's labels are names "
              + names
              + " ("
              + origin
              + "); mixing integer and string labels is not allowed");
    }
    Integer i = index.get(v.asText());
    if (i == null) {
      throw new InvalidInputException(
          where,
          "unknown label \""
              + v.asText()
              + "\"; the known labels are "
              + names
              + " ("
              + origin
              + ")");
    }
    return i;
  }

  /** Whether labels are names (else integer indices). */
  public boolean named() {
    return !names.isEmpty();
  }

  /** The names, index order; empty for integer labels. */
  public List<String> names() {
    return names;
  }

  /** Number of names (0 for integer labels). */
  public int size() {
    return names.size();
  }

  /** Where the mapping came from, as error messages name it. */
  public String origin() {
    return origin;
  }

  /**
   * Hugging Face's {@code id2label} for a head of {@code numLabels} classes: the names, then {@code
   * LABEL_<i>} (the transformers default) for indices the mapping does not use.
   */
  public Map<String, String> id2label(int numLabels) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < Math.max(numLabels, names.size()); i++) {
      m.put(Integer.toString(i), i < names.size() ? names.get(i) : "LABEL_" + i);
    }
    return m;
  }

  /** Hugging Face's {@code label2id}, the inverse of {@link #id2label}. */
  public Map<String, Integer> label2id(int numLabels) {
    Map<String, Integer> m = new LinkedHashMap<>();
    id2label(numLabels).forEach((id, name) -> m.put(name, Integer.valueOf(id)));
    return m;
  }

  /**
   * Checks that a classifier head of {@code numLabels} classes can hold every name.
   *
   * @throws InvalidInputException naming the mapping's origin otherwise
   */
  public void requireFits(int numLabels) {
    if (names.size() > numLabels) {
      throw new InvalidInputException(
          origin,
          names.size()
              + " labels "
              + names
              + " but the model's classifier has num_labels = "
              + numLabels
              + " (set num_labels in the model's config.json, or use a model with more classes)");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelMap l && l.names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return named() ? names.toString() : "integer labels";
  }
}
