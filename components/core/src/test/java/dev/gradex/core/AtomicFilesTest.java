package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  private static final String SHA256_ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

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
  void sha256OfBytesAndOfAFileLargerThanTheReadBufferAgree(@TempDir Path dir) {
    assertThat(AtomicFiles.sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .isEqualTo(SHA256_ABC);
    byte[] big = new byte[(1 << 16) * 3 + 17];
    Arrays.fill(big, (byte) 7);
    big[big.length - 1] = 1;
    Path file = dir.resolve("big.bin");
    AtomicFiles.write(file, big);
    assertThat(AtomicFiles.sha256(file)).isEqualTo(AtomicFiles.sha256(big)).hasSize(64);
    AtomicFiles.write(file, "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(AtomicFiles.sha256(file)).isEqualTo(SHA256_ABC);
  }
}
