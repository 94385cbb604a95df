package dev.gradex.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.model.config.BertConfig;
import dev.gradex.model.config.Gpt2Config;
import dev.gradex.model.tokenizer.CharTokenizer;
import dev.gradex.model.tokenizer.TokenEncoder;
import java.util.OptionalLong;
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

  /** As {@link #GPT2} with end-of-sequence token 10 (outside CHARS' ids 0..9) and context 16. */
  private static final Gpt2Config GPT2_EOS =
      new Gpt2Config(20, 16, 8, 1, 2, 1e-5, OptionalLong.of(10));

  private static final SequenceLimit EOS_ON = new SequenceLimit(0, false, true);
  private static final SequenceLimit EOS_OFF = new SequenceLimit(0, false, false);

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

  @Test
  void eosEndsTheCompletionAndIsItsLastSupervisedTarget() {
    ExampleEncoder enc = ExampleEncoder.forModel(GPT2_EOS, CHARS, EOS_ON);
    assertThat(enc.eosTokenId()).hasValue(10);
    Encoded e = enc.encode(Example.lm("x", "t", "ab=", "cd"));
    // BOS, "ab=", "cd", EOS.
    assertThat(e.ids()).containsExactly(0, 1, 2, 9, 3, 4, 10);
    assertThat(e.supervised()).containsExactly(false, false, false, true, true, true, false);
    assertThat(e.targets()).startsWith(1, 2, 9, 3, 4, 10);
    assertThat(e.targetTokens()).isEqualTo(3);
    assertThat(e.truncated()).isFalse();
  }

  @Test
  void withTheSettingOffOrAModelWithoutEosTheCompletionGetsNone() {
    Example x = Example.lm("x", "t", "ab=", "cd");
    Encoded off = ExampleEncoder.forModel(GPT2_EOS, CHARS, EOS_OFF).encode(x);
    assertThat(off.ids()).containsExactly(0, 1, 2, 9, 3, 4);
    assertThat(off.targetTokens()).isEqualTo(2);
    ExampleEncoder none = ExampleEncoder.forModel(GPT2, CHARS, EOS_ON);
    assertThat(none.eosTokenId()).isEmpty();
    assertThat(none.encode(x).ids()).containsExactly(0, 1, 2, 9, 3, 4);
    assertThat(ExampleEncoder.forModel(GPT2_EOS, CHARS, EOS_OFF).eosTokenId()).isEmpty();
    // the default limit appends it (data.appendEos defaults to true)
    assertThat(ExampleEncoder.forModel(GPT2_EOS, CHARS).encode(x).ids())
        .containsExactly(0, 1, 2, 9, 3, 4, 10);
  }

  @Test
  void aClassifierNeverGetsEos() {
    ExampleEncoder enc = ExampleEncoder.forModel(BERT, CLS_SEP, EOS_ON);
    assertThat(enc.eosTokenId()).isEmpty();
    assertThat(enc.encode(Example.classification("x", "t", "ab", 1)).ids())
        .containsExactly(100, 'a', 'b', 101);
  }

  @Test
  void truncationKeepsTheEosWithTheWholeCompletionAndDropsItWithACutOne() {
    ExampleEncoder enc = ExampleEncoder.forModel(GPT2_EOS, CHARS, new SequenceLimit(6, true, true));
    Encoded e = enc.encode(Example.lm("x", "t", "abcdef=", "gh"));
    // BOS + the prompt's last 2 tokens ("f=") + "gh" + EOS: the completion with its EOS is whole.
    assertThat(e.ids()).containsExactly(0, 6, 9, 7, 8, 10);
    assertThat(e.supervised()).containsExactly(false, false, true, true, true, false);
    assertThat(e.targets()).startsWith(6, 9, 7, 8, 10);
    assertThat(e.fullLength()).isEqualTo(11);
    // A completion that does not fit is cut at its end, and its EOS with it: it does not end there.
    Encoded c = enc.encode(Example.lm("y", "t", "ab=", "hgfedcba"));
    assertThat(c.ids()).containsExactly(0, 8, 7, 6, 5, 4);
    assertThat(c.fullLength()).isEqualTo(13);
    // Refusing: the EOS counts toward the length.
    assertThatThrownBy(
            () ->
                ExampleEncoder.forModel(GPT2_EOS, CHARS, new SequenceLimit(6, false, true))
                    .encode(Example.lm("z", "t", "ab=", "cd")))
        .hasMessageContaining("z: 7 tokens exceed the limit of maxSeqLength = 6");
  }

  @Test
  void anEmptyCompletionIsSupervisedThroughItsEos() {
    Encoded e =
        ExampleEncoder.forModel(GPT2_EOS, CHARS, EOS_ON).encode(Example.lm("x", "t", "ab=", ""));
    assertThat(e.ids()).containsExactly(0, 1, 2, 9, 10);
    assertThat(e.targetTokens()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                ExampleEncoder.forModel(GPT2_EOS, CHARS, EOS_OFF)
                    .encode(Example.lm("x", "t", "ab=", "")))
        .hasMessageContaining("the completion has no token to supervise");
  }
}
