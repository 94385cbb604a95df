package dev.gradex.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchGradientsCommandTest {
  @Test
  void smallBenchPrintsOneJsonObjectWithTheDocumentedKeysAndConsistentRatios() throws Exception {
    Outcome o = bench(4, 12, 8, true);
    assertThat(o.code()).as(o.err()).isZero();
    JsonNode n = new ObjectMapper().readTree(o.out().trim());
    for (String key :
        new String[] {
          "lora_params",
          "dim",
          "batch",
          "seq",
          "batched_fwd_bwd_s",
          "extract_s",
          "loop_bs1_s",
          "ratio_vs_batched",
          "speedup_vs_loop",
          "train_tokens_per_s"
        }) {
      assertThat(n.has(key)).as(key).isTrue();
    }
    // One layer, r = 2: c_attn 2*(32+96), attn.c_proj 2*(32+32), c_fc 2*(32+128), mlp.c_proj
    // 2*(128+32).
    assertThat(n.get("lora_params").asLong()).isEqualTo(1024);
    assertThat(n.get("dim").asInt()).isEqualTo(8);
    assertThat(n.get("ratio_vs_batched").asDouble())
        .isCloseTo(
            n.get("extract_s").asDouble() / n.get("batched_fwd_bwd_s").asDouble(), within(1e-9));
    assertThat(n.get("speedup_vs_loop").asDouble())
        .isCloseTo(n.get("loop_bs1_s").asDouble() / n.get("extract_s").asDouble(), within(1e-9));
    assertThat(n.get("speedup_vs_bs1_forward_loop").asDouble())
        .isCloseTo(
            n.get("loop_bs1_forward_s").asDouble() / n.get("extract_s").asDouble(), within(1e-9));
    for (String key : new String[] {"loop_bs1_s", "loop_bs1_forward_s", "extract_s"}) {
      assertThat(n.get(key).asDouble()).as(key).isPositive();
    }
  }

  @Test
  void withoutJsonItPrintsASummaryWithEveryTiming() {
    Outcome o = bench(2, 10, 4, false);
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out())
        .contains("LoRA params 1024")
        .contains("research code's bs=1 gradient loop")
        .contains("bs=1 forward+backward loop")
        .contains("tokens/s");
  }

  @Test
  void invalidShapeExitsWithCode2() {
    CommandLine cl = new CommandLine(new BenchGradientsCommand());
    cl.setErr(new PrintWriter(new StringWriter()));
    assertThat(cl.execute("--hidden", "30", "--heads", "4")).isEqualTo(2);
  }

  @Test
  void memoryBenchReportsThePeakGrowthPerPaddedTokenOfOneEvaluationBatch() throws Exception {
    Outcome o =
        run(
            "--hidden",
            "32",
            "--layers",
            "1",
            "--heads",
            "2",
            "--vocab",
            "2000",
            "--batch",
            "4",
            "--seq",
            "32",
            "--memory",
            "EVAL",
            "--json");
    assertThat(o.code()).as(o.err()).isZero();
    JsonNode n = new ObjectMapper().readTree(o.out().trim());
    assertThat(n.get("phase").asText()).isEqualTo("eval");
    assertThat(n.get("padded_tokens").asLong()).isEqualTo(128);
    // 4 examples x (32 - 8) supervised positions.
    assertThat(n.get("supervised_tokens").asLong()).isEqualTo(96);
    double base = n.get("baseline_rss_mb").asDouble();
    double peak = n.get("peak_rss_mb").asDouble();
    assertThat(base).isGreaterThan(10);
    assertThat(n.get("mb_per_padded_token").asDouble())
        .isCloseTo((peak - base) / 128, within(1e-9));
  }

  @Test
  void anUnknownMemoryPhaseExitsWithCode2NamingIt() {
    Outcome o = run("--memory", "infer");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("--memory").contains("'infer'").contains("train, eval or extract");
  }

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new BenchGradientsCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private record Outcome(int code, String out, String err) {}

  /** A one-layer decoder (hidden 32, LoRA r = 2: 1,024 parameters), one repetition. */
  private static Outcome bench(int batch, int seq, int dim, boolean json) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--hidden",
                "32",
                "--layers",
                "1",
                "--heads",
                "2",
                "--rank",
                "2",
                "--vocab",
                "50",
                "--reps",
                "1",
                "--batch",
                "" + batch,
                "--seq",
                "" + seq,
                "--dim",
                "" + dim));
    if (json) {
      args.add("--json");
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new BenchGradientsCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args.toArray(String[]::new));
    return new Outcome(code, out.toString(), err.toString());
  }
}
