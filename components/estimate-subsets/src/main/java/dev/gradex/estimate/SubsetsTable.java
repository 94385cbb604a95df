package dev.gradex.estimate;

import dev.gradex.core.Csv;
import dev.gradex.core.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an estimate-subsets output's {@code subsets.csv} ({@link SubsetEstimation#header()}). */
final class SubsetsTable {
  private SubsetsTable() {}

  /** The data rows of {@code out/subsets.csv}, split into fields, in file order. */
  static List<List<String>> rows(Path out) {
    Path file = out.resolve("subsets.csv");
    List<Csv.Row> records = Csv.read(file);
    if (records.isEmpty()
        || !records.get(0).fields().equals(Csv.parseRow(SubsetEstimation.header()))) {
      throw new InvalidInputException(file.toString(), "not a subsets table");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Csv.Row r : records.subList(1, records.size())) {
      if (r.size() != 10) {
        throw new InvalidInputException(r.at(), "has " + r.size() + " fields, not 10");
      }
      rows.add(r.fields());
    }
    return rows;
  }
}
