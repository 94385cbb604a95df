package dev.gradex.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.OutputLock;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.arch.HfModels;
import dev.gradex.model.config.ConfigReader;
import dev.gradex.model.config.LlamaConfig;
import dev.gradex.model.safetensors.SafeTensorsFile;
import dev.gradex.model.tokenizer.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A random tiny Llama saved in Hugging Face layout, written as the GGUF llama.cpp's converter would
 * make of it (GGUF names, q/k rows permuted, dims reversed), imports back to the same tensors and
 * the same logits.
 */
class GgufImporterTest {
  private static final int VOCAB = 16;
  private static final List<String> BLOCK_PARTS =
      List.of(
          "self_attn.q_proj:attn_q",
          "self_attn.k_proj:attn_k",
          "self_attn.v_proj:attn_v",
          "self_attn.o_proj:attn_output",
          "mlp.gate_proj:ffn_gate",
          "mlp.up_proj:ffn_up",
          "mlp.down_proj:ffn_down",
          "input_layernorm:attn_norm",
          "post_attention_layernorm:ffn_norm");

  @TempDir Path dir;

  private static LlamaConfig config(boolean tied) {
    return new LlamaConfig("llama", VOCAB, 16, 24, 2, 4, 2, 4, 1e-5, 10000.0, 64, tied, false);
  }

  private static List<String> tokens() {
    List<String> t = new ArrayList<>(List.of("<|endoftext|>", "a", "b", "c", "Ġ", "ab", "abc"));
    while (t.size() < VOCAB) {
      t.add("x" + t.size());
    }
    return t;
  }

  /** The GGUF name of a Hugging Face tensor, as llama.cpp's converter names it. */
  private static String ggufName(String hf) {
    switch (hf) {
      case "model.embed_tokens.weight":
        return "token_embd.weight";
      case "model.norm.weight":
        return "output_norm.weight";
      case "lm_head.weight":
        return "output.weight";
      default:
        String[] p = hf.split("\\.", 4); // model, layers, N, rest
        String rest = p[3].substring(0, p[3].lastIndexOf('.'));
        for (String pair : BLOCK_PARTS) {
          if (pair.startsWith(rest + ":")) {
            return "blk." + p[2] + "." + pair.substring(rest.length() + 1) + ".weight";
          }
        }
        throw new IllegalArgumentException(hf);
    }
  }

  private GgufWriter llamaGguf(Path hfDir, LlamaConfig c, String architecture) {
    return llamaGguf(hfDir, c, architecture, "gpt2");
  }

