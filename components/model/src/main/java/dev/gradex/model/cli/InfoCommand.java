package dev.gradex.model.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.Json;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.config.ModelConfig;
import dev.gradex.model.lora.LoraAdapter;
import dev.gradex.model.lora.LoraConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gradex model info}: architecture, size and the LoRA targets that would be used. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Print the architecture, layer count, parameter count and LoRA targets.")
final class InfoCommand extends ModelOptions {
  @Option(
      names = "--lora-config",
      paramLabel = "FILE",
      description = "LoRA settings (JSON); default: the built-in settings for the family.")
  Path loraConfig;

  @Override
  void run(PrintWriter out) throws Exception {
    Device dev = ModelRuntime.device(device);
    try (LanguageModel m = HfModels.load(model, dev, 0)) {
      ModelConfig c = m.config();
      LoraConfig lora =
          loraConfig == null
              ? LoraConfig.defaults(c.family())
              : LoraConfig.read(loraConfig, c.family());
      long base = m.baseParameterCount();
      m.applyLora(lora, 0);
      List<String> wrapped = m.loraLayers().stream().map(LoraAdapter::modulePath).toList();
      long trainable = 0;
      for (NamedParameter p : m.trainableParameters()) {
        trainable += p.shape().size();
      }
      if (json) {
        ObjectMapper mapper = Json.JSON;
        ObjectNode n = mapper.createObjectNode();
        n.put("model_type", c.modelType());
        n.put("family", c.family().key());
        n.put("decoder", c.isDecoder());
        n.put("layers", c.numLayers());
        n.put("hidden_size", c.hiddenSize());
        n.put("vocab_size", c.vocabSize());
        n.put("parameters", base);
        ObjectNode l = n.putObject("lora");
        l.put("r", lora.rank());
        l.put("lora_alpha", lora.alpha());
        l.put("lora_dropout", lora.dropout());
        lora.targetModules().forEach(l.putArray("target_modules")::add);
        lora.modulesToSave().forEach(l.putArray("modules_to_save")::add);
        wrapped.forEach(l.putArray("modules")::add);
        l.put("trainable_parameters", trainable);
        out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(n));
        return;
      }
      out.printf(
          "architecture:   %s (%s, %s)%n",
          c.modelType(),
          c.family().key(),
          c.isDecoder() ? "decoder" : "encoder with classification head");
      out.printf("layers:         %d%n", c.numLayers());
      out.printf("hidden size:    %d%n", c.hiddenSize());
      out.printf("vocabulary:     %d%n", c.vocabSize());
      out.printf("parameters:     %,d%n", base);
      out.printf(
          "LoRA:           r=%d alpha=%s dropout=%s%n", lora.rank(), lora.alpha(), lora.dropout());
      out.printf(
          "LoRA targets:   %s%s%n",
          lora.targetModules(),
          lora.modulesToSave().isEmpty() ? "" : " (+ trained: " + lora.modulesToSave() + ")");
      out.printf("LoRA modules:   %d, e.g. %s%n", wrapped.size(), wrapped.get(0));
      out.printf("trainable:      %,d parameters%n", trainable);
    }
  }
}
