package dev.gradex.cli;

import dev.gradex.cli.synth.SyntheticProblemFlags;
import dev.gradex.component.ProgressReporter;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import dev.gradex.core.OutputLock;
import dev.gradex.core.synth.SyntheticProblem;
import dev.gradex.core.synth.SyntheticStores;
import dev.gradex.core.synth.TaskRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gradex synth-store}: writes a synthetic gradient store with known ground truth. */
@Command(
    name = "synth-store",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic gradient store with known ground truth.",
      "Also writes DIR/truth.json ({\"helpful\": [...], \"noisy\": [...], \"neutral\": [...]}).",
      "Generative model: each source",
      "task has a unit mean gradient direction, aligned with the target's (helpful), opposed",
      "(noisy) or orthogonal (neutral) to it; examples add isotropic Gaussian noise; offsets",
      "b(z) ~ N(-0.2, 0.5^2). Of the non-helpful tasks, half (rounded up) are noisy."
    })
public final class SynthStoreCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Store directory to create.")
  Path out;

  @Option(
      names = "--examples",
      description = "Source training examples in all (default: ${DEFAULT-VALUE}).")
  int examples = 20_000;

  @Option(names = "--tasks", description = "Source tasks n (default: ${DEFAULT-VALUE}).")
  int tasks = 100;

  @Option(names = "--dim", description = "Projected dimension d (default: ${DEFAULT-VALUE}).")
  int dim = 200;

  @Option(
      names = "--helpful",
      description = "Tasks aligned with the target (default: ${DEFAULT-VALUE}).")
  int helpful = 10;

  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed = 0;

  @Option(
      names = "--validation",
      description = "Target validation examples (default: examples/20 within [100, 2000]).")
  Integer validation;

  @Option(
      names = "--target-examples",
      description = "Target training examples (default: one source task's worth).")
  Integer targetExamples;

  @Option(names = "--quiet", description = "No progress output.")
  boolean quiet;

  @Override
  public Integer call() {
    SyntheticProblem.Builder b =
        SyntheticProblem.builder()
            .setSeed(seed)
            .setDim(dim)
            .setExamples(examples)
            .setTasks(tasks)
            .setHelpful(helpful);
    if (validation != null) {
      b.optValidationExamples(validation);
    }
    if (targetExamples != null) {
      b.optTargetExamples(targetExamples);
    }
    SyntheticProblem problem = SyntheticProblemFlags.build(b);
    // one writer per --out: a second synth-store into it is refused before it writes
    try (OutputLock lock = OutputLock.acquire(out);
        ProgressReporter progress = new ProgressReporter(System.err, quiet)) {
      progress.start("synth-store", problem.trainRows() + (long) problem.validationRows(), 0);
      SyntheticStores.write(problem, out, progress::step);
      AtomicFiles.writeString(out.resolve("truth.json"), truthJson(problem));
      progress.phase("wrote " + out);
    }
    return 0;
  }

  static String truthJson(SyntheticProblem problem) {
    Map<String, Object> truth = new LinkedHashMap<>();
    for (TaskRole role : TaskRole.values()) {
      List<String> names = new ArrayList<>();
      for (int t = 0; t < problem.sourceNames().size(); t++) {
        if (problem.role(t) == role) {
          names.add(problem.sourceNames().get(t));
        }
      }
      truth.put(role.name().toLowerCase(java.util.Locale.ROOT), names);
    }
    truth.put("target", SyntheticProblem.TARGET_TASK);
    try {
      return Json.PRETTY.writeValueAsString(truth) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
