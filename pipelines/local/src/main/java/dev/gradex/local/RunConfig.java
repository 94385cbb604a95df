package dev.gradex.local;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.gradex.component.settings.Section;
import dev.gradex.component.settings.Settings;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.model.cli.ThreadOptions;
import dev.gradex.model.data.LabelMap;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.gradients.ExtractionConfig;
import dev.gradex.model.train.Batching;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The configuration of {@code gradex run CONFIG.yaml}: sources, target, base model, LoRA, training,
 * projection, subsets, selection rule, final fine-tune and output directory. Unknown keys are
 * refused (a typo must not be silently ignored), and every invalid field is reported at once, in
 * one {@link InvalidInputException} naming the file, before anything is written.
 *
 * <pre>
 * out: runs/my-run
 * seed: 7
 * sources:                       # one JSONL file per source task
 *   - {name: web, path: data/web.jsonl}
 * target: {train: data/t-train.jsonl, validation: data/t-val.jsonl, test: data/t-test.jsonl}
 *                                # labels: [ham, spam] (optional: class names, index order)
 * data: {maxSeqLength: 256, truncate: false, appendEos: true}   # optional; 0/absent = the model's context
 * model: {dir: models/smollm}    # a Hugging Face directory, or {tiny: {...}} for a from-scratch decoder
 * lora: {rank: 8, alpha: 16}
 * train: {epochs: 3, learningRate: 0.001, batchSize: 16}   # maxSteps: N, batching: random|by-length, evalBatchSize: N, recompute: true
 * gradients: {dim: 200, projectorSeed: 0, batchSize: 16}
 * estimate: {subsets: 1000, alpha: 0.5, mode: faithful, select: best-prefix, lambda: 0.01}  # normCap: 0.1 (0 = none)
 * fineTune: {epochs: 3, learningRate: 0.001}
 * fidelity: {subsets: 5}         # subsets fine-tuned for real to check fhat; 0 = off
 * runtime: {threads: 1, interopThreads: 1}   # PyTorch engine threads; 0 = PyTorch's default
 * </pre>
 *
 * <p><b>Paths.</b> The configuration file's directory is the run's root. Relative paths are
 * resolved against it and, once normalised ({@code a/../b} is {@code b}), must stay inside it: a
 * {@code ..} that leaves it is refused. {@code out} must lie inside it whether written relative or
 * absolute (it may be the directory itself), so a run only ever writes under its configuration's
 * directory. Input files (sources, target splits, {@code model.dir}, {@code pretrainData}) may also
 * be absolute paths anywhere. The check is lexical: symbolic links are not followed.
 *
 * <p><b>Checked</b> (see {@link RunConfigCheck}): every source and target file exists and reads as
 * the data loader reads it (JSON objects with {@code prompt}/{@code completion} or {@code
 * text}/{@code label}; a bad line is named {@code file:line}) with at least one example; no source
 * is the target (the name {@code target} is the target's own task, and a source may not be one of
 * the target's split files or a byte-identical copy of one); every catalog setting against its
 * catalog constraint ({@link RunConfigSettings}), {@code estimate.mode}, {@code select}, {@code
 * normCap} and the batchings by their components' own rules.
 *
 * <p><b>Defaults.</b> Every setting of {@code data}, {@code lora}, {@code train}, {@code
 * gradients}, {@code estimate}, {@code fineTune}, {@code runtime} and {@code fidelity}, and {@code
 * seed}, is optional, and so is each of those sections: an absent one takes the settings catalog's
 * default ({@link dev.gradex.component.settings.Settings}; the table is docs/configuration.md), the
 * same default as the component flag and the KFP parameter of that setting. {@code
 * gradients.chunkSize} (examples committed at a time by the extraction, the unit a killed run
 * redoes) is run.yaml's own, {@value ExtractionConfig#DEFAULT_CHUNK_SIZE} by default. {@code
 * train}/{@code fineTune} {@code maxSteps} set is the budget in optimizer steps ({@code
 * fidelity.json} says so); {@code runtime} thread counts are set once per process, before the
 * engine starts.
 *
 * <p><b>Labels.</b> Classification records may label with integer indices or with names. Names are
 * mapped to class indices by {@code target.labels} when given (that order), else by the sorted
 * distinct labels of {@code target.train} ({@link dev.gradex.model.data.LabelMap}); a source label
 * outside the mapping, or integer and string labels mixed, is refused naming {@code file:line}. The
 * mapping is written to the sources artifact and, as {@code id2label}/{@code label2id}, to a {@code
 * config.json} beside every adapter.
 *
 * <p><b>Lengths.</b> {@code data.maxSeqLength} (tokens; 0 or absent = the model's context, and at
 * most that) bounds every example of every stage. Every file is tokenized up front with the run's
 * tokenizer and every longer example is reported ({@code file:line (N tokens)}) before anything is
 * created, unless {@code data.truncate: true} (default false), which cuts them instead (a text's
 * end; a prompt's start, keeping the completion; see {@link dev.gradex.model.data.ExampleEncoder})
 * and reports the count in each stage's metrics. With {@code data.appendEos} (default true) each
 * completion ends with the model's end-of-sequence token, which counts toward the length; a model
 * whose config.json names no {@code eos_token_id} gets none.
 */
public record RunConfig(
    String out,
    long seed,
    List<SourceEntry> sources,
    Target target,
    Model model,
    Lora lora,
    Training train,
    Gradients gradients,
    Estimate estimate,
    Training fineTune,
    Fidelity fidelity,
    @JsonInclude(JsonInclude.Include.NON_NULL) Data data,
    @JsonInclude(JsonInclude.Include.NON_NULL) RuntimeSettings runtime) {

  /**
   * Absent sections and keys take the settings catalog's defaults ({@link Settings}); {@code train}
   * and {@code fineTune} share a record, so their defaults are filled here, by section.
   */
  public RunConfig {
    lora = lora == null ? new Lora(null, null, null) : lora;
    train = Training.filled(train, Section.TRAIN);
    gradients = gradients == null ? new Gradients(null, null, null, null) : gradients;
    estimate = estimate == null ? new Estimate(null, null, null, null, null, null) : estimate;
    fineTune = Training.filled(fineTune, Section.FINE_TUNE);
    fidelity = fidelity == null ? new Fidelity(null) : fidelity;
    data = data == null ? new Data(null, null, null) : data;
  }

  /** Without a {@code runtime} section: the default thread counts. */
  public RunConfig(
      String out,
      long seed,
      List<SourceEntry> sources,
      Target target,
      Model model,
      Lora lora,
      Training train,
      Gradients gradients,
      Estimate estimate,
      Training fineTune,
      Fidelity fidelity,
      Data data) {
    this(
        out, seed, sources, target, model, lora, train, gradients, estimate, fineTune, fidelity,
        data, null);
  }

  /** Without a {@code data} section: the model's length limit, refusing longer examples. */
  public RunConfig(
      String out,
      long seed,
      List<SourceEntry> sources,
      Target target,
      Model model,
      Lora lora,
      Training train,
      Gradients gradients,
      Estimate estimate,
      Training fineTune,
      Fidelity fidelity) {
    this(
        out, seed, sources, target, model, lora, train, gradients, estimate, fineTune, fidelity,
        null, null);
  }

  /** Without a {@code fidelity} section: the default fidelity check. */
  public RunConfig(
      String out,
      long seed,
      List<SourceEntry> sources,
      Target target,
      Model model,
      Lora lora,
      Training train,
      Gradients gradients,
      Estimate estimate,
      Training fineTune) {
    this(out, seed, sources, target, model, lora, train, gradients, estimate, fineTune, null);
  }

  /**
   * How many subsets to fine-tune for real and compare with their estimates (besides the selection,
   * which is fine-tuned anyway): the target alone, the best single source by fhat, then sampled
   * subsets spread over fhat ({@link FidelityPlan}); null = {@value #DEFAULT_FIDELITY_SUBSETS}, 0 =
   * off. Each is fine-tuned with the {@code fineTune} settings and an equal budget in optimizer
   * steps (the final fine-tune's, or {@code fineTune.maxSteps}).
   */
  public record Fidelity(Integer subsets) {
    public Fidelity {
      subsets = Settings.FIDELITY_SUBSETS.orDefault(subsets);
    }
  }

  /**
   * Two fixed points (target alone, best single source) and three sampled ones: the fewest that
   * give a rank correlation some meaning (the catalog's default).
   */
  public static final int DEFAULT_FIDELITY_SUBSETS = Settings.FIDELITY_SUBSETS.defaultValue();

  /** The number of fidelity subsets. */
  public int fidelitySubsets() {
    return fidelity.subsets();
  }

  /** Batch size of meta-training when the section does not give one. */
  public static final int DEFAULT_BATCH_SIZE = Settings.TRAIN_BATCH_SIZE.defaultValue();

  /** One source task: a name and a JSONL file. */
  public record SourceEntry(String name, String path) {}

  /**
   * The target's splits and, optionally, its class names in index order (else the sorted string
   * labels of {@code train}, or integer labels).
   */
  public record Target(
      String train,
      String validation,
      String test,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> labels) {
    /** Without label names. */
    public Target(String train, String validation, String test) {
      this(train, validation, test, null);
    }
  }

  /**
   * How every stage encodes the examples: at most {@code maxSeqLength} tokens (null or 0 = the
   * model's context, and at most that), whether longer examples are cut ({@code truncate: true}) or
   * refused up front (the default), and whether completions end with the model's EOS token ({@code
   * appendEos}, default true).
   */
  public record Data(Integer maxSeqLength, Boolean truncate, Boolean appendEos) {
    public Data {
      maxSeqLength = Settings.DATA_MAX_SEQ_LENGTH.orDefault(maxSeqLength);
      truncate = Settings.DATA_TRUNCATE.orDefault(truncate);
      appendEos = Settings.DATA_APPEND_EOS.orDefault(appendEos);
    }

    /** The limit every stage applies. */
    public SequenceLimit sequenceLimit() {
      return new SequenceLimit(
          maxSeqLength == null ? 0 : Math.max(0, maxSeqLength),
          Boolean.TRUE.equals(truncate),
          Boolean.TRUE.equals(appendEos));
    }
  }

  /**
   * The run's label mapping: {@code target.labels}, else the one {@code target.train} (resolved
   * against {@code configFile}) implies.
   */
  public LabelMap labels(Path configFile) {
    return target.labels() != null
        ? LabelMap.of(target.labels(), "target.labels")
        : LabelMap.fromTraining(resolve(configFile, target.train()));
  }

  /** The run's sequence limit: {@code data}'s (by default the model's context, refusing longer). */
  public SequenceLimit sequenceLimit() {
    return data.sequenceLimit();
  }

  /** A Hugging Face directory ({@code dir}) or a tiny decoder trained from scratch. */
  public record Model(String dir, Tiny tiny) {}

  /** A from-scratch character-level decoder (the demo's). */
  public record Tiny(
      String alphabet,
      int hidden,
      int layers,
      int heads,
      int context,
      int pretrainEpochs,
      String pretrainData) {}

  /** LoRA settings; target modules default per family. */
  public record Lora(Integer rank, Double alpha, List<String> targets) {
    public Lora {
      rank = Settings.LORA_RANK.orDefault(rank);
      alpha = Settings.LORA_ALPHA.orDefault(alpha);
    }
  }

  /**
   * A training phase. {@code maxSteps} is a budget in optimizer steps (0 or absent: train {@code
   * epochs} epochs; with it, passes repeat until the steps are spent and {@code epochs} is ignored,
   * see {@link dev.gradex.model.train.TrainerConfig#optMaxSteps}); {@code batching} is {@code
   * random} or {@code by-length} (absent: {@link Batching#DEFAULT}).
   */
  public record Training(
      Integer epochs,
      Double learningRate,
      Integer batchSize,
      Long maxSteps,
      String batching,
      Integer evalBatchSize,
      Boolean recompute) {
    /** Without a step budget, with the default batching and evaluation batch size. */
    public Training(Integer epochs, Double learningRate, Integer batchSize) {
      this(epochs, learningRate, batchSize, null, null, null, null);
    }

    /** {@code t} (null = an empty section) with the catalog defaults of {@code section}. */
    static Training filled(Training t, Section section) {
      Training given = t == null ? new Training(null, null, null) : t;
      boolean train = section == Section.TRAIN;
      return new Training(
          (train ? Settings.TRAIN_EPOCHS : Settings.FINE_TUNE_EPOCHS).orDefault(given.epochs),
          (train ? Settings.TRAIN_LEARNING_RATE : Settings.FINE_TUNE_LEARNING_RATE)
              .orDefault(given.learningRate),
          (train ? Settings.TRAIN_BATCH_SIZE : Settings.FINE_TUNE_BATCH_SIZE)
              .orDefault(given.batchSize),
          (train ? Settings.TRAIN_MAX_STEPS : Settings.FINE_TUNE_MAX_STEPS)
              .orDefault(given.maxSteps),
          (train ? Settings.TRAIN_BATCHING : Settings.FINE_TUNE_BATCHING).orDefault(given.batching),
          (train ? Settings.TRAIN_EVAL_BATCH_SIZE : Settings.FINE_TUNE_EVAL_BATCH_SIZE)
              .orDefault(given.evalBatchSize),
          (train ? Settings.TRAIN_RECOMPUTE : Settings.FINE_TUNE_RECOMPUTE)
              .orDefault(given.recompute));
    }
  }

  /**
   * The PyTorch engine's intra-op ({@code threads}) and inter-op ({@code interopThreads}) thread
   * counts for the whole run (0 = PyTorch's default, one per core); absent: the components'
   * defaults, {@link ThreadOptions#DEFAULT_THREADS} and {@link
   * ThreadOptions#DEFAULT_INTEROP_THREADS}.
   */
  public record RuntimeSettings(Integer threads, Integer interopThreads) {}

  /** The runtime section; null counts (or no section) mean the defaults. */
  public RuntimeSettings runtimeSettings() {
    return runtime == null ? new RuntimeSettings(null, null) : runtime;
  }

  /** Sets the engine's threads from {@link #runtimeSettings()}; before the first model is made. */
  public void applyThreads() {
    RuntimeSettings r = runtimeSettings();
    ThreadOptions.apply(r.threads(), r.interopThreads());
  }

  /**
   * Gradient projection. The projection seed's key is {@code projectorSeed} (the catalog's name, as
   * the flag and the KFP parameter); {@code seed}, its older key, is still read.
   */
  public record Gradients(
      Integer dim,
      @JsonProperty("projectorSeed") @JsonAlias("seed") Long seed,
      Integer batchSize,
      Integer chunkSize) {
    public Gradients {
      dim = Settings.GRADIENTS_DIM.orDefault(dim);
      seed = Settings.GRADIENTS_PROJECTOR_SEED.orDefault(seed);
      batchSize = Settings.GRADIENTS_BATCH_SIZE.orDefault(batchSize);
      chunkSize = chunkSize == null ? ExtractionConfig.DEFAULT_CHUNK_SIZE : chunkSize;
    }
  }

  /**
   * Subset estimation and selection. {@code lambda} defaults to the estimator's, so the
   * configuration (and the report that shows it) states the value used; {@code normCap} (the
   * estimate-subsets {@code --norm-cap}, ||P w|| / ||theta*||) is {@link
   * EstimatorConfig#DEFAULT_NORM_CAP} when absent (the store of a run always records ||theta*||)
   * and off when 0.
   */
  public record Estimate(
      Integer subsets, Double alpha, String mode, String select, Double lambda, Double normCap) {
    /** Without a norm cap. */
    public Estimate(Integer subsets, Double alpha, String mode, String select, Double lambda) {
      this(subsets, alpha, mode, select, lambda, null);
    }

    /** {@code normCap} stays null when absent: a soft default, applied by the estimate stage. */
    public Estimate {
      subsets = Settings.ESTIMATE_SUBSETS.orDefault(subsets);
      alpha = Settings.ESTIMATE_ALPHA.orDefault(alpha);
      mode = Settings.ESTIMATE_MODE.orDefault(mode);
      select = Settings.ESTIMATE_SELECT.orDefault(select);
      lambda = Settings.ESTIMATE_LAMBDA.orDefault(lambda);
    }
  }

  private static final ObjectMapper YAML = Json.STRICT_YAML;

  /** Reads and validates {@code file}. */
  public static RunConfig read(Path file) {
    RunConfig c;
    try {
      c = YAML.readValue(Files.readAllBytes(file), RunConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidInputException(
          file + ": " + e.getPathReference(), "unknown key '" + e.getPropertyName() + "'");
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      throw new InvalidInputException(
          file + ": " + e.getPathReference(), "not valid here: " + e.getOriginalMessage());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException(
          file.toString(), "not a valid run configuration: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage());
    }
    if (c == null) {
      throw new InvalidInputException(file.toString(), "is empty");
    }
    c.validate(file);
    return c;
  }

  /**
   * Checks every field against {@code file}'s directory, reading the data files; writes nothing.
   *
   * @throws InvalidInputException naming {@code file} and every problem found
   */
  public void validate(Path file) {
    List<String> bad = new RunConfigCheck(this, file).problems();
    if (!bad.isEmpty()) {
      throw new InvalidInputException(file.toString(), String.join("; ", bad));
    }
  }

  /** {@code path} resolved against the configuration file's directory. */
  public static Path resolve(Path configFile, String path) {
    return configFile.toAbsolutePath().getParent().resolve(path).normalize();
  }
}
