package dev.gradex.cli.bench.paper;

import dev.gradex.cli.bench.sweep.FinishedRun;
import dev.gradex.core.Csv;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.fidelity.FidelityReport;
import dev.gradex.core.scoring.RidgeFit;
import dev.gradex.core.scoring.RidgeSurrogate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well the m sampled subsets of one estimate run predict real fine-tuning: the ridge surrogate
 * of stage 4 (Li et al., arXiv 2409.19458) fitted to their fhat in {@code subsets.csv}, its
 * prediction for each fidelity point compared with the point's measured f. Unlike fhat of a fixed
 * subset, this depends on how many subsets were sampled (m) and how (alpha).
 */
final class SurrogateFidelity {
  private SurrogateFidelity() {}

  /**
   * @param estimateDir an estimate-subsets output directory (with {@code subsets.csv})
   * @param points the really fine-tuned subsets
   */
  static FidelityReport of(Path estimateDir, List<FinishedRun.Point> points) {
    Path file = estimateDir.resolve("subsets.csv");
    List<Csv.Row> rows = Csv.read(file);
    if (rows.isEmpty()) {
      throw new InvalidInputException(file.toString(), "is empty, not a subsets table");
    }
    List<String> header = rows.get(0).fields();
    int members = header.indexOf("members");
    int loss = header.indexOf("estimated_loss");
    if (members < 0 || loss < 0) {
      throw new InvalidInputException(
          file.toString(), "has no members or estimated_loss column: " + header);
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    List<int[]> subsets = new ArrayList<>();
    double[] losses = new double[rows.size() - 1];
    for (int i = 1; i < rows.size(); i++) {
      Csv.Row r = rows.get(i);
      subsets.add(indices(split(r.fields().get(members)), index));
      try {
        losses[i - 1] = Double.parseDouble(r.fields().get(loss));
      } catch (NumberFormatException e) {
        throw new InvalidInputException(r.at(), "estimated_loss " + r.fields().get(loss), e);
      }
    }
    List<int[]> pointSets = new ArrayList<>();
    for (FinishedRun.Point p : points) {
      pointSets.add(indices(p.members(), index));
    }
    RidgeFit fit = RidgeSurrogate.withDefaultPenalty().fit(subsets, losses, index.size());
    double[] predicted = new double[points.size()];
    double[] measured = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      predicted[i] = fit.predict(pointSets.get(i));
      measured[i] = points.get(i).measuredLoss();
    }
    return FidelityReport.compare(predicted, measured);
  }

  private static List<String> split(String members) {
    return members.isEmpty() ? List.of() : List.of(members.split(";"));
  }

  /** Indices of the names, each new name given the next index (a point's unsampled source: 0). */
  private static int[] indices(List<String> names, Map<String, Integer> index) {
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = index.computeIfAbsent(names.get(i), k -> index.size());
    }
    return out;
  }
}
