package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainedFilesTest {
  @TempDir Path dir;

  @Test
  void regularFileOrMissingFile_isReturnedInsideTheDirectory() throws Exception {
    Files.writeString(dir.resolve("a.json"), "{}");

    assertThat(ContainedFiles.file(dir, "a.json", "store")).isEqualTo(dir.resolve("a.json"));
    assertThat(ContainedFiles.file(dir, "missing.f32", "store"))
        .isEqualTo(dir.resolve("missing.f32"));
  }

  @Test
  void symbolicLink_isRefusedNamingTheLinkAndItsTarget() throws Exception {
    Path secret = Files.writeString(dir.resolve("token"), "s3cr3t");
    Path store = Files.createDirectories(dir.resolve("store"));
    Files.createSymbolicLink(store.resolve("train.features.f32"), secret);

    assertThatThrownBy(() -> ContainedFiles.file(store, "train.features.f32", "gradient store"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            store.resolve("train.features.f32")
                + ": is a symbolic link (to "
                + secret
                + "); a gradient store holds regular files only");
    assertThatThrownBy(() -> ContainedFiles.requireNoLinks(store, "reused adapter directory"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a reused adapter directory holds regular files only");
  }

  @Test
  void nameWithSeparatorsOrDots_isRefused() {
    for (String bad : new String[] {"../x", "/etc/passwd", "a/b", "..", ".", "", "a\\b"}) {
      assertThatThrownBy(() -> ContainedFiles.file(dir, bad, "adapter"))
          .as(bad)
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(dir + ": '" + bad + "' is not a file name inside the adapter");
    }
  }
}
