package dev.gradex.model.gguf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import java.util.List;

/**
 * Builds a Hugging Face {@code tokenizer.json} (byte-level BPE) from the GGUF tokenizer metadata:
 * {@code tokenizer.ggml.tokens}, {@code .merges}, {@code .token_type} (3 = control tokens, which
 * become special added tokens) and {@code .add_bos_token}. Only the byte-level BPE tokenizer
 * ({@code tokenizer.ggml.model = gpt2}) is supported; others are refused by name.
 */
final class GgufTokenizerJson {
  private static final int CONTROL = 3;
  private static final int USER_DEFINED = 4;

  private GgufTokenizerJson() {}

  static ObjectNode build(GgufMetadata meta, String file) {
    String model = meta.string("tokenizer.ggml.model");
    if (!model.equals("gpt2")) {
      throw new InvalidInputException(
          file, "tokenizer.ggml.model " + model + " is not supported (only gpt2, byte-level BPE)");
    }
    List<String> tokens = meta.list("tokenizer.ggml.tokens", String.class);
    List<String> merges = meta.list("tokenizer.ggml.merges", String.class);
    List<Long> types =
        meta.has("tokenizer.ggml.token_type")
            ? meta.list("tokenizer.ggml.token_type", Long.class)
            : List.of();
    ObjectNode root = Json.JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int id = 0; id < types.size(); id++) {
      long t = types.get(id);
      if (t == CONTROL || t == USER_DEFINED) {
        ObjectNode a = added.addObject();
        a.put("id", id);
        a.put("content", tokens.get(id));
        a.put("single_word", false);
        a.put("lstrip", false);
        a.put("rstrip", false);
        a.put("normalized", false);
        a.put("special", t == CONTROL);
      }
    }
    root.putNull("normalizer");
    root.set("pre_tokenizer", preTokenizer(meta.string("tokenizer.ggml.pre", "default")));
    root.set("post_processor", postProcessor(meta, tokens));
    root.set("decoder", byteLevel(true, true));
    ObjectNode bpe = root.putObject("model");
    bpe.put("type", "BPE");
    bpe.putNull("dropout");
    bpe.putNull("unk_token");
    bpe.putNull("continuing_subword_prefix");
    bpe.putNull("end_of_word_suffix");
    bpe.put("fuse_unk", false);
    bpe.put("byte_fallback", false);
    ObjectNode vocab = bpe.putObject("vocab");
    for (int id = 0; id < tokens.size(); id++) {
      vocab.put(tokens.get(id), id);
    }
    ArrayNode m = bpe.putArray("merges");
    merges.forEach(m::add);
    return root;
  }

  /** SmolLM's pre-tokenizer splits digits one by one before the GPT-2 byte-level split. */
  private static ObjectNode preTokenizer(String pre) {
    ObjectNode byteLevel = byteLevel(false, true);
    if (!pre.equals("smollm")) {
      return byteLevel;
    }
    ObjectNode seq = Json.JSON.createObjectNode();
    seq.put("type", "Sequence");
    ArrayNode list = seq.putArray("pretokenizers");
    list.addObject().put("type", "Digits").put("individual_digits", true);
    list.add(byteLevel);
    return seq;
  }

  private static ObjectNode postProcessor(GgufMetadata meta, List<String> tokens) {
    if (!meta.bool("tokenizer.ggml.add_bos_token", false)
        || !meta.has("tokenizer.ggml.bos_token_id")) {
      return byteLevel(true, false);
    }
    int bos = (int) meta.integer("tokenizer.ggml.bos_token_id");
    String bosToken = tokens.get(bos);
    ObjectNode p = Json.JSON.createObjectNode();
    p.put("type", "TemplateProcessing");
    ArrayNode single = p.putArray("single");
    single.addObject().putObject("SpecialToken").put("id", bosToken).put("type_id", 0);
    single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
    ArrayNode pair = p.putArray("pair");
    pair.addObject().putObject("SpecialToken").put("id", bosToken).put("type_id", 0);
    pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
    pair.addObject().putObject("SpecialToken").put("id", bosToken).put("type_id", 1);
    pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
    ObjectNode special = p.putObject("special_tokens").putObject(bosToken);
    special.put("id", bosToken);
    special.putArray("ids").add(bos);
    special.putArray("tokens").add(bosToken);
    return p;
  }

  private static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
    ObjectNode n = Json.JSON.createObjectNode();
    n.put("type", "ByteLevel");
    n.put("add_prefix_space", addPrefixSpace);
    n.put("trim_offsets", trimOffsets);
    n.put("use_regex", true);
    return n;
  }
}
