package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @Test
  void writeCreatesParentsReplacesContentAndLeavesNoTemporaryFile(@TempDir Path dir)
      throws Exception {
    Path target = dir.resolve("a/b/manifest.json");
    AtomicFiles.writeString(target, "first");
    AtomicFiles.writeString(target, "second, längér");

    assertThat(Files.readString(target)).isEqualTo("second, längér");
    try (var listing = Files.list(target.getParent())) {
      assertThat(listing).containsExactly(target);
    }
    if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
          .isEqualTo("rw-r--r--");
    }
  }

  @Test
  void streamedWriteThatFailsMidwayKeepsTheOldContentAndNoTemporaryFile(@TempDir Path dir) {
    Path target = dir.resolve("state.json");
    AtomicFiles.writeString(target, "old");
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write("half of the new".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot write " + target)
        .hasRootCauseMessage("disk full");
    assertThat(target).hasContent("old");
    assertThat(dir.toFile().list()).containsExactly("state.json");
  }

  @Test
  void commitPublishesAFinishedTemporaryFileOverTheTarget(@TempDir Path dir) throws IOException {
    Path tmp = dir.resolve(".tmp-train.features.f32");
    Path target = dir.resolve("train.features.f32");
    Files.writeString(target, "stale");
    Files.write(tmp, new byte[] {1, 2, 3, 4});
    AtomicFiles.commit(tmp, target);
    assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3, 4);
    assertThat(dir.toFile().list()).containsExactly("train.features.f32");
  }

  @Test
  void publishTreeRenamesATemporaryDirectoryIntoPlace(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("store");
    Path tmp = AtomicFiles.tempSibling(out);
    assertThat(tmp.getFileName().toString())
        .isEqualTo(".tmp-store-" + ProcessHandle.current().pid());
    AtomicFiles.writeString(tmp.resolve("manifest.json"), "{}");
    AtomicFiles.publishTree(tmp, out);
    assertThat(out.resolve("manifest.json")).hasContent("{}");
    assertThat(tmp).doesNotExist();
  }
}
