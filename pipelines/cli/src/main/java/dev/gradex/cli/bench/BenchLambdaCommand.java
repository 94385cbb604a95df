package dev.gradex.cli.bench;

import dev.gradex.cli.bench.sweep.FinishedRun;
import dev.gradex.cli.bench.sweep.LambdaSweep;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gradex bench lambda}: how well fhat(S) tracks real fine-tuning over lambda and the norm
 * cap, on a finished run's fidelity points ({@link LambdaSweep}); the figures behind the default
 * lambda (BENCHMARKS.md, "Choice of the default lambda").
 */
@Command(
    name = "lambda",
    mixinStandardHelpOptions = true,
    description = {
      "Re-estimates a finished gradex run's fidelity subsets (really fine-tuned, fidelity.json)",
      "at each lambda and norm cap with the product's estimator and compares fhat(S) with the",
      "measured f(S): Spearman, Kendall, relative RSS, mean relative error, the mean relative",
      "update norm ||P w|| / ||theta*|| over the run's m subsets, and the run rule's selection."
    })
public final class BenchLambdaCommand implements Callable<Integer> {
  @Option(
      names = "--run",
      required = true,
      description = "A finished `gradex run` directory (gradients/, estimate/, fidelity.json).")
  Path run;

  @Option(
      names = "--lambdas",
      split = ",",
      description = "L2 weights to try (default: ${DEFAULT-VALUE}).")
  List<Double> lambdas = List.of(0.01, 0.1, 1.0, 10.0);

  @Option(
      names = "--norm-caps",
      split = ",",
      description =
          "Norm caps ||P w|| / ||theta*|| to try, `none` for no cap (default: ${DEFAULT-VALUE}).")
  List<String> normCaps = List.of("none", "0.1", "0.3");

  @Option(
      names = "--work",
      description =
          "Where each setting's estimate-stage outputs go; a rerun reuses them (default: RUN/bench-lambda).")
  Path work;

  @Option(names = "--threads", description = "Estimation threads (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<Double> caps = caps(normCaps);
    FinishedRun finished = FinishedRun.read(run);
    long t0 = System.nanoTime();
    List<LambdaSweep.Setting> settings =
        new LambdaSweep(finished, work == null ? run.resolve("bench-lambda") : work, threads)
            .sweep(lambdas, caps);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (json) {
      System.out.println(Json.JSON.writeValueAsString(figures(finished, settings, seconds)));
    } else {
      System.out.print(LambdaTable.render(finished, settings));
    }
    return 0;
  }

  static List<Double> caps(List<String> values) {
    List<Double> out = new ArrayList<>();
    for (String v : values) {
      if (v.strip().equalsIgnoreCase("none")) {
        out.add(Double.NaN);
        continue;
      }
      try {
        double c = Double.parseDouble(v.strip());
        if (!(c > 0) || Double.isInfinite(c)) {
          throw new NumberFormatException();
        }
        out.add(c);
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            "--norm-caps", "'" + v + "' is neither none nor a number > 0");
      }
    }
    return out;
  }

  private static Map<String, Object> figures(
      FinishedRun run, List<LambdaSweep.Setting> settings, double seconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", run.dir().toString());
    m.put("runLambda", run.estimate().lambda());
    m.put("runNormCap", run.estimate().normCap());
    m.put("select", run.estimate().select());
    m.put("subsets", run.estimate().subsets());
    List<Map<String, Object>> points = new ArrayList<>();
    for (FinishedRun.Point p : run.points()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", p.id());
      row.put("members", p.members());
      row.put("measuredLoss", p.measuredLoss());
      row.put("runEstimatedLoss", p.estimatedLoss());
      points.add(row);
    }
    m.put("points", points);
    m.put("reproducedWithin", LambdaTable.reproduction(run, settings));
    m.put("settings", settings);
    m.put("seconds", seconds);
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("date", java.time.LocalDate.now().toString());
    return m;
  }

  static String format(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3g", v);
  }
}
