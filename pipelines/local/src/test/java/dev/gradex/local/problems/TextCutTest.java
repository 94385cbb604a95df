package dev.gradex.local.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextCutTest {
  @Test
  void aLongTextIsCutAtTheLastSpaceBefore400Characters() {
    String word = "abcdefghi "; // 10 characters
    String cut = TextCut.cut(word.repeat(50));
    assertThat(cut).hasSize(399).endsWith("abcdefghi").doesNotEndWith(" ");
  }

  @Test
  void whitespaceRunsBecomeOneSpace() {
    assertThat(TextCut.cut("  a\n\n\tb   c ")).isEqualTo("a b c");
  }

  @Test
  void sentencesAreJoinedIntoPassagesOfAtMost400CharactersAndShortOnesDropped() {
    String sentence = "This sentence is exactly fifty characters long ok. "; // 51 with the space
    List<String> passages = TextCut.passages(sentence.repeat(20) + "Tiny.");
    assertThat(passages).hasSize(3);
    assertThat(passages.get(0)).hasSize(7 * 51 - 1);
    assertThat(passages.get(2)).isEqualTo((sentence.repeat(6) + "Tiny.").strip());
    assertThat(TextCut.passages("Too short.")).isEmpty();
  }

  @Test
  void brownTagsAreDroppedAndPunctuationAttached() {
    assertThat(Corpora.untag("``/`` The/at jury/nn said/vbd ,/, it's/pps+bez fine/jj ''/'' ./."))
        .isEqualTo("\" The jury said, it's fine \".");
  }
}
