package dev.gradex.cli.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.estimate.EstimateSubsetsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code gradex bench lambda} reads of a finished {@code gradex run} directory: the gradient
 * store ({@code gradients/}), the estimate stage's effective configuration (its manifest's {@code
 * inputs.config}) and the really fine-tuned subsets of {@code fidelity.json} with their measured
 * f(S).
 *
 * @param dir the run directory
 * @param estimate the estimate stage's settings, to re-run it with another lambda and norm cap
 * @param points the fidelity points, in fidelity.json's order
 */
record FinishedRun(Path dir, Settings estimate, List<Point> points) {

  /** The estimate stage's settings that the sweep keeps (all but lambda and the norm cap). */
  record Settings(
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
  record Point(
      String id, String kind, List<String> members, double estimatedLoss, double measuredLoss) {}

  private static final ObjectMapper JSON = Json.JSON;

  Path store() {
    return dir.resolve("gradients");
  }

  /**
   * @throws InvalidInputException naming the file that is missing or unusable
   */
  static FinishedRun read(Path dir) {
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
    Settings settings = settings(manifest, tree(manifest).path("inputs").path("config"));
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

  private static Settings settings(Path file, JsonNode c) {
    JsonNode e = c.path("estimator");
    if (c.path("pseudoTasks").asInt(0) > 0) {
      throw new InvalidInputException(
          file + ": inputs.config.pseudoTasks", "pseudo-task runs are not supported by the sweep");
    }
    List<String> missing = new ArrayList<>();
    for (String key : List.of("subsets", "alpha", "seed", "mode", "select", "scoring")) {
      if (c.path(key).isMissingNode()) {
        missing.add("inputs.config." + key);
      }
    }
    if (e.path("lambda").isMissingNode()) {
      missing.add("inputs.config.estimator.lambda");
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(file.toString(), "missing " + String.join(", ", missing));
    }
    List<String> exclude = new ArrayList<>();
    c.path("exclude").forEach(x -> exclude.add(x.asText()));
    return new Settings(
        c.get("subsets").asInt(),
        c.get("alpha").asDouble(),
        c.get("seed").asLong(),
        c.get("mode").asText(),
        c.get("select").asText(),
        c.get("scoring").asText(),
        List.copyOf(exclude),
        e.get("lambda").asDouble(),
        effectiveCap(e, c),
        e.path("tolerance").asDouble(EstimatorConfig.DEFAULT_TOLERANCE),
        e.path("maxIterations").asInt(EstimatorConfig.DEFAULT_MAX_ITERATIONS),
        e.path("tokenWeighted").asBoolean(false));
  }

  /**
   * The cap the run's estimate applied: its own, else the default cap it was given (which the
   * estimate applies whenever the store records ||theta*||, as every extracted store does).
   */
  private static double effectiveCap(JsonNode estimator, JsonNode config) {
    double own = number(estimator.path("normCap"));
    return Double.isNaN(own) ? number(config.path("defaultNormCap")) : own;
  }

  /** A number, or NaN for a missing value or Jackson's "NaN" string. */
  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }

  private static JsonNode tree(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "not valid JSON: " + e.getMessage(), e);
    }
  }
}
