package dev.gradex.local;

import dev.gradex.component.stage.StageResult;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Csv;
import dev.gradex.core.Json;
import dev.gradex.core.fidelity.FidelityReport;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.estimate.EstimatedSubset;
import dev.gradex.finetune.FineTuneResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fidelity check of a local run, the second measure of Li, Zhang, Wang and Zhang (arXiv
 * 2409.19458; docs/method.md#fidelity): subsets fine-tuned for real, each with its estimate fhat(S)
 * from estimate-subsets and its measured f(S) in the same units, the mean over target validation
 * examples of log(1 + exp(-o_S(v))) ({@code validation_output_loss} of the fine-tune stage);
 * compared by relative RSS, Spearman and Kendall's tau-b. Written as {@code fidelity.json} and
 * {@code fidelity.csv} in the run directory; each sampled subset's fine-tune has its own resumable
 * directory under {@code fidelity/}.
 */
final class FidelityCheck {
  static final String DIR = "fidelity";
  static final String SAMPLED = "sampled subset";
  static final String SELECTION = "selection";
  static final String ALL_SOURCES = "all sources";

  /** Fine-tunes the base model on the target plus {@code members} into {@code out}. */
  interface FineTuner {
    FineTuneResult run(List<String> members, Path out) throws Exception;
  }

  /**
   * One subset fine-tuned for real.
   *
   * @param id its name: {@code subset-<index in subsets.csv>}, or its kind for the free points
   * @param kind {@link #SAMPLED}, {@link FidelityPlan#TARGET_ONLY}, {@link
   *     FidelityPlan#BEST_SINGLE}, {@link #SELECTION} or {@link #ALL_SOURCES}
   * @param members its source tasks
   * @param estimatedLoss fhat(S)
   * @param measuredLoss f(S), in fhat's units
   * @param validationLoss the target validation token loss of the same fine-tune
   * @param testLoss its target test token loss
   */
  record Point(
      String id,
      String kind,
      List<String> members,
      double estimatedLoss,
      double measuredLoss,
      double validationLoss,
      double testLoss) {

    /** From a fine-tune stage's results. */
    static Point of(
        String id, String kind, List<String> members, double estimated, FineTuneResult results) {
      return new Point(
          id,
          kind,
          List.copyOf(members),
          estimated,
          results.validationOutputLoss(),
          results.validationLoss(),
          results.testLoss());
    }
  }

  /** The fidelity stage's result: the points fine-tuned, counted in {@code fine_tuned_subsets}. */
  record Points(List<Point> points, boolean reused) implements StageResult {
    Points {
      points = List.copyOf(points);
    }

    @Override
    public Map<String, Double> metrics() {
      return Map.of("fine_tuned_subsets", (double) points.size());
    }

    @Override
    public Map<String, Path> artifacts() {
      return Map.of();
    }
  }

  private FidelityCheck() {}

  /**
   * Fine-tunes each planned subset under {@code runDir/fidelity/<id>}, first saying which training
   * budget they share.
   */
  static Points fineTune(
      Path runDir,
      List<FidelityPlan.Planned> planned,
      String budget,
      FineTuner tuner,
      ProgressListener listener)
      throws Exception {
    listener.on(
        ProgressEvent.StageStarted.step("fidelity: " + planned.size() + " subsets; " + budget));
    List<Point> points = new ArrayList<>();
    boolean allReused = true;
    for (int i = 0; i < planned.size(); i++) {
      FidelityPlan.Planned p = planned.get(i);
      EstimatedSubset s = p.subset();
      listener.on(
          ProgressEvent.StageStarted.step(
              String.format(
                  "fidelity %d/%d: %s (fhat %.4f, %s)",
                  i + 1,
                  planned.size(),
                  p.id(),
                  s.estimatedLoss(),
                  s.members().isEmpty() ? "target alone" : String.join(" ", s.members()))));
      FineTuneResult r = tuner.run(s.members(), runDir.resolve(DIR).resolve(p.id()));
      allReused &= r.reused();
      points.add(Point.of(p.id(), p.kind(), s.members(), s.estimatedLoss(), r));
    }
    return new Points(points, allReused);
  }

  /**
   * Compares the points and writes {@code fidelity.json} and {@code fidelity.csv}.
   *
   * @param budget the training budget every point was fine-tuned with, stated in fidelity.json
   */
  static FidelityReport write(Path runDir, List<Point> points, String budget) {
    double[] estimated = points.stream().mapToDouble(Point::estimatedLoss).toArray();
    double[] measured = points.stream().mapToDouble(Point::measuredLoss).toArray();
    FidelityReport report = FidelityReport.compare(estimated, measured);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "measure",
        "estimated fhat(S) vs measured f(S), both the mean over target validation examples of"
            + " log(1 + exp(-o(v))) (o: mean gold-token logit-odds); relativeRss = sum (fhat - f)^2"
            + " / sum f^2");
    json.put("budget", budget);
    json.put("n", report.n());
    json.put("relativeRss", report.relativeRss());
    json.put("spearman", report.spearman());
    json.put("kendallTauB", report.kendallTauB());
    json.put("points", points);
    try {
      AtomicFiles.writeString(
          runDir.resolve("fidelity.json"), Json.PRETTY.writeValueAsString(json) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Csv.Table csv =
        Csv.table(
            "id",
            "kind",
            "size",
            "members",
            "estimated_loss",
            "measured_loss",
            "validation_loss",
            "test_loss");
    for (Point p : points) {
      csv.row(
          p.id(),
          p.kind(),
          p.members().size(),
          String.join(";", p.members()),
          p.estimatedLoss(),
          p.measuredLoss(),
          p.validationLoss(),
          p.testLoss());
    }
    AtomicFiles.writeString(runDir.resolve("fidelity.csv"), csv.toString());
    return report;
  }
}
