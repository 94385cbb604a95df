package dev.gradex.cli.bench.sweep;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.estimate.EstimateInputs;
import dev.gradex.estimate.EstimateSubsetsConfig;
import dev.gradex.estimate.EstimateSubsetsResult;
import dev.gradex.estimate.EstimateSubsetsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code gradex bench lambda} reads of a finished {@code gradex run} directory: the gradient
 * store ({@code gradients/}), the estimate stage's settings (its typed manifest's {@code
 * inputs.settings}) and the really fine-tuned subsets of {@code fidelity.json} with their measured
 * f(S).
 *
 * @param dir the run directory
 * @param estimate the estimate stage's settings, to re-run it with another lambda and norm cap
 * @param points the fidelity points, in fidelity.json's order
 */
public record FinishedRun(Path dir, Settings estimate, List<Point> points) {

  /** The estimate stage's settings that the sweep keeps (all but lambda and the norm cap). */
  public record Settings(
      int subsets,
      double alpha,
      long seed,
      String mode,
      String select,
      String scoring,
      List<String> exclude,
      double lambda,
      double normCap,
      double tolerance,
      int maxIterations,
      boolean tokenWeighted) {

    /**
     * What the sweep keeps of a run's estimate settings, with the cap its estimate applied: its
     * own, else the default cap it was given (which the estimate applies whenever the store records
     * ||theta*||, as every extracted store does).
     */
    static Settings of(Path manifest, EstimateSubsetsSettings s) {
      if (s.pseudoTasks() > 0) {
        throw new InvalidInputException(
            manifest + ": inputs.settings.pseudoTasks",
            "pseudo-task runs are not supported by the sweep");
      }
      EstimatorConfig e = s.estimator();
      double cap =
          Double.isNaN(e.normCap()) && s.defaultNormCap() != null
              ? s.defaultNormCap()
              : e.normCap();
      return new Settings(
          s.subsets(),
          s.alpha(),
          s.seed(),
          s.mode(),
          s.select(),
          s.scoring(),
          s.exclude(),
          e.lambda(),
          cap,
          e.tolerance(),
          e.maxIterations(),
          e.tokenWeighted());
    }

    /** These settings with {@code subsets} sampled subsets of {@code alpha} n sources each. */
    public Settings withSampling(int subsets, double alpha) {
      return with(subsets, alpha, select, scoring);
    }

    /** These settings with another selection rule and scoring. */
    public Settings withRule(String select, String scoring) {
      return with(subsets, alpha, select, scoring);
    }

    private Settings with(int subsets, double alpha, String select, String scoring) {
      return new Settings(
          subsets,
          alpha,
          seed,
          mode,
          select,
          scoring,
          exclude,
          lambda,
          normCap,
          tolerance,
          maxIterations,
          tokenWeighted);
    }

    /** The run's estimator settings with {@code lambda} and {@code normCap} (NaN: none). */
    EstimatorConfig estimator(double lambda, double normCap) {
      return EstimatorConfig.builder()
          .optLambda(lambda)
          .optNormCap(normCap)
          .optTolerance(tolerance)
          .optMaxIterations(maxIterations)
          .optTokenWeighted(tokenWeighted)
          .optSeed(seed)
          .build();
    }

    /** The estimate stage's configuration over {@code store}, writing into {@code out}. */
    EstimateSubsetsConfig stage(Path store, Path out, EstimatorConfig estimator, int threads) {
      return EstimateSubsetsConfig.builder()
          .setStore(store)
          .setOut(out)
          .optSubsets(subsets)
          .optAlpha(alpha)
          .optSeed(seed)
          .optMode(mode)
          .optSelect(select)
          .optScoring(scoring)
          .optExclude(exclude)
          .optThreads(threads)
          .optEstimator(estimator)
          .optDefaultNormCap(Double.NaN) // every swept setting states its cap, "none" included
          .build();
    }
  }

  /** One really fine-tuned subset of fidelity.json. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Point(
      String id, String kind, List<String> members, double estimatedLoss, double measuredLoss) {}

  private static final ObjectMapper JSON = Json.JSON;

  public Path store() {
    return dir.resolve("gradients");
  }

  /**
   * @throws InvalidInputException naming the file that is missing or unusable
   */
  public static FinishedRun read(Path dir) {
    Path manifest = dir.resolve("estimate/manifest.json");
    Path fidelity = dir.resolve("fidelity.json");
    List<String> missing = new ArrayList<>();
    for (Path p : List.of(manifest, fidelity, dir.resolve("gradients/manifest.json"))) {
      if (!Files.isRegularFile(p)) {
        missing.add(dir.relativize(p).toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(
          dir.toString(),
          "not a finished gradex run with a fidelity check: missing " + String.join(", ", missing));
    }
    Settings settings = Settings.of(manifest, estimateSettings(dir.resolve("estimate")));
    List<Point> points = new ArrayList<>();
    JsonNode list = tree(fidelity).path("points");
    for (int i = 0; i < list.size(); i++) {
      Point p = JSON.convertValue(list.get(i), Point.class);
      if (p.members() == null || !Double.isFinite(p.measuredLoss())) {
        throw new InvalidInputException(
            fidelity + ": points[" + i + "]", "needs members and a finite measuredLoss");
      }
      points.add(p);
    }
    if (points.size() < 3) {
      throw new InvalidInputException(
          fidelity.toString(),
          points.size() + " point(s); a rank correlation needs at least 3 (fidelity.subsets)");
    }
    return new FinishedRun(dir, settings, List.copyOf(points));
  }

  /**
   * The settings the estimate recorded in its typed manifest.
   *
   * @throws InvalidInputException naming the manifest when it is of another format (an older
   *     GradEx's untyped one) or its inputs are not an estimate's
   */
  private static EstimateSubsetsSettings estimateSettings(Path estimateDir) {
    JsonNode inputs = StageManifest.read(estimateDir, EstimateSubsetsResult.class).inputs();
    try {
      EstimateInputs typed = JSON.treeToValue(inputs, EstimateInputs.class);
      if (typed == null || typed.settings() == null || typed.settings().estimator() == null) {
        throw new IllegalArgumentException("no settings with an estimator");
      }
      return typed.settings();
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException(
          estimateDir.resolve(StageManifest.FILE) + ": inputs",
          "not an estimate's inputs: " + e.getMessage(),
          e);
    }
  }

  private static JsonNode tree(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "not valid JSON: " + e.getMessage(), e);
    }
  }
}
