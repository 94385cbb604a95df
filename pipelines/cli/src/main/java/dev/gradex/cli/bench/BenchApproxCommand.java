package dev.gradex.cli.bench;

import dev.gradex.cli.bench.approx.OutputApproximation;
import dev.gradex.core.Json;
import dev.gradex.model.approx.ApproximationRow;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gradex bench approx}: the output-approximation error of a finished run's first-order model
 * at relative distances 0.02 to 0.10 ({@link OutputApproximation}; issue 19, table 1).
 */
@Command(
    name = "approx",
    mixinStandardHelpOptions = true,
    description = {
      "The output-approximation error of the paper (Li et al., arXiv 2409.19458) on a finished",
      "gradex run: per target validation example (|b + g^T delta - o(theta* + delta)| /",
      "max(|o(theta* + delta)|, |b|))^2 with b, g the extraction stage's output and full gradient",
      "at theta*, for delta along the fine-tuned direction (training continued from theta* on the",
      "target's training split) and a seeded random one, rescaled to ||delta|| / ||theta*|| =",
      "each distance. Prints mean and median per direction and distance; reads the run only."
    })
public final class BenchApproxCommand implements Callable<Integer> {
  @Option(
      names = "--run",
      required = true,
      description = "A finished `gradex run` output directory (meta-train/, sources/).")
  Path run;

  @Option(
      names = "--distances",
      split = ",",
      description =
          "Relative distances ||delta|| / ||theta*||, each in (0, 1) (default: ${DEFAULT-VALUE}).")
  List<Double> distances = OutputApproximation.DEFAULT_DISTANCES;

  @Option(
      names = "--examples",
      description = "Measure the first N target validation examples (default: all).")
  int examples;

  @Option(
      names = "--seed",
      description = "Seed of the random direction and the continued training (default: the run's).")
  Long seed;

  @Option(
      names = "--steps",
      description =
          "Optimizer steps of the fine-tuned direction (default: as many as the run's final"
              + " fine-tune took).")
  int steps;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    OutputApproximation.Builder b =
        OutputApproximation.builder()
            .setRun(run)
            .optDistances(distances)
            .optExamples(examples)
            .optSteps(steps);
    if (seed != null) {
      b.optSeed(seed);
    }
    OutputApproximation.Measurement m = b.build().measure();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("measurement", m);
      doc.put("cores", Runtime.getRuntime().availableProcessors());
      doc.put("date", java.time.LocalDate.now().toString());
      System.out.println(Json.JSON.writeValueAsString(doc));
    } else {
      System.out.print(table(m));
    }
    return 0;
  }

  /** The measurement as a plain-text table. */
  static String table(OutputApproximation.Measurement m) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "output-approximation error of %s%n  %d target validation examples, ||theta*|| = %.4g;"
                + " fine-tuned: %d step(s) from theta* with %s's recipe, learning rate %s, batch %d;"
                + " seed %d;"
                + " %.1f s%n",
            m.run(),
            m.examples(),
            m.adapterNorm(),
            m.steps(),
            m.recipe(),
            m.learningRate(),
            m.batchSize(),
            m.seed(),
            m.seconds()));
    sb.append(
        String.format(
            Locale.ROOT,
            "  %-11s %9s %9s %12s %12s %12s%n",
            "direction",
            "distance",
            "realised",
            "mean error",
            "median",
            "o~b error"));
    for (ApproximationRow r : m.rows()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-11s %9.4g %9.4g %12.4g %12.4g %12.4g%n",
              r.direction(),
              r.relativeDistance(),
              r.realisedDistance(),
              r.meanError(),
              r.medianError(),
              r.constantError()));
    }
    return sb.toString();
  }
}
