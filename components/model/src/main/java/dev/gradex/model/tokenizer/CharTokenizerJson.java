package dev.gradex.model.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import java.nio.file.Path;

/**
 * Writes a character-level Hugging Face {@code tokenizer.json} (WordLevel model, each character its
 * own token, {@code <pad>} = 0 and {@code <unk>} = 1), so that a tiny decoder the project trains
 * from scratch is an ordinary Hugging Face directory that every tool here can load.
 */
public final class CharTokenizerJson {
  private CharTokenizerJson() {}

  /** Writes {@code dir/tokenizer.json} for {@code alphabet}; returns the vocabulary size. */
  public static int write(Path dir, String alphabet) {
    ObjectNode root = document(alphabet);
    try {
      AtomicFiles.writeString(dir.resolve("tokenizer.json"), Json.JSON.writeValueAsString(root));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return root.path("model").path("vocab").size();
  }

  /** The {@code tokenizer.json} text {@link #write} writes, for a tokenizer held in memory. */
  public static String json(String alphabet) {
    try {
      return Json.JSON.writeValueAsString(document(alphabet));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The vocabulary size {@link #write} returns for {@code alphabet}. */
  public static int vocabSize(String alphabet) {
    return document(alphabet).path("model").path("vocab").size();
  }

  private static ObjectNode document(String alphabet) {
    ObjectMapper json = Json.JSON;
    ObjectNode root = json.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    added.add(special(json, 0, "<pad>"));
    added.add(special(json, 1, "<unk>"));
    root.putNull("normalizer");
    ObjectNode pre = root.putObject("pre_tokenizer");
    pre.put("type", "Split");
    pre.putObject("pattern").put("Regex", ".");
    pre.put("behavior", "Isolated");
    pre.put("invert", false);
    root.putNull("post_processor");
    root.putNull("decoder");
    ObjectNode model = root.putObject("model");
    model.put("type", "WordLevel");
    ObjectNode vocab = model.putObject("vocab");
    vocab.put("<pad>", 0);
    vocab.put("<unk>", 1);
    int id = 2;
    for (int i = 0; i < alphabet.length(); i++) {
      String c = String.valueOf(alphabet.charAt(i));
      if (!vocab.has(c)) {
        vocab.put(c, id++);
      }
    }
    model.put("unk_token", "<unk>");
    return root;
  }

  private static ObjectNode special(ObjectMapper json, int id, String content) {
    ObjectNode t = json.createObjectNode();
    t.put("id", id);
    t.put("content", content);
    t.put("single_word", false);
    t.put("lstrip", false);
    t.put("rstrip", false);
    t.put("normalized", false);
    t.put("special", true);
    return t;
  }
}
