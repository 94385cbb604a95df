package dev.gradex.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration of {@code gradex run CONFIG.yaml}: sources, target, base model, LoRA, training,
 * projection, subsets, selection rule, final fine-tune and output directory. Relative paths are
 * resolved against the file's directory. Unknown keys are refused (a typo must not be silently
 * ignored), and every invalid field is reported at once.
 *
 * <pre>
 * out: runs/my-run
 * seed: 7
 * sources:                       # one JSONL file per source task
 *   - {name: web, path: data/web.jsonl}
 * target: {train: data/t-train.jsonl, validation: data/t-val.jsonl, test: data/t-test.jsonl}
 * model: {dir: models/smollm}    # a Hugging Face directory, or {tiny: {...}} for a from-scratch decoder
 * lora: {rank: 8, alpha: 16}
 * train: {epochs: 3, learningRate: 0.001, batchSize: 16}
 * gradients: {dim: 200, seed: 0, batchSize: 16}
 * estimate: {subsets: 1000, alpha: 0.5, mode: faithful, select: best-prefix}
 * fineTune: {epochs: 3, learningRate: 0.001}
 * fidelity: {subsets: 3}         # sampled subsets fine-tuned for real to check fhat; 0 = off
 * </pre>
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
    Fidelity fidelity) {

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
   * How many sampled subsets to fine-tune for real and compare with their estimates (besides the
   * selection, which is fine-tuned anyway); null = {@value #DEFAULT_FIDELITY_SUBSETS}, 0 = off.
   */
  public record Fidelity(Integer subsets) {
    public Fidelity {
      if (subsets != null && subsets < 0) {
        throw new IllegalArgumentException("fidelity.subsets must be >= 0 (got " + subsets + ")");
      }
    }
  }

  public static final int DEFAULT_FIDELITY_SUBSETS = 3;

  /** The number of fidelity subsets, the default when not configured. */
  public int fidelitySubsets() {
    return fidelity == null || fidelity.subsets() == null
        ? DEFAULT_FIDELITY_SUBSETS
        : fidelity.subsets();
  }

  /** One source task: a name and a JSONL file. */
  public record SourceEntry(String name, String path) {}

  /** The target's splits. */
  public record Target(String train, String validation, String test) {}

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
  public record Lora(int rank, double alpha, List<String> targets) {}

  /** A training phase. */
  public record Training(int epochs, double learningRate, int batchSize) {}

  /** Gradient projection. */
  public record Gradients(int dim, long seed, int batchSize) {}

  /** Subset estimation and selection. */
  public record Estimate(int subsets, double alpha, String mode, String select, Double lambda) {}

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
    c.validate(file);
    return c;
  }

  private void validate(Path file) {
    List<String> bad = new ArrayList<>();
    Path base = file.toAbsolutePath().getParent();
    if (out == null || out.isBlank()) {
      bad.add("out is required");
    }
    if (sources == null || sources.isEmpty()) {
      bad.add("sources: at least one source is required");
    } else {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < sources.size(); i++) {
        SourceEntry s = sources.get(i);
        if (s == null || s.name() == null || s.name().isBlank() || s.path() == null) {
          bad.add("sources[" + i + "] needs a name and a path");
        } else if (!names.add(s.name()) || s.name().equals("target")) {
          bad.add("sources[" + i + "].name '" + s.name() + "' is repeated or reserved");
        } else if (!Files.isRegularFile(base.resolve(s.path()))) {
          bad.add("sources[" + i + "].path " + base.resolve(s.path()) + " does not exist");
        }
      }
    }
    if (target == null
        || target.train() == null
        || target.validation() == null
        || target.test() == null) {
      bad.add("target needs train, validation and test files");
    } else {
      for (String p : List.of(target.train(), target.validation(), target.test())) {
        if (!Files.isRegularFile(base.resolve(p))) {
          bad.add("target file " + base.resolve(p) + " does not exist");
        }
      }
    }
    if (model == null || (model.dir() == null) == (model.tiny() == null)) {
      bad.add("model needs exactly one of dir or tiny");
    }
    positive(bad, "lora.rank", lora == null ? 0 : lora.rank());
    positive(bad, "train.epochs", train == null ? 0 : train.epochs());
    positive(bad, "fineTune.epochs", fineTune == null ? 0 : fineTune.epochs());
    positive(bad, "gradients.dim", gradients == null ? 0 : gradients.dim());
    positive(bad, "estimate.subsets", estimate == null ? 0 : estimate.subsets());
    if (!bad.isEmpty()) {
      throw new InvalidInputException(file.toString(), String.join("; ", bad));
    }
  }

  private static void positive(List<String> bad, String field, double value) {
    if (!(value > 0)) {
      bad.add(field + " must be > 0 (got " + value + ")");
    }
  }

  /** {@code path} resolved against the configuration file's directory. */
  public static Path resolve(Path configFile, String path) {
    return configFile.toAbsolutePath().getParent().resolve(path).normalize();
  }
}
