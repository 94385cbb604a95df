package dev.gradex.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.gradex.core.Json;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The stage timings an earlier run of a directory recorded in its {@code summary.json}, so that a
 * rerun reports the real seconds of the stages it reuses instead of the seconds of checking them.
 */
final class PreviousTimings {
  /** The part of summary.json read back. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Recorded(Map<String, Double> seconds) {}

  private PreviousTimings() {}

  /**
   * The {@code seconds} of {@code summary}, or none when there is no such file (a first run). A
   * file that cannot be read as a summary yields none too, with a warning to {@code listener}: it
   * is this program's own output, replaced at the end of the run, and only the timings come from
   * it.
   */
  static Map<String, Double> read(Path summary, ProgressListener listener) {
    if (!Files.isRegularFile(summary)) {
      return Map.of();
    }
    try {
      Recorded r = Json.JSON.readValue(summary.toFile(), Recorded.class);
      return r.seconds() == null ? Map.of() : r.seconds();
    } catch (IOException e) {
      listener.on(
          new ProgressEvent.Warning(
              summary
                  + " is not a readable run summary ("
                  + e.getMessage().lines().findFirst().orElse("")
                  + "); reused stages are timed by this run"));
      return Map.of();
    }
  }
}
