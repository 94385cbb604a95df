package dev.gradex.core.subsets;

import dev.gradex.core.Csv;
import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sampled subsets of a run, persisted so the run can be resumed or audited (Li et al., arXiv
 * 2409.19458, stage 4; docs/method.md#stage-4-sampling-scoring-selection). The CSV names tasks
 * rather than indices so the file stays meaningful if the store's task order changes:
 *
 * <pre>
 * subset,size,members
 * 0,2,math;code
 * </pre>
 *
 * Members are written in ascending task-index order and re-sorted by index when read.
 */
public final class SubsetList {
  static final String HEADER = "subset,size,members";

  private final List<int[]> subsets;

  /**
   * @param subsets task-index subsets; copied and each sorted ascending
   */
  public SubsetList(List<int[]> subsets) {
    List<int[]> copy = new ArrayList<>(subsets.size());
    for (int[] s : subsets) {
      int[] c = s.clone();
      Arrays.sort(c);
      copy.add(c);
    }
    this.subsets = copy;
  }

  /** The subsets, as fresh copies. */
  public List<int[]> subsets() {
    List<int[]> out = new ArrayList<>(subsets.size());
    subsets.forEach(s -> out.add(s.clone()));
    return out;
  }

  public int size() {
    return subsets.size();
  }

  /** A copy of subset {@code j}. */
  public int[] get(int j) {
    return subsets.get(j).clone();
  }

  /**
   * Writes the list as CSV.
   *
   * @param taskNames name of each task index; names must not contain ',', ';', quotes or line
   *     breaks
   */
  public void write(Path file, List<String> taskNames) {
    for (String name : taskNames) {
      if (name.isEmpty() || name.matches("(?s).*[,;\"\\r\\n].*")) {
        throw new InvalidInputException(
            "task name \"" + name + "\"",
            "cannot be written to a subset list; names must be non-empty without , ; \" or newlines");
      }
    }
    Csv.Table csv = Csv.table(HEADER.split(","));
    for (int j = 0; j < subsets.size(); j++) {
      int[] s = subsets.get(j);
      List<String> names = new ArrayList<>(s.length);
      for (int t : s) {
        if (t < 0 || t >= taskNames.size()) {
          throw new IllegalArgumentException("subset " + j + " has task index " + t);
        }
        names.add(taskNames.get(t));
      }
      csv.row(j, s.length, String.join(";", names));
    }
    try {
      Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }

  /**
   * Reads a list written by {@link #write}, mapping names back to indices of {@code taskNames}.
   *
   * @throws InvalidInputException naming the file and line of the first malformed row or unknown
   *     task
   */
  public static SubsetList read(Path file, List<String> taskNames) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < taskNames.size(); i++) {
      index.put(taskNames.get(i), i);
    }
    List<int[]> subsets = new ArrayList<>();
    List<Csv.Row> rows = Csv.read(file);
    String header = rows.isEmpty() ? null : String.join(",", rows.get(0).fields()).strip();
    if (header == null || !header.equals(HEADER)) {
      throw new InvalidInputException(
          file + ":1", "expected header \"" + HEADER + "\" but found \"" + header + "\"");
    }
    for (Csv.Row row : rows.subList(1, rows.size())) {
      if (!String.join("", row.fields()).isBlank()) {
        subsets.add(parseRow(row.fields(), subsets.size(), index, row.at()));
      }
    }
    return new SubsetList(subsets);
  }

  private static int[] parseRow(
      List<String> fields, int expected, Map<String, Integer> index, String at) {
    String[] cells = fields.stream().map(String::strip).toArray(String[]::new);
    if (cells.length != 3) {
      throw new InvalidInputException(
          at, "expected 3 columns (" + HEADER + "): \"" + String.join(",", fields) + "\"");
    }
    int id = parseInt(cells[0], "subset", at);
    if (id != expected) {
      throw new InvalidInputException(at, "subset number " + id + ", expected " + expected);
    }
    int size = parseInt(cells[1], "size", at);
    String[] names = cells[2].isEmpty() ? new String[0] : cells[2].split(";", -1);
    if (names.length != size) {
      throw new InvalidInputException(at, "size " + size + " but " + names.length + " members");
    }
    int[] members = new int[size];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < size; i++) {
      Integer t = index.get(names[i]);
      if (t == null) {
        throw new InvalidInputException(at, "unknown task \"" + names[i] + "\"");
      }
      if (!seen.add(names[i])) {
        throw new InvalidInputException(at, "task \"" + names[i] + "\" listed twice");
      }
      members[i] = t;
    }
    Arrays.sort(members);
    return members;
  }

  private static int parseInt(String cell, String column, String at) {
    try {
      return Integer.parseInt(cell.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(at, column + " \"" + cell + "\" is not an integer");
    }
  }
}
