package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.TreeDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk full and unwritable outputs (issue 18, Faults): {@code estimate-subsets} whose {@code --out}
 * is on a tmpfs too small for its outputs, or on a read-only mount, exits 2 with one line naming
 * the path and the OS's reason, and leaves nothing that looks complete; after the tmpfs grows, the
 * same command completes with what a run on a roomy disk writes. Real kernel errors, from {@link
 * SmallDisk}'s private mount namespace.
 */
class DiskFullIT {
  private static final List<String> JVM = List.of("-Xmx512m");

  @TempDir static Path dir;
  static Path store;
  static Path reference;

  @BeforeAll
  static void storeAndRoomyRun() throws Exception {
    store = Cli.synthStore(dir.resolve("store"), 20_000, 14, 64, 3, 7);
    reference = dir.resolve("reference");
    Cli.Outcome roomy = Cli.runChild(JVM, dir.resolve("reference.log"), 5, estimate(reference));
    assertThat(roomy.exitCode()).as(roomy.stdout()).isZero();
    assertThat(Files.size(reference.resolve("subsets.csv")))
        .as("the outputs exceed the small disk")
        .isGreaterThan(256 * 1024);
  }

  static String[] estimate(Path out) {
    return new String[] {
      "estimate-subsets",
      "--store",
      store.toString(),
      "--out",
      out.toString(),
      "--subsets",
      "3000",
      "--seed",
      "11",
      "--threads",
      "1",
      "--quiet"
    };
  }

  @Test
  void estimateOnAFullDiskExitsTwoNamingThePathLeavesNothingCompleteAndCompletesAfterSpaceIsFreed()
      throws Exception {
    Path mount = dir.resolve("full");
    Path out = mount.resolve("out");
    SmallDisk.Session s =
        SmallDisk.of(mount, "256k")
            .runThenGrow(
                dir.resolve("full-work"), "64m", dir.resolve("full-copy"), JVM, estimate(out));

    DiskFaults.assertFailedCleanly(s.first(), out, "No space left on device");
    DiskFaults.assertNothingLooksComplete(s.first());
    assertThat(s.rerun().exitCode()).as(s.rerun().output()).isZero();
    Path copy = dir.resolve("full-copy/out");
    assertThat(TreeDigest.of(copy)).isEqualTo(TreeDigest.of(reference));
    assertThat(Files.readString(copy.resolve("selection.json")))
        .isEqualTo(Files.readString(reference.resolve("selection.json")));
  }

  @Test
  void estimateIntoAReadOnlyMountExitsTwoNamingThePathAndWritesNothing() throws Exception {
    Path mount = dir.resolve("ro");
    Path out = mount.resolve("out");
    SmallDisk.Session s = SmallDisk.readOnly(mount).run(dir.resolve("ro-work"), JVM, estimate(out));

    DiskFaults.assertFailedCleanly(s.first(), out, "Read-only file system");
    assertThat(s.first().files()).isEmpty();
  }
}
