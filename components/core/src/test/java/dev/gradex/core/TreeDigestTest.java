package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeDigestTest {
  @Test
  void digestCoversSortedPathsAndContentsButNotTopLevelHiddenEntries(@TempDir Path dir)
      throws Exception {
    byte[] bin = new byte[256 * 300];
    for (int i = 0; i < bin.length; i++) {
      bin[i] = (byte) i;
    }
    Files.createDirectories(dir.resolve("sub"));
    Files.write(dir.resolve("sub/b.bin"), bin);
    Files.writeString(dir.resolve("a.txt"), "hello");
    Files.createDirectories(dir.resolve(".cache"));
    Files.writeString(dir.resolve(".cache/x"), "ignored");
    Files.writeString(dir.resolve(".hidden"), "ignored");

    // sha256("a.txt\t" + sha256("hello") + "\nsub/b.bin\t" + sha256(bin) + "\n"), by Python.
    String expected = "sha256:ef227e8f5cd666fc902fcf6ec875eeb87c993d393c6370f8b61d07de8500058c";
    assertThat(TreeDigest.of(dir)).isEqualTo(expected);

    Files.move(dir.resolve("a.txt"), dir.resolve("c.txt"));
    assertThat(TreeDigest.of(dir)).isNotEqualTo(expected);
  }

  @Test
  void aLinkedDirectoryHasItsTargetsDigestNotTheDigestOfNoFiles(@TempDir Path dir)
      throws Exception {
    Path real = Files.createDirectories(dir.resolve("real"));
    Files.writeString(real.resolve("a.txt"), "hello");
    Files.createDirectories(real.resolve("sub"));
    Files.writeString(real.resolve("sub/b.txt"), "world");
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    Path outer = Files.createDirectories(dir.resolve("outer"));
    Files.writeString(outer.resolve("a.txt"), "hello");
    Files.createSymbolicLink(outer.resolve("sub"), real.resolve("sub"));

    // sha256("a.txt\t" + sha256("hello") + "\nsub/b.txt\t" + sha256("world") + "\n"), by Python.
    String expected = "sha256:4d9d03f7c62e603eaf63a1cec252731b06ad2232579ef9653630c16963df4eb3";
    assertThat(TreeDigest.of(real)).isEqualTo(expected);
    assertThat(TreeDigest.of(link)).isEqualTo(expected);
    assertThat(TreeDigest.of(outer)).isEqualTo(expected);
  }
}
