package dev.gradex.cli.bench.paper;

import dev.gradex.cli.bench.approx.OutputApproximation;
import dev.gradex.cli.bench.sweep.FinishedRun;
import dev.gradex.cli.progress.PipelineProgress;
import dev.gradex.component.ProgressReporter;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import dev.gradex.estimate.SelectionFile;
import dev.gradex.finetune.FineTuneResult;
import dev.gradex.local.FineTuned;
import dev.gradex.local.LocalPipeline;
import dev.gradex.local.RunConfig;
import dev.gradex.local.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the studies of one problem: per seed a whole {@code gradex run} through {@link
 * LocalPipeline} (the first seed with the fidelity check over many subsets), then every quality
 * method's selection fine-tuned with the run's recipe, then noise detection, cost and (first seed)
 * sensitivity. Everything lands under {@code out/<problem>/seed-<seed>/}; a rerun reuses each
 * finished stage and fine-tune.
 */
final class ProblemStudy {
  private final PaperProblem problem;
  private final Path out;
  private final List<Long> seeds;
  private final List<QualityMethod> methods;
  private final Sensitivity grid;
  private final int threads;
  private final ProgressReporter progress;

  ProblemStudy(
      PaperProblem problem,
      Path out,
      List<Long> seeds,
      List<QualityMethod> methods,
      Sensitivity grid,
      int threads,
      ProgressReporter progress) {
    this.problem = problem;
    this.out = out;
    this.seeds = List.copyOf(seeds);
    this.methods = List.copyOf(methods);
    this.grid = grid;
    this.threads = threads;
    this.progress = progress;
  }

  private void log(String line) {
    progress.phase("paper: " + problem.name() + ": " + line);
  }

  ProblemResult run() throws Exception {
    Path dir = out.resolve(problem.name());
    Map<String, Double> parts = new LinkedHashMap<>();
    Map<String, List<Double>> losses = new LinkedHashMap<>();
    Map<String, List<Double>> accuracies = new LinkedHashMap<>();
    Map<String, List<Integer>> sizes = new LinkedHashMap<>();
    List<Double> aurocs = new ArrayList<>();
    List<Map<String, Double>> stageSeconds = new ArrayList<>();
    RunSummary first = null;
    Path firstDir = null;
    FineTuneCache firstCache = null;
    LocalPipeline firstPipeline = null;
    int firstDim = 0;
    int sourceCount = 0;
    for (int i = 0; i < seeds.size(); i++) {
      long seed = seeds.get(i);
      Path runDir = dir.resolve("seed-" + seed);
      Files.createDirectories(runDir);
      // 2 on the other seeds: the target alone (its baseline anyway) and the best single source,
      // so every run has the 3 points a re-estimate compares with
      int fidelity = i == 0 ? problem.fidelitySubsets() : 2;
      log(
          String.format(
              "seed %d (%d/%d): gradex run, %d fidelity subsets",
              seed, i + 1, seeds.size(), fidelity));
      long t = System.nanoTime();
      Path config = problem.prepare(dir, runDir, seed, fidelity);
      RunConfig rc = RunConfig.read(config);
      rc.applyThreads();
      Map<String, List<String>> truth = truth(dir);
      LocalPipeline pipeline =
          new LocalPipeline(rc, config, Map.of(), new PipelineProgress(progress))
              .optTruth(truth)
              .optAllSourcesBaseline(true)
              .optTargetOnlyBaseline(true);
      int before = FidelityTiming.completed(runDir);
      RunSummary s = pipeline.call();
      stageSeconds.add(StageTiming.merge(runDir, s.seconds()));
      int done = FidelityTiming.completed(runDir) - before;
      if (done > 0) {
        FidelityTiming.add(runDir, s.thisRunSeconds().getOrDefault("fidelity", 0.0), done);
      }
      parts.merge("runs", seconds(t), Double::sum);
      List<String> all = rc.sources().stream().map(RunConfig.SourceEntry::name).toList();
      sourceCount = all.size();
      FineTuneCache cache = cache(pipeline, runDir, seed, s);
      t = System.nanoTime();
      QualityMethod.FinishedSeedRun finished =
          new QualityMethod.FinishedSeedRun(runDir, s, seed, all);
      for (QualityMethod m : methods) {
        if (i > 0 && !m.everySeed()) {
          continue;
        }
        List<String> chosen = m.select(finished);
        log(String.format("seed %d: quality %s (%d sources)", seed, m.name(), chosen.size()));
        FineTuneResult r = cache.get(chosen);
        losses.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(r.testLoss());
        accuracies
            .computeIfAbsent(m.name(), k -> new ArrayList<>())
            .add(r.testAccuracy() == null ? Double.NaN : r.testAccuracy());
        sizes.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(chosen.size());
      }
      parts.merge("quality", seconds(t), Double::sum);
      aurocs.add(auroc(runDir, truth));
      if (i == 0) {
        first = s;
        firstDir = runDir;
        firstCache = cache;
        firstPipeline = pipeline;
        firstDim = rc.gradients().dim();
      }
    }
    long t = System.nanoTime();
    LocalPipeline extractor = firstPipeline;
    List<Sensitivity.Row> rows =
        grid.run(
            firstDir,
            firstDim,
            (d, store) -> extractor.extractGradients(d, store),
            threads,
            firstCache,
            this::log);
    parts.put("sensitivity", seconds(t));
    t = System.nanoTime();
    log("output-approximation error at theta* of seed " + seeds.get(0));
    OutputApproximation.Measurement approximation = approximation(firstDir);
    parts.put("output_approximation", seconds(t));
    FinishedRun finished = FinishedRun.read(firstDir);
    Map<String, ProblemResult.Quality> quality = new LinkedHashMap<>();
    for (QualityMethod m : methods) {
      quality.put(
          m.name(),
          new ProblemResult.Quality(
              Spread.of(losses.get(m.name())),
              Spread.of(accuracies.get(m.name())),
              List.copyOf(sizes.get(m.name()))));
    }
    int estimated = estimatedSubsets(firstDir);
    return new ProblemResult(
        problem.name(),
        sourceCount,
        first.fidelity(),
        finished.points(),
        problem.budgetSteps(),
        estimated,
        cost(StageTiming.largest(stageSeconds), firstDir, sourceCount, estimated),
        quality,
        aurocs.get(0),
        List.copyOf(aurocs),
        rows,
        approximation,
        parts,
        ordered(StageTiming.largest(stageSeconds)));
  }

