package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
  private static final String SHA256_ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void bytesStringStreamAndDigestAllGiveTheKnownLowercaseHexOfAbc() throws Exception {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertThat(Sha256.of(abc)).isEqualTo(SHA256_ABC);
    assertThat(Sha256.of("abc")).isEqualTo(SHA256_ABC);
    assertThat(Sha256.of(new ByteArrayInputStream(abc))).isEqualTo(SHA256_ABC);
    assertThat(Sha256.hex(Sha256.newDigest().digest(abc))).isEqualTo(SHA256_ABC);
  }

  @Test
  void fileLargerThanTheReadBufferDigestsLikeItsBytes(@TempDir Path dir) {
    byte[] big = new byte[(1 << 16) * 3 + 17];
    Arrays.fill(big, (byte) 7);
    big[big.length - 1] = 1;
    Path file = dir.resolve("big.bin");
    AtomicFiles.write(file, big);
    assertThat(Sha256.of(file)).isEqualTo(Sha256.of(big)).hasSize(64);
    AtomicFiles.write(file, "abc".getBytes(StandardCharsets.US_ASCII));
    assertThat(Sha256.of(file)).isEqualTo(SHA256_ABC);
  }
}
