package dev.gradex.cli.bench.paper;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage seconds of a run kept over sittings in {@code RUN/paper-stage-seconds.json}: per stage
 * the largest figure any sitting reported. A sitting that reuses a stage reports the figure of the
 * sitting that did its work, which the run's stage-seconds.json keeps as each stage finishes (so
 * also when that sitting was killed before its summary); output written before that record existed
 * reports the few seconds of its check, so the largest is the stage's real work.
 */
final class StageTiming {
  static final String FILE = "paper-stage-seconds.json";

  private StageTiming() {}

  /** Merges {@code seconds} into the run's record; returns the record. */
  static Map<String, Double> merge(Path runDir, Map<String, Double> seconds) {
    Map<String, Double> all = read(runDir);
    seconds.forEach((k, v) -> all.merge(k, v, Math::max));
    try {
      AtomicFiles.writeString(runDir.resolve(FILE), Json.PRETTY.writeValueAsString(all));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  static Map<String, Double> read(Path runDir) {
    Path file = runDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return new LinkedHashMap<>();
    }
    try {
      return new LinkedHashMap<>(
          Json.JSON.readValue(file.toFile(), new TypeReference<Map<String, Double>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Per stage the largest figure over the runs (the seeds of one problem, same sizes). */
  static Map<String, Double> largest(List<Map<String, Double>> runs) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map<String, Double> r : runs) {
      r.forEach((k, v) -> out.merge(k, v, Math::max));
    }
    return out;
  }
}
