package dev.gradex.local;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.model.config.ConfigReader;
import dev.gradex.model.config.ModelConfig;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.Encoded;
import dev.gradex.model.data.Example;
import dev.gradex.model.data.ExampleEncoder;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.tokenizer.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's base model (a character decoder whose config.json names no end-of-sequence token) is
 * unaffected by {@code data.appendEos}: its examples encode the same with the setting on and off.
 */
class DemoEncodingTest {
  @TempDir Path dir;

  @Test
  void demoExamplesEncodeTheSameWithAppendEosOnAndOff() throws Exception {
    RunConfig config = RunConfig.read(Demo.prepare(dir, 0));
    assertThat(config.sequenceLimit().appendEos()).isTrue();
    RunConfig.Tiny tiny = config.model().tiny();
    // the demo's own base-model directory, without its pretraining (which does not touch the
    // config or the tokenizer)
    RunConfig.Tiny untrained =
        new RunConfig.Tiny(
            tiny.alphabet(), tiny.hidden(), tiny.layers(), tiny.heads(), tiny.context(), 0, null);
    Path base =
        TinyBase.create(
            dir.resolve("base-model"), untrained, null, 0, Device.cpu(), ProgressListener.NONE);
    assertThat(Files.readString(base.resolve("config.json"))).doesNotContain("eos_token_id");
    ModelConfig model = ConfigReader.read(base);
    assertThat(model.eosTokenId()).isEmpty();
    List<Example> examples =
        Dataset.read(dir.resolve(config.target().train()), "target").examples();
    try (TextTokenizer tok = TextTokenizer.load(base)) {
      ExampleEncoder on = ExampleEncoder.forModel(model, tok, config.sequenceLimit());
      ExampleEncoder off = ExampleEncoder.forModel(model, tok, new SequenceLimit(0, false, false));
      assertThat(on.eosTokenId()).isEmpty();
      assertThat(examples).hasSizeGreaterThan(10);
      for (Example e : examples) {
        Encoded a = on.encode(e);
        Encoded b = off.encode(e);
        assertThat(a.ids()).as(e.id()).containsExactly(b.ids());
        assertThat(a.targets()).as(e.id()).containsExactly(b.targets());
        assertThat(a.supervised()).as(e.id()).containsExactly(b.supervised());
      }
      // the first example, spelled out: the prompt with its special tokens, then the completion
      // without, and nothing after it
      Example first = examples.get(0);
      long[] prompt = tok.encode(first.prompt(), true);
      long[] completion = tok.encode(first.completion(), false);
      long[] expected = Arrays.copyOf(prompt, prompt.length + completion.length);
      System.arraycopy(completion, 0, expected, prompt.length, completion.length);
      assertThat(on.encode(first).ids()).containsExactly(expected);
    }
  }
}
