package dev.gradex.model.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.Json;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.NamedParameter;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.config.Attention;
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
    description =
        "Print the architecture, layers, attention heads and key/value heads, context length,"
            + " rotary settings, tied embeddings, end-of-sequence token, parameter count and LoRA"
            + " targets.")
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
      Attention a = Attention.of(c);
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
        n.put("attention_heads", a.heads());
        n.put("key_value_heads", a.kvHeads());
        n.put("head_dim", a.headDim());
        n.put("context_length", a.contextLength());
        n.put("positions", a.positions());
        if (Attention.ROTARY.equals(a.positions())) {
          n.put("rope_theta", a.ropeTheta());
          if (a.ropeScaling() == null) {
            n.putNull("rope_scaling");
          } else {
            n.set("rope_scaling", mapper.valueToTree(a.ropeScaling()));
          }
        }
        n.put("tied_embeddings", a.tiedEmbeddings());
        if (c.eosTokenId().isPresent()) {
          n.put("eos_token_id", c.eosTokenId().getAsLong());
        } else {
          n.putNull("eos_token_id");
        }
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
      out.printf(
          "attention:      %d heads, %d key/value heads, head dim %d%n",
          a.heads(), a.kvHeads(), a.headDim());
      out.printf("context length: %d tokens%n", a.contextLength());
      out.printf("positions:      %s%n", a.positionsText());
      out.printf(
          "embeddings:     %s%n",
          a.tiedEmbeddings() ? "tied (the LM head is the token embedding)" : "not tied");
      out.printf(
          "eos token:      %s%n",
          c.eosTokenId().isPresent()
              ? c.eosTokenId().getAsLong() + " (ends each completion unless data.appendEos: false)"
              : "none (completions get no end-of-sequence token)");
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
