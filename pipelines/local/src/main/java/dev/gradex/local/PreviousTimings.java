package dev.gradex.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stage timings earlier runs of a directory recorded, so that a rerun reports the real seconds
 * of the stages it reuses instead of the seconds of checking them: the {@code summary.json} of the
 * last finished run, overlaid with {@link #STAGE_SECONDS}, which every run updates as each stage
 * finishes its work (so a run killed before its summary, e.g. a benchmark continued over several
 * sittings, still leaves the seconds of the stages it completed).
 */
final class PreviousTimings {
  /** The per-stage record in a run's output directory, beside summary.json. */
  static final String STAGE_SECONDS = "stage-seconds.json";

  /** The part of summary.json read back, and the whole of {@link #STAGE_SECONDS}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Recorded(Map<String, Double> seconds) {}

  private PreviousTimings() {}

  /**
   * The {@code seconds} of {@code summary} overlaid with those of the {@link #STAGE_SECONDS} beside
   * it, or none when neither file is there (a first run). A file that cannot be read yields none
   * too, with a warning to {@code listener}: both are this program's own output, replaced as the
   * run goes, and only the timings come from them.
   */
  static Map<String, Double> read(Path summary, ProgressListener listener) {
    Map<String, Double> out = new LinkedHashMap<>(seconds(summary, listener));
    out.putAll(seconds(summary.resolveSibling(STAGE_SECONDS), listener));
    return out;
  }

  /** Replaces {@code file} (temporary file, then rename) with {@code seconds}. */
  static void write(Path file, Map<String, Double> seconds) {
    try {
      AtomicFiles.writeString(file, Json.PRETTY.writeValueAsString(new Recorded(seconds)) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static Map<String, Double> seconds(Path file, ProgressListener listener) {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      Recorded r = Json.JSON.readValue(file.toFile(), Recorded.class);
      return r.seconds() == null ? Map.of() : r.seconds();
    } catch (IOException e) {
      listener.on(
          new ProgressEvent.Warning(
              file
                  + " is not a readable record of stage seconds ("
                  + e.getMessage().lines().findFirst().orElse("")
                  + "); reused stages are timed by this run"));
      return Map.of();
    }
  }
}
