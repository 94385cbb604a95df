package dev.gradex.model.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.tokenizer.TextTokenizer;
import dev.gradex.model.train.EvalResult;
import dev.gradex.model.train.Evaluator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gradex model eval}: mean per-token loss, perplexity and (classifiers) accuracy of a base
 * model or an adapter on a JSONL dataset.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate a model (and adapter) on a JSONL dataset: loss, perplexity, accuracy.")
final class EvalCommand extends ModelOptions {
  @Option(names = "--adapter", paramLabel = "DIR", description = "PEFT LoRA adapter directory.")
  Path adapter;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "JSONL records: prompt/completion (decoder) or text/label (classifier).")
  Path data;

  @Option(
      names = "--batch-size",
      defaultValue = "16",
      description = "Examples per forward pass (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--append-eos",
      arity = "0..1",
      fallbackValue = "true",
      defaultValue = "true",
      description =
          "End each completion with the model's end-of-sequence token, as training does with"
              + " data.appendEos (default: ${DEFAULT-VALUE}); a model without one gets none.")
  boolean appendEos;

  @Override
  void run(PrintWriter out) throws Exception {
    if (!Files.isRegularFile(data)) {
      throw new InvalidInputException(data.toString(), "no such file");
    }
    if (batchSize < 1) {
      throw new InvalidInputException("--batch-size", "must be >= 1, got " + batchSize);
    }
    if (adapter != null && !Files.isDirectory(adapter)) {
      throw new InvalidInputException(adapter.toString(), "not a directory");
    }
    Dataset ds = Dataset.read(data, null);
    try (TextTokenizer tok = TextTokenizer.load(model);
        LanguageModel m = HfModels.load(model, ModelRuntime.device(device), 0)) {
      if (adapter != null) {
        m.loadAdapter(adapter);
      }
      List<Encoded> enc =
          ExampleEncoder.forModel(m.config(), tok, new SequenceLimit(0, false, appendEos))
              .encodeAll(ds.examples());
      EvalResult r = Evaluator.evaluate(m, enc, batchSize);
      print(out, r);
    }
  }

  private void print(PrintWriter out, EvalResult r) throws Exception {
    if (json) {
      ObjectMapper mapper = Json.JSON;
      ObjectNode n = mapper.createObjectNode();
      n.put("examples", r.examples());
      n.put("tokens", r.tokens());
      n.put("loss", r.loss());
      n.put("perplexity", r.perplexity());
      n.put("output_loss", r.outputLoss());
      if (Double.isNaN(r.accuracy())) {
        n.putNull("accuracy");
      } else {
        n.put("accuracy", r.accuracy());
      }
      out.println(mapper.writeValueAsString(n));
    } else {
      out.printf(
          Locale.ROOT,
          "examples %d, tokens %d, loss %.4f, perplexity %.3f%s%n",
          r.examples(),
          r.tokens(),
          r.loss(),
          r.perplexity(),
          Double.isNaN(r.accuracy())
              ? ""
              : String.format(Locale.ROOT, ", accuracy %.4f", r.accuracy()));
    }
  }
}
