package dev.gradex.cli.bench.approx;

import ai.djl.Device;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.InvalidInputException;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.approx.ApproximationRow;
import dev.gradex.model.approx.Direction;
import dev.gradex.model.approx.Directions;
import dev.gradex.model.approx.OutputLinearisation;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.gradients.Layouts;
import dev.gradex.model.tokenizer.TextTokenizer;
import dev.gradex.model.train.LoraJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The output-approximation error of a finished {@code gradex run} (Li, Zhang, Wang, Zhang, arXiv
 * 2409.19458, fidelity section; issue 19, table 1): the base model with the meta-trained adapter
 * theta* ({@code meta-train/}), its first-order model {@code o(theta* + delta) ~ b + g^T delta}
 * measured on the target's validation examples ({@link OutputLinearisation}) along two directions,
 * each rescaled to every relative distance {@code ||delta|| / ||theta*||}:
 *
 * <ul>
 *   <li>{@value Directions#FINE_TUNED}: the real fine-tuned direction, training continued from
 *       theta* on the target's training split with the final fine-tune's recipe (learning rate,
 *       batch size, batching, seed, as its manifest records them), by default for as many optimizer
 *       steps as the final fine-tune took: a fine-tune's length ({@link ApproxRun}). A short
 *       continuation is no stand-in: on the synthetic problem, 10 steps gave a direction with 65
 *       times the error of 320 steps at a distance of 0.10 (BENCHMARKS.md);
 *   <li>{@value Directions#RANDOM}: a seeded Gaussian direction.
 * </ul>
 *
 * Reads the run only; writes nothing.
 */
public final class OutputApproximation {
  /** The paper's relative distances. */
  public static final List<Double> DEFAULT_DISTANCES = List.of(0.02, 0.04, 0.06, 0.08, 0.10);

  /** Optimizer steps of the continued training when the run has no final fine-tune to copy. */
  public static final int FALLBACK_STEPS = 100;

  private final Path run;
  private final List<Double> distances;
  private final int examples;
  private final Long seed;
  private final int steps;

  private OutputApproximation(Builder b) {
    this.run = b.run;
    this.distances = List.copyOf(b.distances);
    this.examples = b.examples;
    this.seed = b.seed;
    this.steps = b.steps;
  }

  /** A new builder: {@code setRun} is required, the rest optional. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What was measured.
   *
   * @param run the run directory
   * @param adapterNorm ||theta*|| over every trainable tensor
   * @param examples target validation examples measured
   * @param recipe whose recorded settings the continued training used: {@code fine-tune} or {@code
   *     meta-train}
   * @param steps optimizer steps of the fine-tuned direction's continued training
   * @param learningRate its learning rate
   * @param batchSize its batch size, also the measuring batch size
   * @param seed seed of the random direction and of the continued training's shuffle
   * @param seconds wall time of the measurement, model loading included
   * @param rows per direction (fine-tuned first) and distance
   */
  public record Measurement(
      String run,
      double adapterNorm,
      int examples,
      String recipe,
      int steps,
      double learningRate,
      int batchSize,
      long seed,
      double seconds,
      List<ApproximationRow> rows) {}

  /** Loads the run's model at theta* and measures both directions at every distance. */
  public Measurement measure() {
    long t0 = System.nanoTime();
    ApproxRun r = ApproxRun.read(run);
    LoraJob.Settings s = r.recipe();
    int useSteps = steps > 0 ? steps : r.steps();
    long useSeed = seed == null ? s.seed() : seed;
    SourceSet set = r.sources();
    try (LanguageModel m = HfModels.load(r.baseModel(), Device.cpu(), r.metaTrain().seed());
        TextTokenizer tok = TextTokenizer.load(r.baseModel())) {
      m.loadAdapter(r.adapter());
      // meta-train's limit: the examples theta* was trained and the gradients taken on
      ExampleEncoder enc = LoraJob.encoder(m, tok, r.metaTrain().sequenceLimit());
      List<Encoded> validation =
          enc.encodeAll(set.readTarget(set.target().validation()).examples());
      if (examples > 0 && examples < validation.size()) {
        validation = validation.subList(0, examples);
      }
      List<Encoded> train = enc.encodeAll(set.readTarget(set.target().train()).examples());
      double norm = Layouts.norm(m);
      Direction fine =
          Directions.fineTuned(
              m,
              train,
              new Directions.Continuation(
                  useSteps, s.learningRate(), s.batchSize(), s.batching(), useSeed));
      Direction random = Directions.random(m, useSeed);
      List<ApproximationRow> rows =
          new OutputLinearisation(m, validation, s.batchSize())
              .measure(List.of(fine, random), distances);
      return new Measurement(
          run.toString(),
          norm,
          validation.size(),
          r.recipeStage(),
          useSteps,
          s.learningRate(),
          s.batchSize(),
          useSeed,
          (System.nanoTime() - t0) / 1e9,
          rows);
    }
  }

  /** Settings of an {@link OutputApproximation}; {@link #build()} reports every problem at once. */
  public static final class Builder {
    private Path run;
    private List<Double> distances = DEFAULT_DISTANCES;
    private int examples;
    private Long seed;
    private int steps;

    private Builder() {}

    /** A finished {@code gradex run} output directory. */
    public Builder setRun(Path run) {
      this.run = run;
      return this;
    }

    /** Relative distances ||delta|| / ||theta*||, each in (0, 1) (default the paper's five). */
    public Builder optDistances(List<Double> distances) {
      this.distances = distances;
      return this;
    }

    /** The first this many target validation examples (default 0: all). */
    public Builder optExamples(int examples) {
      this.examples = examples;
      return this;
    }

    /** Seed of the random direction and the continued training (default: the run's seed). */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Optimizer steps of the continued training (default 0: as many as the run's final fine-tune
     * took, else {@value OutputApproximation#FALLBACK_STEPS}).
     */
    public Builder optSteps(int steps) {
      this.steps = steps;
      return this;
    }

    /**
     * @throws InvalidInputException naming the option or file of every problem: no run directory, a
     *     run without meta-train output, a distance outside (0, 1), a negative example count or
     *     step count
     */
    public OutputApproximation build() {
      List<String> problems = new ArrayList<>();
      if (run == null || !Files.isDirectory(run)) {
        problems.add(
            "--run: "
                + (run == null ? "is required" : run + " is not a directory")
                + " (a finished `gradex run` output)");
      } else {
        Path meta = run.resolve("meta-train");
        for (Path f :
            List.of(
                meta.resolve(StageManifest.FILE),
                meta.resolve("adapter_model.safetensors"),
                meta.resolve("adapter_config.json"))) {
          if (!Files.isRegularFile(f)) {
            problems.add(f + ": is missing: the meta-trained adapter theta* (meta-train stage)");
          }
        }
      }
      if (distances == null || distances.isEmpty()) {
        problems.add("--distances: at least one distance is required");
      } else {
        for (Double r : distances) {
          if (r == null || !(r > 0 && r < 1)) {
            problems.add("--distances: " + r + " is not between 0 and 1 (exclusive)");
          }
        }
      }
      if (examples < 0) {
        problems.add("--examples: " + examples + " is negative (0 = all)");
      }
      if (steps < 0) {
        problems.add("--steps: " + steps + " is negative (0 = the final fine-tune's steps)");
      }
      if (problems.size() == 1) {
        String p = problems.get(0);
        int colon = p.indexOf(": ");
        throw new InvalidInputException(p.substring(0, colon), p.substring(colon + 2));
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException("bench approx", String.join("; ", problems));
      }
      return new OutputApproximation(this);
    }
  }
}
