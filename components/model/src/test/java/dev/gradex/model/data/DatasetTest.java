package dev.gradex.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.model.tokenizer.CharTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
  @TempDir Path dir;

  @Test
  void readsBothRecordKindsWithIdsTasksAndDigest() throws IOException {
    Path f = dir.resolve("sums.jsonl");
    Files.writeString(
        f,
        "{\"prompt\":\"1+1=\",\"completion\":\"2\"}\n\n"
            + "{\"prompt\":\"2+2=\",\"completion\":\"4\",\"id\":\"x\",\"task\":\"other\"}\n");
    Dataset d = Dataset.read(f, null);
    assertThat(d.examples()).hasSize(2);
    assertThat(d.examples().get(0).id()).isEqualTo("sums/1");
    assertThat(d.examples().get(0).task()).isEqualTo("sums");
    assertThat(d.examples().get(1).id()).isEqualTo("x");
    assertThat(d.examples().get(1).task()).isEqualTo("other");
    assertThat(d.digest()).startsWith("sha256:").hasSize(71);
    Path c = dir.resolve("c.jsonl");
    Files.writeString(c, "{\"text\":\"great\",\"label\":1}\n");
    assertThat(Dataset.read(c, "sent").examples().get(0))
        .isEqualTo(Example.classification("sent/1", "sent", "great", 1));
  }

  @Test
  void malformedRecordsFailNamingFileAndLine() throws IOException {
    assertBad("{\"prompt\":\"a\"}", "must be a string");
    assertBad("{\"text\":\"a\",\"label\":-1}", "non-negative integer");
    assertBad("{\"text\":\"a\",\"label\":1,\"prompt\":\"b\"}", "either");
    assertBad("[1]", "JSON object");
    assertBad("{oops", "not valid JSON");
  }

  private void assertBad(String line, String message) throws IOException {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"text\":\"ok\",\"label\":0}\n" + line + "\n");
    assertThatThrownBy(() -> Dataset.read(f, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bad.jsonl:2")
        .hasMessageContaining(message);
  }

  @Test
  void decoderEncodingSupervisesOnlyCompletionTokensShiftedByOne() {
    ExampleEncoder enc = new ExampleEncoder(new CharTokenizer("ab=12"), true, 16, 0);
    Encoded e = enc.encode(Example.lm("i", "t", "a=", "12"));
    // BOS a = 1 2 -> ids 0 1 3 4 5; logits at '=' predict '1', at '1' predict '2'.
    assertThat(e.ids()).containsExactly(0, 1, 3, 4, 5);
    assertThat(e.targets()).containsExactly(1, 3, 4, 5, 0);
    assertThat(e.supervised()).containsExactly(false, false, true, true, false);
    assertThat(e.targetTokens()).isEqualTo(2);
    assertThatThrownBy(() -> enc.encode(Example.lm("long", "t", "aaaaaaaaaaaa", "12121")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("exceed");
    assertThatThrownBy(() -> enc.encode(Example.classification("c", "t", "ab", 0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("decoder");
  }
}
