package dev.gradex.metatrain;

import dev.gradex.model.cli.LoraStageCommand;
import dev.gradex.model.cli.TrainingProgress;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The meta-train component's command line (options in {@link LoraStageCommand}). */
@Command(
    name = "meta-train",
    mixinStandardHelpOptions = true,
    description = {
      "Meta-trains: LoRA fine-tuning on the target and every source at once (GradEx stage 1),",
      "keeping the epoch with the best target validation loss; the adapter is theta*."
    })
public final class MetaTrainCommand extends LoraStageCommand {
  @Override
  protected String name() {
    return "meta-train";
  }

  @Override
  protected Callable<Map<String, Object>> stage(TrainingProgress progress) {
    return new MetaTrainStage(
        lora.sources, lora.baseModel, adapterOut, lora.settings(), lora.djlDevice(), progress);
  }
}
