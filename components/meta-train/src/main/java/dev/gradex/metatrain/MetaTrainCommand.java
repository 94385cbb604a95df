package dev.gradex.metatrain;

import dev.gradex.component.ReuseDir;
import dev.gradex.component.settings.cli.CatalogOptions;
import dev.gradex.component.stage.Stage;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.model.cli.LoraStageCommand;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The meta-train component's command line (options in {@link LoraStageCommand}). */
@Command(
    name = "meta-train",
    mixinStandardHelpOptions = true,
    modelTransformer = CatalogOptions.class,
    description = {
      "Meta-trains: LoRA fine-tuning on the target and every source at once (GradEx stage 1),",
      "keeping the epoch with the best target validation loss; the adapter is theta*."
    })
public final class MetaTrainCommand extends LoraStageCommand {
  @Option(
      names = "--only-sources",
      description =
          "Comma-separated sources new since the last full run: reuse its theta* from"
              + " --reuse-dir instead of training (incremental reselection); empty = train.")
  String onlySources = "";

  @Option(
      names = "--reuse-dir",
      description = "Directory kept between runs holding the last full run's adapter; empty = off.")
  String reuseDir = "";

  @Override
  protected String name() {
    return "meta-train";
  }

  @Override
  protected Stage<?, MetaTrainResult> stage(ProgressListener progress) {
    Set<String> only = new TreeSet<>();
    for (String n : onlySources.split(",")) {
      if (!n.isBlank()) {
        only.add(n.strip());
      }
    }
    if (!only.isEmpty()) {
      ReuseDir reuse = ReuseDir.of(reuseDir);
      if (reuse == null) {
        throw new InvalidInputException("--only-sources", "needs --reuse-dir (theta* to reuse)");
      }
      return new ThetaReuse(lora.sources, reuse, only, adapterOut);
    }
    return new MetaTrainStage(
        lora.sources, lora.baseModel, adapterOut, lora.settings(), lora.djlDevice(), progress);
  }
}
