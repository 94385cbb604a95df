package dev.gradex.cli.bench.approx;

import dev.gradex.baselines.BaselineInputs;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.finetune.FineTuneResult;
import dev.gradex.finetune.FineTuneStage;
import dev.gradex.metatrain.MetaTrainResult;
import dev.gradex.metatrain.MetaTrainStage;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.train.LoraJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What {@link OutputApproximation} reads of a finished {@code gradex run} directory: the base model
 * and theta* ({@code meta-train/}), the sources artifact, meta-train's settings (whose sequence
 * limit the gradients were taken under) and the recipe of the continued training: the final
 * fine-tune's settings and its optimizer steps when {@code fine-tune/manifest.json} exists, else
 * meta-train's settings and {@link OutputApproximation#FALLBACK_STEPS} steps.
 *
 * @param baseModel the base pretrained model directory
 * @param adapter the meta-trained adapter theta*
 * @param sources the run's sources artifact
 * @param metaTrain meta-train's recorded settings
 * @param recipeStage {@code fine-tune} or {@code meta-train}: whose settings {@code recipe} are
 * @param recipe the settings of the continued training
 * @param steps the optimizer steps of the recipe's stage (or the fallback)
 */
record ApproxRun(
    Path baseModel,
    Path adapter,
    SourceSet sources,
    LoraJob.Settings metaTrain,
    String recipeStage,
    LoraJob.Settings recipe,
    int steps) {

  /** Reads {@code run}, whose meta-train output the builder has checked. */
  static ApproxRun read(Path run) {
    Path metaOut = run.resolve("meta-train");
    LoraJob.Settings meta =
        settings(
            metaOut,
            MetaTrainResult.class,
            MetaTrainStage.Inputs.class,
            MetaTrainStage.Inputs::settings);
    Path base = BaselineInputs.fromRun(run).baseModel();
    SourceSet sources = SourceSet.read(run.resolve("sources"));
    Path fineOut = run.resolve("fine-tune");
    if (!Files.isRegularFile(fineOut.resolve(StageManifest.FILE))) {
      return new ApproxRun(
          base,
          MetaTrainStage.adapter(metaOut),
          sources,
          meta,
          "meta-train",
          meta,
          OutputApproximation.FALLBACK_STEPS);
    }
    LoraJob.Settings fine =
        settings(
            fineOut,
            FineTuneResult.class,
            FineTuneStage.Inputs.class,
            FineTuneStage.Inputs::settings);
    Long taken = StageManifest.read(fineOut, FineTuneResult.class).results().trainSteps();
    int steps =
        taken == null || taken <= 0 ? OutputApproximation.FALLBACK_STEPS : Math.toIntExact(taken);
    return new ApproxRun(
        base, MetaTrainStage.adapter(metaOut), sources, meta, "fine-tune", fine, steps);
  }

  /** A LoRA stage's training settings, as its typed manifest in {@code dir} records them. */
  private static <I> LoraJob.Settings settings(
      Path dir, Class<?> results, Class<I> inputsType, Function<I, LoraJob.Settings> get) {
    Path manifest = dir.resolve(StageManifest.FILE);
    try {
      I typed = Json.JSON.treeToValue(StageManifest.read(dir, results).inputs(), inputsType);
      LoraJob.Settings s = typed == null ? null : get.apply(typed);
      if (s == null) {
        throw new IllegalArgumentException("no inputs.settings");
      }
      return s;
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException(
          manifest + ": inputs", "not a LoRA stage's inputs: " + e.getMessage(), e);
    }
  }
}
