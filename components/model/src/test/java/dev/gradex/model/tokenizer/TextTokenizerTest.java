package dev.gradex.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class TextTokenizerTest {
  /** A minimal word-level tokenizer.json (the Hugging Face tokenizers serialisation). */
  public static final String WORD_LEVEL =
      "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],"
          + "\"normalizer\":{\"type\":\"Lowercase\"},\"pre_tokenizer\":{\"type\":\"Whitespace\"},"
          + "\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":\"WordLevel\","
          + "\"vocab\":{\"[UNK]\":0,\"hello\":1,\"world\":2,\"gradex\":3,\"selects\":4,"
          + "\"data\":5},\"unk_token\":\"[UNK]\"}}";

  @TempDir Path dir;

  @Test
  void wordLevelTokenizerEncodesOffline() throws IOException {
    Files.writeString(dir.resolve("tokenizer.json"), WORD_LEVEL);
    try (TextTokenizer t = TextTokenizer.load(dir)) {
      assertThat(t.encode("Hello world unknown")).containsExactly(1, 2, 0);
    }
  }

  @Test
  void malformedJsonNamesTheFile() throws IOException {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, "{\"model\": {");
    assertThatThrownBy(() -> TextTokenizer.load(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void jsonThatIsNotATokenizerNamesTheFileWithoutCrashing() throws IOException {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, "{\"model\": {\"type\": \"NoSuchModel\"}}");
    assertThatThrownBy(() -> TextTokenizer.load(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a valid Hugging Face tokenizer");
  }

  @Test
  void missingFileIsNamed() {
    assertThatThrownBy(() -> TextTokenizer.load(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tokenizer.json");
  }
}
