package dev.gradex.finetune;

import dev.gradex.component.ComponentOutputs;
import dev.gradex.model.cli.LoraTrainingOptions;
import dev.gradex.model.cli.TrainingProgress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The fine-tune component's command line (one flag per knob; see {@link LoraTrainingOptions}). */
@Command(
    name = "fine-tune",
    mixinStandardHelpOptions = true,
    description = {
      "Fine-tunes the pretrained base model with LoRA on the target and the selected sources",
      "(GradEx stage 5) and evaluates it on the target test split."
    })
public final class FineTuneCommand implements Callable<Integer> {
  static final String NAME = "fine-tune";

  @Mixin LoraTrainingOptions lora;

  @Option(
      names = "--selection",
      required = true,
      description = "estimate-subsets output (directory with selection.json, or the file).")
  Path selection;

  @Option(
      names = "--adapter-out",
      required = true,
      description = "Output directory: PEFT adapter files, metrics.json, manifest.json.")
  Path adapterOut;

  @Option(names = "--source-digests", description = "Digests of the source data (provenance).")
  String sourceDigests = "";

  @Option(names = "--metrics-out", description = "Also write the metrics as JSON here.")
  Path metricsOut;

  @Option(
      names = "--kfp-executor-input",
      description = "KFP's executor input JSON (metrics to KFP).")
  String kfpExecutorInput;

  @Override
  public Integer call() throws Exception {
    System.err.println(
        "gradex: "
            + NAME
            + " "
            + lora.settings()
            + " sources="
            + lora.sources
            + " source-digests="
            + sourceDigests
            + " base-model="
            + lora.baseModel
            + " out="
            + adapterOut);
    Map<String, Object> results =
        new FineTuneStage(
                lora.sources,
                lora.baseModel,
                FineTuneStage.readSelection(selection),
                adapterOut,
                lora.settings(),
                lora.djlDevice(),
                new TrainingProgress(System.err, NAME))
            .call();
    ComponentOutputs.publish(results, metricsOut, kfpExecutorInput);
    System.err.println("gradex: " + NAME + " done: " + results);
    return 0;
  }
}
