package dev.gradex.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.Json;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.estimate.ReferenceEstimator;
import dev.gradex.core.estimate.ReferenceProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Times scikit-learn's {@code LogisticRegression(solver="liblinear")} on exactly the reference
 * problems GradEx's reference mode solves, by writing them to a temporary directory and running a
 * small Python script (shipped in this jar) that times only the fits.
 */
final class SklearnBench {
  private final String python;

  SklearnBench(String python) {
    this.python = python;
  }

  /** Figures as a map; on failure a map with an {@code error} entry (the benchmark goes on). */
  Map<String, Object> time(ReferenceEstimator reference, List<int[]> subsets, EstimatorConfig cfg)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("gradex-bench-sklearn");
    try {
      List<Map<String, Object>> problems = new ArrayList<>();
      int d = 0;
      for (int i = 0; i < subsets.size(); i++) {
        ReferenceProblem p = reference.problem(subsets.get(i));
        d = p.dim();
        writeFloats(dir.resolve("X_" + i + ".f32"), p.features(), p.rows() * p.dim());
        writeInts(dir.resolve("y_" + i + ".i32"), p.labels());
        problems.add(Map.of("n", p.rows(), "x", "X_" + i + ".f32", "y", "y_" + i + ".i32"));
      }
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("d", d);
      meta.put("C", cfg.referenceC());
      meta.put("tol", 1e-4);
      meta.put("problems", problems);
      ObjectMapper json = Json.JSON;
      json.writeValue(dir.resolve("meta.json").toFile(), meta);
      Path script = dir.resolve("sklearn_liblinear_bench.py");
      try (InputStream in = getClass().getResourceAsStream("sklearn_liblinear_bench.py")) {
        Files.copy(in, script);
      }
      Process proc = new ProcessBuilder(python, script.toString(), dir.toString()).start();
      byte[] out = proc.getInputStream().readAllBytes();
      String err = new String(proc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!proc.waitFor(30, TimeUnit.MINUTES) || proc.exitValue() != 0) {
        return Map.of("error", "scikit-learn benchmark failed: " + err.strip());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> figures = json.readValue(out, LinkedHashMap.class);
      figures.put("threads", 1);
      return figures;
    } catch (IOException e) {
      return Map.of("error", "cannot run " + python + ": " + e.getMessage());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void writeFloats(Path file, float[] values, int count) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values, 0, count);
    Files.write(file, buf.array());
  }

  private static void writeInts(Path file, int[] values) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asIntBuffer().put(values);
    Files.write(file, buf.array());
  }
}
