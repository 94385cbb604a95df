package dev.gradex.metatrain;

import dev.gradex.component.ComponentOutputs;
import dev.gradex.model.cli.LoraTrainingOptions;
import dev.gradex.model.cli.TrainingProgress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The meta-train component's command line (one flag per knob; see {@link LoraTrainingOptions}). */
@Command(
    name = "meta-train",
    mixinStandardHelpOptions = true,
    description = {
      "Meta-trains: LoRA fine-tuning on the target and every source at once (GradEx stage 1),",
      "keeping the epoch with the best target validation loss; the adapter is theta*."
    })
public final class MetaTrainCommand implements Callable<Integer> {
  static final String NAME = "meta-train";

  @Mixin LoraTrainingOptions lora;

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
        new MetaTrainStage(
                lora.sources,
                lora.baseModel,
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
