package dev.gradex.model.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.model.gradients.BenchModel;
import dev.gradex.model.gradients.BenchResult;
import dev.gradex.model.gradients.GradientBench;
import dev.gradex.model.gradients.MemoryBench;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradex bench gradients}: times batched per-example gradient extraction against one plain
 * batched forward+backward and against the batch-size-1 loop, in one run on CPU.
 */
@Command(
    name = "gradients",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark per-example gradient extraction vs. a batched forward+backward and a batch-1"
            + " loop.")
public final class BenchGradientsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "A real decoder's Hugging Face directory (e.g. SmolLM2 from gradex model import-gguf;"
              + " its family's LoRA defaults) instead of the synthetic decoder; --hidden,"
              + " --layers, --heads, --rank and --vocab are then the model's own.")
  Path modelDir;

  @Option(
      names = "--hidden",
      defaultValue = "256",
      description = "Width (default ${DEFAULT-VALUE}).")
  int hidden;

  @Option(
      names = "--layers",
      defaultValue = "16",
      description = "Blocks (default ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--heads", defaultValue = "4", description = "Heads (default ${DEFAULT-VALUE}).")
  int heads;

  @Option(
      names = "--rank",
      defaultValue = "16",
      description = "LoRA rank (default ${DEFAULT-VALUE}).")
  int rank;

  @Option(
      names = "--vocab",
      defaultValue = "1024",
      description = "Vocabulary (default ${DEFAULT-VALUE}).")
  int vocab;

  @Option(names = "--batch", defaultValue = "16", description = "Batch (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--seq",
      defaultValue = "64",
      description = "Tokens per example (default ${DEFAULT-VALUE}).")
  int seq;

  @Option(
      names = "--dim",
      defaultValue = "200",
      description = "Projected d (default ${DEFAULT-VALUE}).")
  int dim;

  @Option(
      names = "--reps",
      defaultValue = "5",
      description = "Timed repetitions (default ${DEFAULT-VALUE}).")
  int reps;

  @Option(
      names = "--memory",
      description =
          "Instead of timings, the peak memory per padded token of one batch through PHASE:"
              + " train, eval or extract (one phase per process).",
      paramLabel = "PHASE")
  String memory;

  @Option(
      names = "--recompute",
      description =
          "Training steps recompute each layer in the backward pass (less memory, one more"
              + " forward pass).")
  boolean recompute;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  /** Standalone entry point (the CLI module registers the command under {@code gradex bench}). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchGradientsCommand()).execute(args));
  }

  @Override
  public Integer call() {
    return ExitCodes.of(spec, this::bench);
  }

  private void bench(PrintWriter out) throws Exception {
    if (hidden % heads != 0 || batch < 1 || seq < 9 || dim < 1 || reps < 1 || rank < 1) {
      throw new InvalidInputException(
          "options", "need hidden divisible by heads, batch, dim, reps, rank >= 1, seq >= 9");
    }
    BenchModel model =
        modelDir == null
            ? new BenchModel.Synthetic(hidden, layers, heads, rank, vocab, seq)
            : BenchModel.Directory.of(modelDir);
    if (memory != null) {
      printMemory(
          out,
          model,
          new MemoryBench(model, batch, seq, MemoryBench.Phase.parse(memory), recompute).run());
      return;
    }
    BenchResult r = new GradientBench(model, batch, seq, dim, reps, recompute).run();
    if (json) {
      ObjectNode n = toJson(r);
      n.put("model", model.describe());
      out.println(Json.JSON.writeValueAsString(n));
    } else {
      out.printf(
          Locale.ROOT,
          "%s%nLoRA params %d (base %d), d=%d, batch %d x %d tokens%n"
              + "batched fwd+bwd %.3f s, extract %.3f s (%.2fx), research code's bs=1 gradient"
              + " loop %.3f s (extract %.1fx faster), bs=1 forward+backward loop %.3f s (%.1fx)%n"
              + "P setup %.2f s, training %.0f tokens/s, peak RSS %.0f MB%n",
          model.describe(),
          r.loraParams(),
          r.baseParams(),
          r.dim(),
          r.batch(),
          r.seq(),
          r.batchedFwdBwdS(),
          r.extractS(),
          r.ratioVsBatched(),
          r.loopBs1S(),
          r.speedupVsLoop(),
          r.loopBs1ForwardS(),
          r.speedupVsBs1ForwardLoop(),
          r.projectorSetupS(),
          r.trainTokensPerS(),
          r.peakRssMb());
    }
  }

  private void printMemory(PrintWriter out, BenchModel model, MemoryBench.Result r)
      throws Exception {
    if (json) {
      ObjectNode n = Json.JSON.createObjectNode();
      n.put("model", model.describe());
      n.put("phase", r.phase().id());
      n.put("recompute", recompute);
      n.put("vocab", model.vocab());
      n.put("batch", batch);
      n.put("seq", seq);
      n.put("padded_tokens", r.paddedTokens());
      n.put("supervised_tokens", r.supervisedTokens());
      n.put("baseline_rss_mb", r.baselineMb());
      n.put("peak_rss_mb", r.peakMb());
      n.put("peak_reset", r.resetPeak());
      n.put("mb_per_padded_token", r.mbPerPaddedToken());
      out.println(Json.JSON.writeValueAsString(n));
    } else {
      out.printf(
          Locale.ROOT,
          "%s%n%s%s: batch %d x %d tokens (%d supervised), vocabulary %d: RSS %.0f MB before, peak"
              + " %.0f MB%s, %.3f MB per padded token%n",
          model.describe(),
          r.phase().id(),
          recompute ? " (layers recomputed)" : "",
          batch,
          seq,
          r.supervisedTokens(),
          model.vocab(),
          r.baselineMb(),
          r.peakMb(),
          r.resetPeak() ? "" : " (process peak: could not reset)",
          r.mbPerPaddedToken());
    }
    out.flush();
  }

  static ObjectNode toJson(BenchResult r) {
    ObjectNode n = Json.JSON.createObjectNode();
    n.put("lora_params", r.loraParams());
    n.put("dim", r.dim());
    n.put("batch", r.batch());
    n.put("seq", r.seq());
    n.put("batched_fwd_bwd_s", r.batchedFwdBwdS());
    n.put("extract_s", r.extractS());
    n.put("extract_projection_s", r.extractProjectionS());
    n.put("loop_bs1_s", r.loopBs1S());
    n.put("ratio_vs_batched", r.ratioVsBatched());
    n.put("speedup_vs_loop", r.speedupVsLoop());
    n.put("train_tokens_per_s", r.trainTokensPerS());
    n.put("loop_bs1_forward_s", r.loopBs1ForwardS());
    n.put("speedup_vs_bs1_forward_loop", r.speedupVsBs1ForwardLoop());
    n.put("loop_bs1_forward_batched_projection_s", r.loopBs1ForwardBatchedProjectionS());
    n.put("base_params", r.baseParams());
    n.put("projector_setup_s", r.projectorSetupS());
    n.put("peak_rss_mb", r.peakRssMb());
    return n;
  }
}
