package dev.gradex.cli;

import dev.gradex.baselines.BaselineInputs;
import dev.gradex.baselines.BaselineSelection;
import dev.gradex.baselines.Baselines;
import dev.gradex.baselines.SelectionMethod;
import dev.gradex.baselines.SourceScore;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.OutputLock;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gradex select}: a similarity baseline's selection of a finished run's sources, written as
 * a {@code selection.json} the fine-tune stage takes ({@code gradex fine-tune --selection DIR}).
 */
@Command(
    name = "select",
    mixinStandardHelpOptions = true,
    description = {
      "Selects a finished run's sources by a baseline method instead of GradEx's estimates.",
      "random: a seeded draw; less: cosine of mean loss gradients (the run's gradient store);",
      "representation: cosine of mean last hidden states of the base model; dsir: mean hashed",
      "n-gram log importance weight. Writes OUT/selection.json (the fine-tune stage's input)",
      "and OUT/ranking.csv. docs/method.md#baselines says what each computes."
    })
public final class SelectCommand implements Callable<Integer> {
  @Option(
      names = "--method",
      required = true,
      paramLabel = "METHOD",
      description = "random, less, representation or dsir.")
  String method;

  @Option(
      names = "--run",
      required = true,
      paramLabel = "DIR",
      description = "A finished `gradex run` output directory (its run.yaml's out).")
  Path run;

  @Option(
      names = "--count",
      paramLabel = "K",
      description = "Sources to select (default: as many as GradEx selected in the run).")
  Integer count;

  @Option(
      names = "--seed",
      description =
          "Seed of the random draw, recorded for every method (default: ${DEFAULT-VALUE}).")
  long seed = 0;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Override
  public Integer call() {
    SelectionMethod m = SelectionMethod.parse("--method", method);
    BaselineInputs inputs = renamed(() -> BaselineInputs.fromRun(run));
    int k = count == null ? inputs.gradexSelection().size() : count;
    BaselineSelection s = renamed(() -> Baselines.select(m, inputs, k, seed));
    try (OutputLock lock = OutputLock.acquire(out)) {
      s.writeTo(out);
    }
    System.out.println("  method:   " + m.cliName() + " (seed " + seed + ")");
    System.out.println("  selected: " + (k == 0 ? "none" : String.join(" ", s.selected())));
    for (SourceScore r : s.ranking()) {
      System.out.printf("  %-24s %.6g%n", r.source(), r.score());
    }
    System.out.println("  wrote:    " + out.resolve(BaselineSelection.FILE).toAbsolutePath());
    return 0;
  }

  /** Runs {@code body}, naming the API's fields by this command's options in errors. */
  private static <T> T renamed(java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (InvalidInputException e) {
      throw e.renamed(Map.of("count", "--count"));
    }
  }
}
