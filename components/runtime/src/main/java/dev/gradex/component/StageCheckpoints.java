package dev.gradex.component;

import dev.gradex.core.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stage's resume directory, {@code out/.checkpoints}, tied to the same key as its {@link
 * dev.gradex.component.stage.StageManifest}. A killed run resumes from it only when rerun with the
 * same inputs and settings; checkpoints of other ones (the run was killed, then its data or
 * configuration edited) are deleted rather than continued, which would mix two trainings into one
 * adapter that looks complete.
 */
public final class StageCheckpoints {
  /** The directory's name under the stage's output. */
  public static final String DIR = ".checkpoints";

  private static final String KEY_FILE = "stage-key";

  private StageCheckpoints() {}

  /** {@code out/.checkpoints}, emptied first unless it was written under {@code key}. */
  public static Path prepare(Path out, String key) {
    Path dir = out.resolve(DIR);
    Path keyFile = dir.resolve(KEY_FILE);
    try {
      if (Files.isRegularFile(keyFile)
          && Files.readString(keyFile, StandardCharsets.UTF_8).strip().equals(key)) {
        return dir;
      }
      AtomicFiles.deleteTree(dir);
      Files.createDirectories(dir);
      AtomicFiles.writeString(keyFile, key + "\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the checkpoint directory " + dir, e);
    }
  }
}
