package dev.gradex.model.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelOutput;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.tokenizer.TextTokenizer;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gradex model forward}: tokenises a text and prints the token ids with, for an encoder, the
 * last hidden states and, for a decoder, the next-token logits of every position.
 */
@Command(
    name = "forward",
    mixinStandardHelpOptions = true,
    description =
        "Run the model on a text: token ids and hidden states (encoder) or logits (decoder).")
final class ForwardCommand extends ModelOptions {
  @Option(names = "--text", required = true, description = "The input text.")
  String text;

  @Override
  void run(PrintWriter out) throws Exception {
    Device dev = ModelRuntime.device(device);
    long[] ids;
    try (TextTokenizer tok = TextTokenizer.load(model)) {
      ids = tok.encode(text);
    }
    if (ids.length == 0) {
      throw new InvalidInputException("--text", "tokenises to no tokens");
    }
    try (LanguageModel m = HfModels.load(model, dev, 0);
        NDManager scope = ModelRuntime.newManager(dev)) {
      for (long id : ids) {
        if (id < 0 || id >= m.config().vocabSize()) {
          throw new InvalidInputException(
              "tokenizer.json",
              "token id " + id + " is outside vocab_size " + m.config().vocabSize());
        }
      }
      long[] mask = new long[ids.length];
      Arrays.fill(mask, 1);
      ModelOutput o =
          m.forward(scope.create(new long[][] {ids}), scope.create(new long[][] {mask}), false);
      boolean decoder = m.config().isDecoder();
      NDArray values = (decoder ? o.logits() : o.hidden()).get(0);
      String key = decoder ? "logits" : "hidden";
      if (json) {
        ObjectMapper mapper = Json.JSON;
        ObjectNode n = mapper.createObjectNode();
        ArrayNode tokens = n.putArray("tokens");
        for (long id : ids) {
          tokens.add(id);
        }
        ArrayNode rows = n.putArray(key);
        int width = (int) values.getShape().get(1);
        float[] flat = values.toFloatArray();
        for (int t = 0; t < ids.length; t++) {
          ArrayNode row = rows.addArray();
          for (int j = 0; j < width; j++) {
            row.add(flat[t * width + j]);
          }
        }
        out.println(mapper.writeValueAsString(n));
      } else {
        out.println("tokens: " + Arrays.toString(ids));
        out.println(key + ": shape " + values.getShape());
      }
    }
  }
}
