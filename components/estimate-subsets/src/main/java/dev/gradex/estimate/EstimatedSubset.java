package dev.gradex.estimate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One row of an estimate-subsets output's {@code subsets.csv}: a sampled subset S of source tasks
 * and its estimate fhat(S) (stage 3 of Li, Zhang, Wang and Zhang, arXiv 2409.19458), e.g. to pick
 * subsets to fine-tune for real and compare with (fidelity).
 *
 * @param index the subset's position in the sampled list
 * @param members its source task names
 * @param estimatedLoss fhat(S), the same estimator as the selection's
 */
public record EstimatedSubset(int index, List<String> members, double estimatedLoss) {
  public EstimatedSubset {
    members = List.copyOf(members);
  }

  /** Every row of {@code out/subsets.csv}, in file order. */
  public static List<EstimatedSubset> readAll(Path out) {
    List<EstimatedSubset> rows = new ArrayList<>();
    for (List<String> f : SubsetsTable.rows(out)) {
      List<String> members = f.get(2).isEmpty() ? List.of() : Arrays.asList(f.get(2).split(";"));
      rows.add(
          new EstimatedSubset(Integer.parseInt(f.get(0)), members, Double.parseDouble(f.get(3))));
    }
    return rows;
  }
}
