package dev.gradex.cli;

import dev.gradex.cli.progress.PipelineProgress;
import dev.gradex.component.ProgressReporter;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.synth.SyntheticProblem;
import dev.gradex.core.synth.SyntheticStores;
import dev.gradex.core.synth.TaskRole;
import dev.gradex.estimate.EstimateSubsetsConfig;
import dev.gradex.estimate.EstimateSubsetsResult;
import dev.gradex.estimate.EstimateSubsetsRun;
import dev.gradex.local.Demo;
import dev.gradex.local.LocalPipeline;
import dev.gradex.local.RunConfig;
import dev.gradex.local.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gradex demo}: the whole pipeline on CPU on a built-in problem with known ground truth (the
 * arithmetic sources of {@link Demo}), ending with the selection against the truth, the estimated
 * and measured target loss, the fidelity check, the all-sources baseline and where report.html and
 * the artifacts are; the run directory is printed last. {@code --estimation-only} runs only the
 * estimation stage on a synthetic gradient store of 100 sources.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline on a built-in problem with known helpful and harmful sources.",
      "Arithmetic with chain-of-thought steps, a tiny decoder trained here, all four stages on",
      "CPU, and a comparison of the selection with the truth. No download, cluster or server.",
      "--estimation-only runs just the estimation stage on a synthetic gradient store."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", description = "Run directory (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("runs", "demo");

  private Path estimationOut() {
    return out.resolve("estimation");
  }

  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed = 7;

  @Option(
      names = "--estimation-only",
      description =
          "Only the CPU estimation stage, on a synthetic gradient store of 100 sources (seconds).")
  boolean estimationOnly;

  @Option(
      names = "--target-only-baseline",
      description =
          "Also report the target-only fine-tune (reused from the fidelity check when it has the"
              + " same settings).")
  boolean targetOnlyBaseline;

  @Override
  public Integer call() throws Exception {
    return estimationOnly ? estimation() : fullPipeline();
  }

  private int fullPipeline() throws Exception {
    long start = System.nanoTime();
    Path config = Demo.prepare(out, seed);
    RunConfig rc = RunConfig.read(config);
    rc.applyThreads();
    Map<String, List<String>> truth = Demo.truth(out);
    RunSummary s;
    try (ProgressReporter progress = new ProgressReporter(System.err, false)) {
      s =
          new LocalPipeline(rc, config, System.getenv(), new PipelineProgress(progress))
              .optTruth(truth)
              .optAllSourcesBaseline(true)
              .optTargetOnlyBaseline(targetOnlyBaseline)
              .call();
    }
    List<String> helpful = truth.get("clean");
    long hits = s.selected().stream().filter(helpful::contains).count();
    double precision = s.selected().isEmpty() ? 0 : (double) hits / s.selected().size();
    double recall = (double) hits / helpful.size();
    double wall = (System.nanoTime() - start) / 1e9;
    Map<String, Object> summary = new java.util.LinkedHashMap<>();
    summary.put("selected", s.selected());
    summary.put("helpful", helpful);
    summary.put("precision", precision);
    summary.put("recall", recall);
    summary.put("final_test_loss", s.testLoss());
    summary.put("all_sources_test_loss", s.allSourcesTestLoss());
    if (targetOnlyBaseline) {
      summary.put("target_only_test_loss", s.targetOnlyTestLoss());
    }
    summary.put("models", s.models());
    summary.put("wall_s", wall);
    summary.put("estimated_loss_selected", s.estimatedLoss());
    summary.put("measured_output_loss_selected", s.measuredLoss());
    summary.put("fidelity", s.fidelity());
    summary.put("stage_seconds", s.seconds());
    summary.put("report", s.report().toAbsolutePath().toString());
    dev.gradex.core.AtomicFiles.writeString(
        out.resolve("demo-summary.json"),
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(summary));
    int n = truth.values().stream().mapToInt(List::size).sum();
    System.out.printf(
        "GradEx demo: 3-digit addition with chain-of-thought; %d sources (%d clean, %d noisy,"
            + " %d with a conflicting rule); a tiny decoder pretrained on the notation only%n",
        n,
        truth.getOrDefault("clean", List.of()).size(),
        truth.getOrDefault("noisy", List.of()).size(),
        truth.getOrDefault("conflicting", List.of()).size());
    RunCommand.printSelection(s);
    for (Map.Entry<String, List<String>> e : truth.entrySet()) {
      long picked = e.getValue().stream().filter(s.selected()::contains).count();
      System.out.printf(
          "  %-23s selected %d of %d%n", e.getKey() + " sources:", picked, e.getValue().size());
    }
    System.out.printf(
        "  precision %.2f, recall %.2f (helpful = the clean sources)%n", precision, recall);
    RunCommand.printResults(s);
    System.out.printf("  took %.1f s%n", wall);
    System.out.println(out.toAbsolutePath());
    return 0;
  }

  private int estimation() throws Exception {
    long start = System.nanoTime();
    SyntheticProblem problem =
        SyntheticProblem.builder()
            .setSeed(seed)
            .setDim(200)
            .setExamples(20_000)
            .setTasks(100)
            .setHelpful(10)
            .build();
    Path store = estimationOut().resolve("store");
    EstimateSubsetsResult result;
    try (ProgressReporter progress = new ProgressReporter(System.err, false)) {
      if (!Files.exists(store.resolve("manifest.json"))) {
        progress.start("synthetic store", problem.trainRows() + (long) problem.validationRows(), 0);
        SyntheticStores.write(problem, store, progress::step);
        AtomicFiles.writeString(store.resolve("truth.json"), SynthStoreCommand.truthJson(problem));
      }
      EstimateSubsetsConfig config =
          EstimateSubsetsConfig.builder()
              .setStore(store)
              .setOut(estimationOut().resolve("estimate"))
              .optSeed(seed)
              .build();
      result = new EstimateSubsetsRun(config, new PipelineProgress(progress)).call();
    }
    report(problem, result, (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private static void report(SyntheticProblem problem, EstimateSubsetsResult r, double seconds) {
    int helpful = 0;
    int noisy = 0;
    int totalHelpful = 0;
    int totalNoisy = 0;
    for (int t = 0; t < problem.sourceNames().size(); t++) {
      TaskRole role = problem.role(t);
      boolean picked = r.selected().contains(problem.sourceNames().get(t));
      totalHelpful += role == TaskRole.HELPFUL ? 1 : 0;
      totalNoisy += role == TaskRole.NOISY ? 1 : 0;
      helpful += picked && role == TaskRole.HELPFUL ? 1 : 0;
      noisy += picked && role == TaskRole.NOISY ? 1 : 0;
    }
    int n = problem.sourceNames().size();
    System.out.printf(
        "GradEx demo: %d sources (%d helpful, %d noisy, %d irrelevant), 1000 subsets%n",
        n, totalHelpful, totalNoisy, n - totalHelpful - totalNoisy);
    System.out.println("  selected sources:       " + String.join(" ", r.selected()));
    System.out.printf("  planted helpful found:  %d of %d%n", helpful, totalHelpful);
    System.out.printf("  noisy sources selected: %d of %d%n", noisy, totalNoisy);
    System.out.printf(
        "  estimated target loss:  %.4f selected, %.4f all sources, %.4f target only%n",
        r.selectedLoss(), r.allSourcesLoss(), r.targetOnlyLoss());
    System.out.println("  outputs:                " + r.out().toAbsolutePath());
    System.out.printf("  took %.1f s%n", seconds);
  }
}
