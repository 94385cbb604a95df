package dev.gradex.model.cli;

import dev.gradex.model.ModelRuntime;
import picocli.CommandLine.Option;

/**
 * The PyTorch engine's thread counts, as {@code --threads} and {@code --interop-threads}: a picocli
 * mixin of every component that computes with the model. Defaults from {@code gradex bench train}
 * (BENCHMARKS.md): one intra-op thread per core beyond... see {@link #DEFAULT_THREADS}.
 */
public final class ThreadOptions {
  /** Intra-op threads unless set; 0 = PyTorch's default (one per core). */
  public static final int DEFAULT_THREADS = 0;

  /** Inter-op threads unless set; 0 = PyTorch's default (one per core). */
  public static final int DEFAULT_INTEROP_THREADS = 0;

  @Option(
      names = "--threads",
      description =
          "Intra-op threads of the PyTorch engine; 0 = PyTorch's default, one per core"
              + " (default: ${DEFAULT-VALUE}).")
  public int threads = DEFAULT_THREADS;

  @Option(
      names = "--interop-threads",
      description =
          "Inter-op threads of the PyTorch engine; 0 = PyTorch's default"
              + " (default: ${DEFAULT-VALUE}).")
  public int interopThreads = DEFAULT_INTEROP_THREADS;

  /** Applies the counts; call before the engine starts (before resolving the device). */
  public void apply() {
    ModelRuntime.setThreads(threads, interopThreads);
  }
}
