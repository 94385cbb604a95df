package dev.gradex.finetune;

import dev.gradex.component.settings.cli.CatalogOptions;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.model.cli.LoraStageCommand;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The fine-tune component's command line (shared options in {@link LoraStageCommand}). */
@Command(
    name = "fine-tune",
    mixinStandardHelpOptions = true,
    modelTransformer = CatalogOptions.class,
    description = {
      "Fine-tunes the pretrained base model with LoRA on the target and the selected sources",
      "(GradEx stage 5) and evaluates it on the target test split."
    })
public final class FineTuneCommand extends LoraStageCommand {
  @Option(
      names = "--selection",
      required = true,
      description = "estimate-subsets output (directory with selection.json, or the file).")
  Path selection;

  @Override
  protected String name() {
    return "fine-tune";
  }

  @Override
  protected FineTuneStage stage(ProgressListener progress) {
    return new FineTuneStage(
        lora.sources,
        lora.baseModel,
        FineTuneStage.readSelection(selection),
        adapterOut,
        lora.settings(),
        lora.djlDevice(),
        progress);
  }
}
