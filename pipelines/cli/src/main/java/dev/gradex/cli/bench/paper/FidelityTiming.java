package dev.gradex.cli.bench.paper;

import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The time of the fidelity fine-tunes of a run, added up over sittings in {@code
 * RUN/paper-timing.json}: each sitting adds its fidelity stage's wall time and how many fine-tunes
 * it completed (a fine-tune resumed from a checkpoint counts with the part this sitting did). The
 * cost table's mean subset fine-tune time is {@code seconds / fineTunes}.
 *
 * @param seconds wall seconds of the timed fidelity fine-tunes
 * @param fineTunes how many fine-tunes they completed
 */
record FidelityTiming(double seconds, int fineTunes) {
  static final String FILE = "paper-timing.json";

  /**
   * The fidelity fine-tunes of {@code runDir} that are complete (a manifest in their directory).
   */
  static int completed(Path runDir) throws IOException {
    Path dir = runDir.resolve("fidelity");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return (int) s.filter(p -> Files.isRegularFile(p.resolve(StageManifest.FILE))).count();
    }
  }

  /** What earlier sittings recorded (zero when none did). */
  static FidelityTiming read(Path runDir) {
    Path file = runDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return new FidelityTiming(0, 0);
    }
    try {
      return Json.JSON.readValue(file.toFile(), FidelityTiming.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a sitting that completed {@code fineTunes} fine-tunes in {@code seconds}. */
  static FidelityTiming add(Path runDir, double seconds, int fineTunes) {
    FidelityTiming before = read(runDir);
    FidelityTiming after =
        new FidelityTiming(before.seconds + seconds, before.fineTunes + fineTunes);
    try {
      AtomicFiles.writeString(runDir.resolve(FILE), Json.PRETTY.writeValueAsString(after));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return after;
  }
}
