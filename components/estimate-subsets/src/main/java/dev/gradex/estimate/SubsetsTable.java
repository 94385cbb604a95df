package dev.gradex.estimate;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an estimate-subsets output's {@code subsets.csv} ({@link SubsetEstimation#header()}). */
final class SubsetsTable {
  private SubsetsTable() {}

  /** The data rows of {@code out/subsets.csv}, split into fields, in file order. */
  static List<List<String>> rows(Path out) {
    Path file = out.resolve("subsets.csv");
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage());
    }
    if (lines.isEmpty() || !lines.get(0).equals(SubsetEstimation.header())) {
      throw new InvalidInputException(file.toString(), "not a subsets table");
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      List<String> f = CsvText.split(lines.get(i));
      if (f.size() != 10) {
        throw new InvalidInputException(
            file.toString(), "line " + (i + 1) + " has " + f.size() + " fields, not 10");
      }
      rows.add(f);
    }
    return rows;
  }
}