  /**
   * The output-approximation error of the run (the paper's first fidelity measure), measured once
   * and kept in {@code paper-approx.json} so a rerun reads it back.
   */
  private static OutputApproximation.Measurement approximation(Path runDir) throws Exception {
    Path file = runDir.resolve("paper-approx.json");
    if (Files.isRegularFile(file)) {
      return Json.JSON.readValue(file.toFile(), OutputApproximation.Measurement.class);
    }
    OutputApproximation.Measurement m =
        OutputApproximation.builder().setRun(runDir).build().measure();
    AtomicFiles.writeString(file, Json.PRETTY.writeValueAsString(m) + "\n");
    return m;
  }

  /** The cache, knowing every fine-tune the run itself did (by the directories it names). */
  private FineTuneCache cache(LocalPipeline pipeline, Path runDir, long seed, RunSummary s)
      throws Exception {
    FineTuneCache cache =
        new FineTuneCache(pipeline, runDir.resolve("paper-finetunes"), seed, problem.budgetSteps());
    List<String> all = new ArrayList<>();
    for (FineTuned m : s.models()) {
      List<String> members =
          switch (m.name()) {
            case FineTuned.SELECTION -> s.selected();
            case FineTuned.TARGET_ONLY -> List.of();
            default -> null;
          };
      if (FineTuned.ALL_SOURCES.equals(m.name())) {
        all = allSources(runDir);
        members = all;
      }
      if (members != null) {
        cache.know(members, runDir.resolve(m.dir()));
      }
    }
    if (Files.isRegularFile(runDir.resolve("fidelity.json"))
        && s.fidelity() != null
        && s.fidelity().n() >= 3) {
      for (FinishedRun.Point p : FinishedRun.read(runDir).points()) {
        cache.know(p.members(), runDir.resolve("fidelity").resolve(p.id()));
      }
    }
    return cache;
  }

  private static List<String> allSources(Path runDir) {
    return RunConfig.read(runDir.resolve("run.yaml")).sources().stream()
        .map(RunConfig.SourceEntry::name)
        .toList();
  }

  /** AUROC of the run's per-source task scores, the problem's harmful roles against clean. */
  private double auroc(Path runDir, Map<String, List<String>> truth) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (SelectionFile.RankedScore r : SelectionFile.read(runDir.resolve("estimate")).ranking()) {
      scores.put(r.task(), r.score());
    }
    Set<String> harmful = new HashSet<>();
    for (String role : problem.harmfulRoles()) {
      harmful.addAll(truth.getOrDefault(role, List.of()));
    }
    Set<String> clean = new HashSet<>(truth.getOrDefault(problem.cleanRole(), List.of()));
    return Auroc.of(scores, harmful, clean);
  }

  /**
   * The cost table from per-stage seconds (each stage's largest over the seeds and sittings) and
   * the first seed's timed fidelity fine-tunes.
   */
  private CostModel cost(Map<String, Double> sec, Path runDir, int n, int estimated) {
    FidelityTiming timing = FidelityTiming.read(runDir);
    int timed = timing.fineTunes();
    double mean = timed == 0 ? Double.NaN : timing.seconds() / timed;
    return CostModel.of(
        sec.getOrDefault("meta_train", Double.NaN),
        sec.getOrDefault("extract_gradients", Double.NaN),
        sec.getOrDefault("estimate_subsets", Double.NaN),
        Math.max(1, estimated),
        1000,
        sec.getOrDefault("fine_tune", Double.NaN),
        mean,
        timed,
        n);
  }

  private static int estimatedSubsets(Path runDir) throws Exception {
    Path csv = runDir.resolve("estimate").resolve("subsets.csv");
    if (!Files.isRegularFile(csv)) {
      throw new IllegalStateException(csv + " is missing: the estimate stage did not finish");
    }
    try (var lines = Files.lines(csv)) {
      return (int) Math.max(0, lines.count() - 1);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> truth(Path problemDir) throws Exception {
    return Json.JSON.readValue(problemDir.resolve("data/truth.json").toFile(), Map.class);
  }

  private static final List<String> STAGE_ORDER =
      List.of(
          "base_model",
          "meta_train",
          "extract_gradients",
          "estimate_subsets",
          "fine_tune",
          "fidelity",
          "all_sources_baseline",
          "target_only_baseline",
          "report");

  /** Stage seconds in the pipeline's order, unknown keys last. */
  private static Map<String, Double> ordered(Map<String, Double> seconds) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String k : STAGE_ORDER) {
      if (seconds.containsKey(k)) {
        out.put(k, seconds.get(k));
      }
    }
    seconds.forEach(out::putIfAbsent);
    return out;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
