package dev.gradex.cli.bench;

import dev.gradex.cli.synth.SyntheticProblemFlags;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.estimate.EstimatorMode;
import dev.gradex.core.estimate.FastPathError;
import dev.gradex.core.estimate.SubsetEstimator;
import dev.gradex.core.estimate.SubsetEstimators;
import dev.gradex.core.store.HeapExampleBlocks;
import dev.gradex.core.subsets.SubsetSampler;
import dev.gradex.core.synth.SyntheticProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gradex bench estimate}: times every estimator mode on the same sampled subsets of a
 * synthetic store held in memory, and scikit-learn's liblinear (the research code's solver) on the
 * same reference problems in the same run.
 */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    description = {
      "Times the subset estimators (faithful, closed-form, one-newton, reference) and",
      "scikit-learn's liblinear on the same problems; prints figures (JSON with --json)."
    })
public final class BenchEstimateCommand implements Callable<Integer> {
  @Option(names = "--examples", description = "Training examples (default: ${DEFAULT-VALUE}).")
  int examples = 20_000;

  @Option(names = "--tasks", description = "Source tasks (default: ${DEFAULT-VALUE}).")
  int tasks = 100;

  @Option(names = "--dim", description = "Projected dimension d (default: ${DEFAULT-VALUE}).")
  int dim = 200;

  @Option(names = "--subsets", description = "Subsets m per mode (default: ${DEFAULT-VALUE}).")
  int subsets = 1000;

  @Option(names = "--alpha", description = "Subset fraction (default: ${DEFAULT-VALUE}).")
  double alpha = 0.5;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--scale",
      description =
          "Norm of the synthetic gradients' mean and noise; larger is further from the linear"
              + " regime and needs more solver iterations (default: ${DEFAULT-VALUE}).")
  double scale = SyntheticProblem.DEFAULT_SCALE;

  @Option(
      names = "--reference-subsets",
      description =
          "Subsets timed for the reference mode and for scikit-learn (default: ${DEFAULT-VALUE}).")
  int referenceSubsets = 20;

  @Option(names = "--python", description = "Python with scikit-learn (default: ${DEFAULT-VALUE}).")
  String python = "python3";

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SyntheticProblem problem =
        SyntheticProblemFlags.build(
            SyntheticProblem.builder()
                .setSeed(seed)
                .setDim(dim)
                .setExamples(examples)
                .setTasks(tasks)
                .setHelpful(Math.max(1, tasks / 10))
                .optSignal(scale)
                .optNoise(scale));
    HeapExampleBlocks blocks = problem.toBlocks();
    int[] candidates = new int[tasks];
    for (int t = 0; t < tasks; t++) {
      candidates[t] = t;
    }
    List<int[]> sampled;
    try {
      sampled =
          SubsetSampler.builder()
              .optAlpha(alpha)
              .optCount(subsets)
              .optSeed(seed)
              .build()
              .sample(candidates);
    } catch (InvalidInputException e) {
      throw e.renamed(Map.of("alpha", "--alpha", "subsets", "--subsets"));
    }
    EstimatorConfig config = EstimatorConfig.defaults();

    long t0 = System.nanoTime();
    SubsetEstimators estimators = SubsetEstimators.over(blocks, config);
    SubsetEstimator faithful = estimators.create(EstimatorMode.FAITHFUL); // computes task stats
    double statsSeconds = (System.nanoTime() - t0) / 1e9;

    Map<String, Object> modes = new LinkedHashMap<>();
    Map<String, Object> fastPath = new LinkedHashMap<>();
    TimedRun timer = new TimedRun(threads);
    try {
      TimedRun.Result exact = timer.time(faithful, sampled);
      modes.put("faithful", exact.figures());
      for (EstimatorMode mode : List.of(EstimatorMode.CLOSED_FORM, EstimatorMode.ONE_NEWTON)) {
        TimedRun.Result r = timer.time(estimators.create(mode), sampled);
        String key = mode.cliName().replace('-', '_');
        modes.put(key, r.figures());
        fastPath.put(key, FastPathError.between(r.estimates(), exact.estimates()));
      }
      List<int[]> refSubsets = sampled.subList(0, Math.min(referenceSubsets, sampled.size()));
      TimedRun.Result reference =
          timer.time(estimators.create(EstimatorMode.REFERENCE), refSubsets);
      modes.put("reference", reference.figures());
      Map<String, Object> sk =
          new SklearnBench(python).time(estimators.reference(), refSubsets, config);
      modes.put("sklearn_liblinear", sk);
      Map<String, Object> ratios = new LinkedHashMap<>();
      Object skRate = sk.get("subsets_per_second");
      if (skRate instanceof Double rate && rate > 0) {
        ratios.put("faithful_vs_sklearn", exact.subsetsPerSecond() / rate);
        ratios.put("reference_vs_sklearn", reference.subsetsPerSecond() / rate);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("examples", examples);
      out.put("tasks", tasks);
      out.put("dim", dim);
      out.put("subsets", subsets);
      out.put("threads", threads);
      out.put("scale", scale);
      out.put("task_statistics_s", statsSeconds);
      out.put("modes", modes);
      out.put("ratios", ratios);
      out.put("fast_path_error_vs_faithful", fastPath);
      out.put("machine", machine());
      print(out);
    } finally {
      timer.close();
    }
    return 0;
  }

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return m;
  }

  private void print(Map<String, Object> out) throws Exception {
    if (json) {
      System.out.println(Json.JSON.writeValueAsString(out));
      return;
    }
    System.out.println(Json.PRETTY.writeValueAsString(out));
  }
}
