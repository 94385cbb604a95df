package dev.gradex.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.model.config.BertConfig;
import dev.gradex.model.config.Gpt2Config;
import dev.gradex.model.tokenizer.CharTokenizer;
import dev.gradex.model.tokenizer.TokenEncoder;
import org.junit.jupiter.api.Test;

class ExampleEncoderTest {
  private static final CharTokenizer CHARS = new CharTokenizer("abcdefgh=");

  /** Like BERT's: [CLS] = 100 before the text, [SEP] = 101 after it; one id per character. */
  private static final TokenEncoder CLS_SEP =
      (text, special) -> {
        long[] ids = new long[text.length() + (special ? 2 : 0)];
        int off = special ? 1 : 0;
        for (int i = 0; i < text.length(); i++) {
          ids[i + off] = text.charAt(i);
        }
        if (special) {
          ids[0] = 100;
          ids[ids.length - 1] = 101;
        }
        return ids;
      };

  private static final BertConfig BERT = new BertConfig(200, 8, 1, 2, 16, 6, 2, 1e-12, "gelu", 2);
  private static final Gpt2Config GPT2 = new Gpt2Config(20, 6, 8, 1, 2, 1e-5);

  @Test
  void aTooLongTextIsRefusedNamingTheLimitAndTheFix() {
    ExampleEncoder enc = ExampleEncoder.forModel(BERT, CLS_SEP);
    assertThatThrownBy(() -> enc.encode(Example.classification("spam-4", "spam", "abcdefg", 1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "spam-4: 9 tokens exceed the model's limit of 6 (set a larger maxSeqLength, or"
                + " truncate: true / --truncate to cut such examples)");
    ExampleEncoder capped = ExampleEncoder.forModel(BERT, CLS_SEP, new SequenceLimit(4, false));
    assertThatThrownBy(() -> capped.encode(Example.classification("x", "t", "abc", 0)))
        .hasMessageStartingWith("x: 5 tokens exceed the limit of maxSeqLength = 4");
  }

  @Test
  void truncationCutsTheTextsEndAndKeepsTheSpecialTokens() {
    ExampleEncoder enc = ExampleEncoder.forModel(BERT, CLS_SEP, new SequenceLimit(0, true));
    Encoded e = enc.encode(Example.classification("x", "t", "abcdefg", 1));
    assertThat(e.ids()).containsExactly(100, 'a', 'b', 'c', 'd', 101);
    assertThat(e.truncated()).isTrue();
    assertThat(e.fullLength()).isEqualTo(9);
    assertThat(e.targets()).containsExactly(1);
    Encoded fits = enc.encode(Example.classification("y", "t", "ab", 0));
    assertThat(fits.ids()).containsExactly(100, 'a', 'b', 101);
    assertThat(fits.truncated()).isFalse();
  }

  @Test
  void truncationKeepsTheCompletionAndCutsThePromptsStart() {
    // Model limit 6; CharTokenizer: BOS = 0, 'a' = 1 ... 'h' = 8, '=' = 9.
    ExampleEncoder enc = ExampleEncoder.forModel(GPT2, CHARS, new SequenceLimit(0, true));
    Encoded e = enc.encode(Example.lm("x", "t", "abcdef=", "gh"));
    // BOS + the prompt's last 3 tokens ("ef=") + the completion "gh".
    assertThat(e.ids()).containsExactly(0, 5, 6, 9, 7, 8);
    assertThat(e.supervised()).containsExactly(false, false, false, true, true, false);
    assertThat(e.fullLength()).isEqualTo(10);
    // A completion longer than the limit: the prompt keeps only BOS, the completion's end is cut.
    Encoded c = enc.encode(Example.lm("y", "t", "ab=", "hgfedcba"));
    assertThat(c.ids()).containsExactly(0, 8, 7, 6, 5, 4);
    assertThat(c.targetTokens()).isEqualTo(5);
    assertThatThrownBy(
            () ->
                ExampleEncoder.forModel(GPT2, CHARS, SequenceLimit.MODEL)
                    .encode(Example.lm("z", "t", "abcdef=", "gh")))
        .hasMessageContaining("10 tokens exceed the model's limit of 6");
  }

  @Test
  void aLimitAboveTheModelsIsTheModels() {
    assertThat(ExampleEncoder.forModel(GPT2, CHARS, new SequenceLimit(512, false)).maxLength())
        .isEqualTo(6);
    assertThat(ExampleEncoder.forModel(GPT2, CHARS, new SequenceLimit(4, true)).maxLength())
        .isEqualTo(4);
    assertThatThrownBy(() -> new SequenceLimit(-1, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
