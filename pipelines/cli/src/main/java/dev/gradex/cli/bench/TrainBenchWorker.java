package dev.gradex.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.model.ModelRuntime;
import dev.gradex.model.data.SequenceLimit;
import dev.gradex.model.train.Batching;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The child JVM of {@code gradex bench train}: PyTorch reads its thread counts once per process, so
 * each thread setting is measured in a fresh JVM started with this main class. It sets the threads
 * before the engine starts and prints one JSON line per batching mode on stdout.
 */
@Command(name = "train-bench-worker")
public final class TrainBenchWorker implements Callable<Integer> {
  @Option(names = "--base-model", required = true)
  Path model;

  @Option(names = "--data", required = true)
  Path data;

  @Option(names = "--threads", required = true)
  int threads;

  @Option(names = "--interop-threads", required = true)
  int interopThreads;

  @Option(names = "--batching", split = ",", required = true)
  List<String> batching;

  @Option(names = "--batch-size", required = true)
  int batchSize;

  @Option(names = "--warm-up", required = true)
  int warmUp;

  @Option(names = "--steps", required = true)
  int steps;

  @Option(names = "--seed", required = true)
  long seed;

  @Option(names = "--max-seq-length", required = true)
  int maxSeqLength;

  @Option(names = "--truncate")
  boolean truncate;

  @Option(names = "--recompute")
  boolean recompute;

  /** The exit code of a refused input (its message on stderr). */
  static final int BAD_INPUT = 2;

  public static void main(String[] args) {
    System.exit(new CommandLine(new TrainBenchWorker()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ModelRuntime.setThreads(threads, interopThreads);
    TrainBench bench =
        new TrainBench(
            model,
            data,
            new SequenceLimit(maxSeqLength, truncate),
            batchSize,
            warmUp,
            steps,
            seed,
            recompute);
    ObjectMapper json = Json.JSON;
    try {
      for (String b : batching) {
        System.out.println(json.writeValueAsString(bench.run(Batching.parse("--batching", b))));
        System.out.flush();
      }
    } catch (InvalidInputException e) {
      System.err.println("error: " + e.getMessage());
      return BAD_INPUT;
    }
    return 0;
  }
}