  private GgufWriter llamaGguf(Path hfDir, LlamaConfig c, String architecture, String tokenizer) {
    GgufWriter w =
        new GgufWriter()
            .str("general.architecture", architecture)
            .str("general.name", "tiny")
            .u32("llama.context_length", c.maxPositions())
            .u32("llama.embedding_length", c.hiddenSize())
            .u32("llama.block_count", c.numLayers())
            .u32("llama.feed_forward_length", c.intermediateSize())
            .u32("llama.attention.head_count", c.numHeads())
            .u32("llama.attention.head_count_kv", c.numKvHeads())
            .f32("llama.rope.freq_base", (float) c.ropeTheta())
            .f32("llama.attention.layer_norm_rms_epsilon", (float) c.rmsNormEps())
            .str("tokenizer.ggml.model", tokenizer)
            .strings("tokenizer.ggml.tokens", tokens())
            .strings("tokenizer.ggml.merges", List.of("a b", "ab c"))
            .i32s("tokenizer.ggml.token_type", tokenTypes())
            .u32("tokenizer.ggml.bos_token_id", 0)
            .u32("tokenizer.ggml.eos_token_id", 0);
    try (SafeTensorsFile st = SafeTensorsFile.open(hfDir.resolve("model.safetensors"))) {
      for (String hf : st.tensors().keySet()) {
        float[] v = st.readFloats(hf);
        long[] shape = st.tensors().get(hf).shape();
        int cols = (int) shape[shape.length - 1];
        if (hf.endsWith("q_proj.weight")) {
          v = RotaryPermutation.toGguf(v, c.numHeads(), cols);
        } else if (hf.endsWith("k_proj.weight")) {
          v = RotaryPermutation.toGguf(v, c.numKvHeads(), cols);
        }
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
          dims[i] = shape[shape.length - 1 - i];
        }
        w.f32Tensor(ggufName(hf), dims, v);
      }
    }
    return w;
  }

  private static int[] tokenTypes() {
    int[] t = new int[VOCAB];
    java.util.Arrays.fill(t, 1);
    t[0] = 3; // control
    return t;
  }

  private Path savedModel(LlamaConfig c) throws IOException {
    Path hf = dir.resolve("hf");
    try (LanguageModel m = HfModels.random(c, Device.cpu(), 7, 0.3, 0.1)) {
      HfModels.save(m, hf);
    }
    return hf;
  }

  private static float[] logits(Path modelDir, long[] ids) {
    try (LanguageModel m = HfModels.load(modelDir)) {
      NDManager nd = m.manager();
      NDArray in = nd.create(ids, new ai.djl.ndarray.types.Shape(1, ids.length));
      NDArray mask = nd.ones(in.getShape(), ai.djl.ndarray.types.DataType.INT64);
      return m.forward(in, mask, false).logits().toFloatArray();
    }
  }

  @Test
  void importRecoversTheHuggingFaceTensorsAndLogits() throws IOException {
    LlamaConfig c = config(false);
    Path hf = savedModel(c);
    Path gguf = llamaGguf(hf, c, "llama").write(dir.resolve("tiny.gguf"));
    Path out = dir.resolve("out");

    ImportSummary s = GgufImporter.importModel(gguf, out);

    assertThat(s.layers()).isEqualTo(2);
    assertThat(s.heads()).isEqualTo(4);
    assertThat(s.kvHeads()).isEqualTo(2);
    assertThat(s.tiedEmbeddings()).isFalse();
    assertThat(s.tensorTypes()).isEqualTo(Map.of(GgmlType.F32, 21));
    try (SafeTensorsFile a = SafeTensorsFile.open(hf.resolve("model.safetensors"));
        SafeTensorsFile b = SafeTensorsFile.open(out.resolve("model.safetensors"))) {
      assertThat(b.tensors().keySet()).containsExactlyInAnyOrderElementsOf(a.tensors().keySet());
      for (String name : a.tensors().keySet()) {
        assertThat(b.readFloats(name)).as(name).containsExactly(a.readFloats(name));
      }
    }
    assertThat(ConfigReader.read(out)).isEqualTo(c.withEosTokenId(OptionalLong.of(0)));
    long[] ids = {1, 5, 6, 4, 2, 3};
    assertThat(logits(out, ids)).containsExactly(logits(hf, ids));
    try (TextTokenizer t = TextTokenizer.load(out)) {
      long[] enc = t.encode("ab abc", false);
      assertThat(enc).containsExactly(5, 4, 6);
      assertThat(t.decode(enc)).isEqualTo("ab abc");
    }
    assertThat(Files.readString(out.resolve("config.json")))
        .contains("\"rms_norm_eps\" : 1.0E-5")
        .contains("\"eos_token_id\" : 0");
  }

  @Test
  void noOutputTensorMeansTiedEmbeddings() throws IOException {
    LlamaConfig c = config(true);
    Path hf = savedModel(c);
    Path out = dir.resolve("tied");
    ImportSummary s =
        GgufImporter.importModel(llamaGguf(hf, c, "llama").write(dir.resolve("t.gguf")), out);
    assertThat(s.tiedEmbeddings()).isTrue();
    assertThat(ConfigReader.read(out)).isEqualTo(c.withEosTokenId(OptionalLong.of(0)));
    long[] ids = {3, 2, 1};
    assertThat(logits(out, ids)).containsExactly(logits(hf, ids));
  }

  @Test
  void importIntoTheDirectoryItsWriterLockedWritesTheModelBesideTheLock() throws IOException {
    LlamaConfig c = config(true);
    Path hf = savedModel(c);
    Path out = dir.resolve("locked");
    try (OutputLock lock = OutputLock.acquire(out)) {
      GgufImporter.importModel(llamaGguf(hf, c, "llama").write(dir.resolve("l.gguf")), out);
      try (Stream<Path> files = Files.list(out)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .containsExactlyInAnyOrder(
                OutputLock.FILE, "model.safetensors", "tokenizer.json", "config.json");
      }
    }
    long[] ids = {3, 2, 1};
    assertThat(logits(out, ids)).containsExactly(logits(hf, ids));
  }

  @Test
  void unknownArchitectureIsRefusedAndNothingIsWritten() throws IOException {
    LlamaConfig c = config(true);
    Path gguf = llamaGguf(savedModel(c), c, "falcon").write(dir.resolve("f.gguf"));
    Path out = dir.resolve("out");
    assertThatThrownBy(() -> GgufImporter.importModel(gguf, out))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(gguf + ": general.architecture falcon is not supported (only llama)");
    assertThat(out).doesNotExist();
  }

  @Test
  void anUnmappedTensorIsRefusedByNameAndNoPartialDirectoryRemains() throws IOException {
    LlamaConfig c = config(true);
    Path gguf =
        llamaGguf(savedModel(c), c, "llama")
            .f32Tensor("rope_freqs.weight", new long[] {2}, new float[] {1, 1})
            .write(dir.resolve("r.gguf"));
    Path out = dir.resolve("out");
    assertThatThrownBy(() -> GgufImporter.importModel(gguf, out))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(gguf + ": tensor rope_freqs.weight has no Llama-family counterpart");
    assertThat(out).doesNotExist();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("out"));
    }
  }

  @Test
  void aSentencePieceTokenizerIsRefusedByName() throws IOException {
    LlamaConfig c = config(true);
    Path gguf = llamaGguf(savedModel(c), c, "llama", "llama").write(dir.resolve("sp.gguf"));
    Path out = dir.resolve("out");
    assertThatThrownBy(() -> GgufImporter.importModel(gguf, out))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            gguf + ": tokenizer.ggml.model llama is not supported (only gpt2, byte-level BPE)");
    assertThat(out).doesNotExist();
  }
}
