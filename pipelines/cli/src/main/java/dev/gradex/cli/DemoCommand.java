package dev.gradex.cli;

import dev.gradex.component.ProgressReporter;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.synth.SyntheticProblem;
import dev.gradex.core.synth.SyntheticStores;
import dev.gradex.core.synth.TaskRole;
import dev.gradex.estimate.EstimateSubsetsConfig;
import dev.gradex.estimate.EstimateSubsetsResult;
import dev.gradex.estimate.EstimateSubsetsRun;
import dev.gradex.estimate.ProgressEstimateListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gradex demo}: the estimation half of GradEx on a built-in problem with known ground truth,
 * with no download, cluster or server: a synthetic gradient store of 100 sources (some helpful,
 * some noisy, the rest irrelevant), 1,000 subset estimates, a selection, and a comparison with the
 * truth.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the estimation demo on a built-in problem with known helpful and noisy sources.",
      "Writes a synthetic store, estimates 1,000 subsets, selects, and compares with the truth.",
      "No download, cluster or server."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", description = "Run directory (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("runs", "demo");

  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed = 7;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    SyntheticProblem problem =
        SyntheticProblem.builder()
            .setSeed(seed)
            .setDim(200)
            .setExamples(20_000)
            .setTasks(100)
            .setHelpful(10)
            .build();
    Path store = out.resolve("store");
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
              .setOut(out.resolve("estimate"))
              .optSeed(seed)
              .build();
      result = new EstimateSubsetsRun(config, new ProgressEstimateListener(progress)).call();
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
