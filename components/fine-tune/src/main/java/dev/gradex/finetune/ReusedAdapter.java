package dev.gradex.finetune;

import ai.djl.Device;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.ContainedFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Sha256;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.lora.PeftFiles;
import dev.gradex.model.tokenizer.TextTokenizer;
import dev.gradex.model.train.EvalResult;
import dev.gradex.model.train.Evaluator;
import dev.gradex.model.train.LoraJob;
import dev.gradex.model.train.TrainingCurves;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A fine-tune whose training would repeat one already done: the same base model, data and settings
 * (the all-sources baseline of a run whose fineTune settings equal meta-training's, stage 1 of Li,
 * Zhang, Wang, Zhang, arXiv 2409.19458, repeats it bit for bit). Its adapter files and training
 * curves are copied from the earlier output instead, and the adapter is evaluated on the target's
 * validation and test splits as {@link LoraJob#run} would have done after training.
 */
final class ReusedAdapter {
  /** The earlier output's own records, not part of the adapter. */
  private static final Set<String> NOT_ADAPTER = Set.of(StageManifest.FILE, "metrics.json");

  private ReusedAdapter() {}

  /**
   * Copies the adapter in {@code from} to {@code adapterOut} and its {@code curves.csv} to {@code
   * recordsOut}, then evaluates it.
   */
  static Evaluated copyAndEvaluate(
      Path from,
      Path baseModel,
      Dataset validation,
      Dataset test,
      LoraJob.Settings s,
      Device device,
      Path adapterOut,
      Path recordsOut) {
    weightsDigest(from);
    copyAdapter(from, adapterOut);
    copy(from.resolve(TrainingCurves.FILE), recordsOut.resolve(TrainingCurves.FILE));
    // the step times beside the curves, when the reused training recorded them
    if (Files.isRegularFile(from.resolve(TrainingCurves.TIMES_FILE))) {
      copy(from.resolve(TrainingCurves.TIMES_FILE), recordsOut.resolve(TrainingCurves.TIMES_FILE));
    }
    try (LanguageModel m = HfModels.load(baseModel, device, s.seed());
        TextTokenizer tok = TextTokenizer.load(baseModel)) {
      m.loadAdapter(adapterOut);
      ExampleEncoder enc = LoraJob.encoder(m, tok, s.sequenceLimit());
      // The batch sizes LoraJob.run evaluates with, so the numbers are those training would give.
      EvalResult v =
          Evaluator.evaluate(m, enc.encodeAll(validation.examples()), Math.max(16, s.batchSize()));
      EvalResult t = Evaluator.evaluate(m, enc.encodeAll(test.examples()), 32);
      return new Evaluated(v, t);
    }
  }

  /** The reused adapter's target validation and test evaluations. */
  record Evaluated(EvalResult validation, EvalResult test) {}

  /** The digest of {@code from}'s adapter weights, which the reusing output's key includes. */
  static String weightsDigest(Path from) {
    if (Files.isDirectory(from)) {
      // Every file of it may be copied into this fine-tune's adapter: a link must not bring in a
      // file from outside (docs/security.md).
      ContainedFiles.requireNoLinks(from, "reused adapter directory");
    }
    Path weights = from.resolve(PeftFiles.WEIGHTS);
    if (!Files.isRegularFile(weights)) {
      throw new InvalidInputException(
          from.toString(), "has no " + PeftFiles.WEIGHTS + " to reuse as this fine-tune's adapter");
    }
    return Sha256.of(weights);
  }

  /** Every adapter file of {@code from} (not its records, not hidden checkpoints), atomically. */
  private static void copyAdapter(Path from, Path adapterOut) {
    try (var files = Files.list(from)) {
      Files.createDirectories(adapterOut);
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (Files.isRegularFile(f)
            && !name.startsWith(".")
            && !name.equals(TrainingCurves.FILE)
            && !NOT_ADAPTER.contains(name)) {
          copy(f, adapterOut.resolve(name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the adapter " + from + " to " + adapterOut, e);
    }
  }

  private static void copy(Path from, Path to) {
    try {
      AtomicFiles.write(to, Files.readAllBytes(from));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }
}
