package dev.gradex.model.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A Hugging Face {@code tokenizer.json} tokenizer; close it to free the native handle. */
public final class TextTokenizer implements TokenEncoder, AutoCloseable {
  private static final ObjectMapper JSON = Json.JSON;

  private final HuggingFaceTokenizer tokenizer;

  private TextTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /**
   * Loads {@code tokenizer.json} from a model directory (or the file itself), with no truncation or
   * padding; special tokens are added as the tokenizer's post-processor defines.
   */
  public static TextTokenizer load(Path dirOrFile) {
    Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve("tokenizer.json") : dirOrFile;
    String json;
    try {
      json = Files.readString(file);
      JSON.readTree(json); // a clear message for malformed JSON before the native parser sees it
    } catch (IOException e) {
      throw new InvalidInputException(
          file.toString(), "cannot read tokenizer: " + e.getMessage(), e);
    }
    return fromJson(json, file.toString());
  }

  /**
   * A tokenizer from the text of a {@code tokenizer.json} ({@code name} names it in errors), held
   * in memory only.
   */
  public static TextTokenizer fromJson(String json, String name) {
    if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    try {
      Map<String, String> options =
          Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false");
      return new TextTokenizer(
          HuggingFaceTokenizer.newInstance(
              new java.io.ByteArrayInputStream(
                  json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
              options));
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(
          name, "not a valid Hugging Face tokenizer: " + e.getMessage(), e);
    }
  }

  /** Token ids of {@code text}. */
  public long[] encode(String text) {
    Encoding enc = tokenizer.encode(text);
    return enc.getIds();
  }

  @Override
  public long[] encode(String text, boolean addSpecialTokens) {
    return tokenizer.encode(text, addSpecialTokens, false).getIds();
  }

  /** Token strings of {@code text}, aligned with {@link #encode}. */
  public String[] tokens(String text) {
    return tokenizer.encode(text).getTokens();
  }

  /** Decodes ids back to text, skipping special tokens. */
  public String decode(long[] ids) {
    return tokenizer.decode(ids, true);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
