package dev.gradex.local;

import dev.gradex.core.InvalidInputException;
import dev.gradex.model.arch.TinyDecoder;
import dev.gradex.model.config.ConfigReader;
import dev.gradex.model.config.ModelConfig;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.data.LabelMap;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.tokenizer.CharTokenizerJson;
import dev.gradex.model.tokenizer.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The up-front length check of {@code gradex run}: every example of every data file is encoded
 * once, as the stages will encode it, with the run's tokenizer ({@code model.dir}'s {@code
 * tokenizer.json}, or the tiny model's character tokenizer built in memory from its alphabet; no
 * weights are loaded) under the run's {@link SequenceLimit}. Unless {@code data.truncate} is on,
 * every too-long example is a problem, grouped per file: the count and the first few {@code
 * file:line (N tokens)}, with the limit and the setting that would fix it. Also refused here: a
 * label mapping larger than the classifier's {@code num_labels}, and a record the model cannot use
 * (a classifier given prompt/completion records, a label index out of range), by {@code file:line}.
 */
final class ExampleLengths {
  /** How many too-long examples of one file are named; the rest are counted. */
  static final int NAMED = 5;

  /** A data file as the check read it. */
  record File(String field, Path path, Dataset data) {}

  private ExampleLengths() {}

  /** The problems; none if the model cannot be loaded (then {@code model.*} says why). */
  static List<String> check(RunConfig c, Path base, List<File> files, LabelMap labels) {
    List<String> bad = new ArrayList<>();
    ModelConfig config;
    TextTokenizer tok;
    try {
      config = config(c, base);
      if (config == null) {
        return bad;
      }
      tok = tokenizer(c, base);
    } catch (InvalidInputException e) {
      bad.add("model: " + e.getMessage());
      return bad;
    }
    try (tok) {
      SequenceLimit limit = c.sequenceLimit();
      ExampleEncoder enc =
          ExampleEncoder.forModel(
              config, tok, new SequenceLimit(limit.maxLength(), true, limit.appendEos()));
      try {
        enc.requireLabels(labels);
      } catch (InvalidInputException e) {
        bad.add(e.getMessage());
      }
      for (File f : files) {
        String problem = check(f, enc, limit.truncate(), ExampleEncoder.modelLimit(config));
        if (problem != null) {
          bad.add(problem);
        }
      }
    }
    return bad;
  }

  private static String check(File f, ExampleEncoder enc, boolean truncate, int modelLimit) {
    int[] lines = Dataset.lineNumbers(f.path());
    List<String> named = new ArrayList<>();
    int tooLong = 0;
    List<dev.gradex.model.data.Example> examples = f.data().examples();
    for (int i = 0; i < examples.size(); i++) {
      String at = f.path().getFileName() + ":" + lines[i];
      Encoded e;
      try {
        e = enc.encode(examples.get(i));
      } catch (InvalidInputException x) {
        return f.field() + ": " + at + ": " + x.detail();
      }
      if (e.truncated()) {
        tooLong++;
        if (named.size() < NAMED) {
          named.add(at + " (" + e.fullLength() + " tokens)");
        }
      }
    }
    if (tooLong == 0 || truncate) {
      return null;
    }
    String limit =
        enc.maxLength() < modelLimit
            ? "data.maxSeqLength = " + enc.maxLength() + " tokens"
            : "the model's limit of " + modelLimit + " tokens";
    String fix =
        enc.maxLength() < modelLimit
            ? "raise data.maxSeqLength (the model takes up to "
                + modelLimit
                + ") or set data.truncate: true to cut them"
            : "set data.truncate: true to cut them (a text's end; a prompt's start, keeping the"
                + " completion)";
    return f.field()
        + ": "
        + tooLong
        + " of "
        + examples.size()
        + " examples exceed "
        + limit
        + ": "
        + String.join(", ", named)
        + (tooLong > named.size() ? ", ..." : "")
        + "; "
        + fix;
  }

  /** The model's configuration, or null when {@code model} is itself invalid (reported there). */
  private static ModelConfig config(RunConfig c, Path base) {
    RunConfig.Model m = c.model();
    if (m == null || (m.dir() == null) == (m.tiny() == null)) {
      return null;
    }
    if (m.dir() != null) {
      Path dir = base.resolve(m.dir()).normalize();
      return Files.isDirectory(dir) ? ConfigReader.read(dir) : null;
    }
    RunConfig.Tiny t = m.tiny();
    if (t.alphabet() == null
        || t.alphabet().isEmpty()
        || t.context() < 1
        || t.hidden() < 1
        || t.heads() < 1
        || t.layers() < 1
        || t.hidden() % t.heads() != 0) {
      return null;
    }
    return TinyDecoder.config(
        CharTokenizerJson.vocabSize(t.alphabet()), t.context(), t.hidden(), t.layers(), t.heads());
  }

  private static TextTokenizer tokenizer(RunConfig c, Path base) {
    RunConfig.Model m = c.model();
    if (m.dir() != null) {
      return TextTokenizer.load(base.resolve(m.dir()).normalize());
    }
    return TextTokenizer.fromJson(
        CharTokenizerJson.json(m.tiny().alphabet()), "model.tiny.alphabet");
  }
}
