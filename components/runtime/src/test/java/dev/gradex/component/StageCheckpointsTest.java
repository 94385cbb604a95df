package dev.gradex.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageCheckpointsTest {
  @TempDir Path out;

  @Test
  void checkpointsOfTheSameKeyAreKeptForResuming() throws Exception {
    Path dir = StageCheckpoints.prepare(out, "k1");
    Files.writeString(dir.resolve("last.safetensors"), "state");
    assertThat(StageCheckpoints.prepare(out, "k1")).isEqualTo(dir);
    assertThat(dir.resolve("last.safetensors")).hasContent("state");
  }

  @Test
  void checkpointsOfAnotherKeyAreDeletedRatherThanResumed() throws Exception {
    Path dir = StageCheckpoints.prepare(out, "k1");
    Files.createDirectories(dir.resolve("best"));
    Files.writeString(dir.resolve("best/adapter_model.safetensors"), "old");
    Files.writeString(dir.resolve("last.safetensors"), "old");
    StageCheckpoints.prepare(out, "k2");
    assertThat(dir.resolve("last.safetensors")).doesNotExist();
    assertThat(dir.resolve("best")).doesNotExist();
    assertThat(StageCheckpoints.prepare(out, "k2")).isDirectory();
  }

  @Test
  void checkpointsWithoutAKeyAreNotTrusted() throws Exception {
    Path dir = Files.createDirectories(out.resolve(StageCheckpoints.DIR));
    Files.writeString(dir.resolve("last.safetensors"), "unknown origin");
    StageCheckpoints.prepare(out, "k1");
    assertThat(dir.resolve("last.safetensors")).doesNotExist();
  }
}
