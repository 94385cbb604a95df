package dev.gradex.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gradex bench train}: LoRA training throughput of a real model on real text for several
 * PyTorch thread settings and both batching modes. PyTorch reads its thread counts once per
 * process, so every thread setting runs in its own child JVM ({@link TrainBenchWorker}, same class
 * path), one after the other; compare figures within one run only.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Times LoRA training steps (after a warm-up) of a Hugging Face model on a JSONL file for",
      "each thread setting (one child JVM each) and batching mode; prints examples/s and real",
      "and padded tokens/s (JSON with --json)."
    })
public final class BenchTrainCommand implements Callable<Integer> {
  @Option(
      names = "--base-model",
      required = true,
      description = "Hugging Face model directory, e.g. the MiniLM fixture.")
  Path model;

  @Option(
      names = "--data",
      description = "JSONL examples of varied length (default: ${DEFAULT-VALUE}).")
  Path data = Path.of("tests/bench/train-texts.jsonl");

  @Option(
      names = "--threads",
      split = ",",
      description =
          "Thread settings INTRA:INTEROP, 0 = PyTorch's default (default: ${DEFAULT-VALUE}).")
  List<String> threads = List.of("1:1", "2:1", "0:0");

  @Option(
      names = "--batching",
      split = ",",
      description = "Batching modes (default: ${DEFAULT-VALUE}).")
  List<String> batching = List.of("random", "by-length");

  @Option(names = "--batch-size", description = "Examples per step (default: ${DEFAULT-VALUE}).")
  int batchSize = 16;

  @Option(names = "--warm-up", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
  int warmUp = 3;

  @Option(names = "--steps", description = "Timed steps (default: ${DEFAULT-VALUE}).")
  int steps = 20;

  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--max-seq-length",
      description =
          "Longest example in tokens, 0 = the model's context (default: ${DEFAULT-VALUE}).")
  int maxSeqLength;

  @Option(
      names = "--recompute",
      description = "Recompute each layer in the backward pass (less memory, one more forward).")
  boolean recompute;

  @Option(
      names = "--truncate",
      description = "Cut longer examples to --max-seq-length instead of refusing them.")
  boolean truncate;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  /** One thread setting: intra-op and inter-op counts. */
  record ThreadSetting(int intraOp, int interOp) {
    static ThreadSetting parse(String s) {
      String[] p = s.split(":", -1);
      try {
        ThreadSetting t =
            new ThreadSetting(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
        if (p.length == 2 && t.intraOp >= 0 && t.interOp >= 0) {
          return t;
        }
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        // reported below
      }
      throw new InvalidInputException("--threads", "'" + s + "' is not INTRA:INTEROP (>= 0)");
    }
  }

  @Override
  public Integer call() throws Exception {
    List<ThreadSetting> settings = threads.stream().map(ThreadSetting::parse).toList();
    if (!Files.isRegularFile(data)) {
      throw new InvalidInputException("--data", data + " does not exist");
    }
    if (batchSize < 1 || steps < 1 || warmUp < 0 || maxSeqLength < 0) {
      throw new InvalidInputException(
          "options", "need --batch-size, --steps >= 1, --warm-up, --max-seq-length >= 0");
    }
    List<Map<String, Object>> runs = new ArrayList<>();
    for (ThreadSetting t : settings) {
      for (Map<String, Object> r : child(t)) {
        r.put("requested_threads", t.intraOp() + ":" + t.interOp());
        runs.add(r);
        if (!json) {
          System.out.println(line(r));
        }
      }
    }
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("cores", Runtime.getRuntime().availableProcessors());
      out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
      out.put("model", model.toString());
      out.put("data", data.toString());
      out.put("recompute", recompute);
      out.put("runs", runs);
      System.out.println(Json.PRETTY.writeValueAsString(out));
    }
    return 0;
  }

  /** Runs one thread setting in a fresh JVM; its JSON lines, one per batching mode. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> child(ThreadSetting t)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(TrainBenchWorker.class.getName());
    cmd.addAll(List.of("--base-model", model.toString(), "--data", data.toString()));
    cmd.addAll(List.of("--threads", "" + t.intraOp(), "--interop-threads", "" + t.interOp()));
    cmd.addAll(List.of("--batching", String.join(",", batching)));
    cmd.addAll(List.of("--batch-size", "" + batchSize, "--warm-up", "" + warmUp));
    cmd.addAll(List.of("--steps", "" + steps, "--seed", "" + seed));
    cmd.addAll(List.of("--max-seq-length", "" + maxSeqLength));
    if (truncate) {
      cmd.add("--truncate");
    }
    if (recompute) {
      cmd.add("--recompute");
    }
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Map<String, Object>> out = new ArrayList<>();
    ObjectMapper mapper = Json.JSON;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        if (l.startsWith("{")) {
          out.add(mapper.readValue(l, LinkedHashMap.class));
        }
      }
    }
    int code = p.waitFor();
    if (code == TrainBenchWorker.BAD_INPUT) {
      throw new InvalidInputException(
          "gradex bench train", "the benchmark JVM refused its input (its message is above)");
    }
    if (code != 0 || out.size() != batching.size()) {
      throw new IllegalStateException(
          "the benchmark JVM for threads " + t + " exited with " + code + " (see its stderr)");
    }
    return out;
  }

  private static String line(Map<String, Object> r) {
    return String.format(
        Locale.ROOT,
        "threads %s (engine %s:%s) %-9s %6.2f examples/s  real %7.0f tokens/s  padded %7.0f"
            + " tokens/s  padded/real %.2f",
        r.get("requested_threads"),
        r.get("threads"),
        r.get("interop_threads"),
        r.get("batching"),
        ((Number) r.get("examples_per_s")).doubleValue(),
        ((Number) r.get("real_tokens_per_s")).doubleValue(),
        ((Number) r.get("padded_tokens_per_s")).doubleValue(),
        ((Number) r.get("padding_ratio")).doubleValue());
  }
}
