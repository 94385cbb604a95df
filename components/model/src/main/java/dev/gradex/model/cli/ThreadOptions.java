package dev.gradex.model.cli;

import dev.gradex.model.ModelRuntime;
import picocli.CommandLine.Option;

/**
 * The PyTorch engine's thread counts, as {@code --threads} and {@code --interop-threads}: a picocli
 * mixin of every component that computes with the model (and {@code runtime} in run.yaml).
 *
 * <p>The defaults, one intra-op and one inter-op thread, are what measured fastest with {@code
 * gradex bench train} (BENCHMARKS.md, "Training throughput"): on the 2-core machine shared with
 * other work, LoRA training of MiniLM ran about 3x faster with 1 thread than with PyTorch's default
 * of one per core, whose threads wait on each other when a core is taken. On a machine or pod with
 * cores to itself, more threads can pay: measure with {@code gradex bench train --threads 1:1,4:1}
 * and set {@code --threads} (0 gives PyTorch's default).
 */
public final class ThreadOptions {
  /**
   * Intra-op threads unless set (see the class comment for why 1). The catalog's {@code
   * runtime.threads} default: the model library may not depend on the catalog (PackageRulesTest),
   * so the value is repeated here and SettingsAgreementTest checks that the two agree.
   */
  public static final int DEFAULT_THREADS = 1;

  /** Inter-op threads unless set: the catalog's {@code runtime.interopThreads} default. */
  public static final int DEFAULT_INTEROP_THREADS = 1;

  // Soft catalog defaults (runtime.threads, runtime.interopThreads): null = not given, see apply.
  @Option(names = "--threads")
  public Integer threads;

  @Option(names = "--interop-threads")
  public Integer interopThreads;

  /**
   * Applies the counts before the engine starts (call before resolving the device): the defaults
   * when not given (kept silently if the engine already runs, as when commands share a process), a
   * given count strictly ({@link ModelRuntime#setThreads}).
   */
  public void apply() {
    apply(threads, interopThreads);
  }

  /** {@link #apply()} for counts from elsewhere (run.yaml); null = not given. */
  public static void apply(Integer threads, Integer interopThreads) {
    ModelRuntime.defaultThreads(DEFAULT_THREADS, DEFAULT_INTEROP_THREADS);
    ModelRuntime.setThreads(
        threads == null ? 0 : threads, interopThreads == null ? 0 : interopThreads);
  }
}
