package dev.gradex.cli.bench;

import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.OutputLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradex bench estimate-memory}: estimation on a store larger than the heap. Synthesises a
 * store of N examples x d in a child JVM, then runs {@code estimate-subsets} on it in another child
 * JVM with the same {@code -Xmx}, sampling each child's peak RSS (VmHWM) and wall time. The store
 * is memory-mapped and task blocks are streamed, so the heap limit holds whatever the store's size.
 */
@Command(
    name = "estimate-memory",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic store (--examples x --dim) and estimates on it, each in a child JVM",
      "with -Xmx<heap>; prints each step's peak RSS (VmHWM) and wall time as JSON."
    })
public final class BenchEstimateMemoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--examples", description = "Training examples (default: ${DEFAULT-VALUE}).")
  long examples = 2_000_000;

  @Option(names = "--dim", description = "Projected dimension d (default: ${DEFAULT-VALUE}).")
  int dim = 200;

  @Option(names = "--tasks", description = "Source tasks (default: ${DEFAULT-VALUE}).")
  int tasks = 100;

  @Option(names = "--heap", description = "The children's -Xmx (default: ${DEFAULT-VALUE}).")
  String heap = "1g";

  @Option(names = "--subsets", description = "Subsets estimated (default: ${DEFAULT-VALUE}).")
  int subsets = 10;

  @Option(
      names = "--work",
      description = "Directory for the store and logs (default: a new one under java.io.tmpdir).")
  Path work;

  @Option(names = "--keep", description = "Keep the store afterwards.")
  boolean keep;

  @Option(names = "--timeout-minutes", description = "Per child (default: ${DEFAULT-VALUE}).")
  int timeoutMinutes = 30;

  @Override
  public Integer call() throws Exception {
    List<String> problems = new ArrayList<>();
    if (examples < tasks || examples > Integer.MAX_VALUE) {
      problems.add("--examples " + examples + " must be in [--tasks, " + Integer.MAX_VALUE + "]");
    }
    if (dim < 1 || tasks < 2 || subsets < 1) {
      problems.add("--dim, --subsets must be >= 1 and --tasks >= 2");
    }
    if (!heap.matches("[0-9]+[kKmMgG]?")) {
      problems.add("--heap " + heap + " is not a JVM size such as 1g or 512m");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("gradex bench estimate-memory", String.join("; ", problems));
    }
    Path dir = work != null ? work : Files.createTempDirectory("gradex-bench-memory-");
    // one benchmark per --work: a second one is refused before it deletes or writes the store
    try (OutputLock lock = OutputLock.acquire(dir)) {
      return measure(dir);
    }
  }

  private int measure(Path dir) throws Exception {
    Path store = dir.resolve("store");
    Path out = dir.resolve("estimate");
    List<String> jvm = List.of("-Xmx" + heap);
    try {
      PeakRss.Result synth =
          step(
              "synth-store",
              jvm,
              dir.resolve("synth-store.log"),
              List.of(
                  "synth-store",
                  "--out",
                  store.toString(),
                  "--examples",
                  String.valueOf(examples),
                  "--tasks",
                  String.valueOf(tasks),
                  "--dim",
                  String.valueOf(dim),
                  "--helpful",
                  String.valueOf(Math.max(1, tasks / 10)),
                  "--seed",
                  "2",
                  "--quiet"));
      long storeBytes = treeBytes(store);
      PeakRss.Result est =
          step(
              "estimate-subsets",
              jvm,
              dir.resolve("estimate-subsets.log"),
              List.of(
                  "estimate-subsets",
                  "--store",
                  store.toString(),
                  "--out",
                  out.toString(),
                  "--subsets",
                  String.valueOf(subsets),
                  "--select",
                  "top-k:" + Math.min(10, tasks),
                  "--fast-path-sample",
                  "0",
                  "--quiet"));
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("examples", examples);
      figures.put("dim", dim);
      figures.put("tasks", tasks);
      figures.put("subsets", subsets);
      figures.put("heap", heap);
      figures.put("store_bytes", storeBytes);
      figures.put("synth_store", figures(synth));
      figures.put("estimate_subsets", figures(est));
      figures.put("cores", Runtime.getRuntime().availableProcessors());
      spec.commandLine().getOut().println(Json.PRETTY.writeValueAsString(figures));
      spec.commandLine().getOut().flush();
    } finally {
      if (!keep) {
        AtomicFiles.deleteTree(store);
        AtomicFiles.deleteTree(out);
      }
    }
    return 0;
  }

  private PeakRss.Result step(String name, List<String> jvm, Path log, List<String> args)
      throws Exception {
    System.err.println("gradex bench estimate-memory: " + name + " (-Xmx" + heap + ")...");
    PeakRss.Result r = PeakRss.run(jvm, log, timeoutMinutes, args);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          name + " exited " + r.exitCode() + ": " + Files.readString(log).strip());
    }
    return r;
  }

  private static Map<String, Object> figures(PeakRss.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("peak_rss_mib", r.peakKib() / 1024);
    m.put("wall_s", Math.round(r.seconds() * 10) / 10.0);
    return m;
  }

  private static long treeBytes(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
