package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.store.GradientStore;
import dev.gradex.core.store.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk full during the model stages (issue 18, Faults): {@code gradex run} whose out directory
 * fills during a stage, {@code extract-gradients} whose {@code --store-out} fills mid-shard and
 * {@code fine-tune} whose {@code --adapter-out} fills while it writes. Each tmpfs is half the size
 * its output takes on a roomy disk (measured by a roomy run first), so it fills midway. Each exits
 * 2 with one line naming the path and {@code No space left on device}, leaves nothing that looks
 * complete, and, once the tmpfs has grown, the same command completes.
 */
class DiskFullRunIT {
  private static final List<String> JVM = List.of("-Xmx768m");

  @TempDir static Path dir;
  static Path roomy;

  @BeforeAll
  static void roomyRun() throws Exception {
    Path yaml = MiniatureRun.fourSources(200, 1).write(dir.resolve("roomy"));
    Cli.Outcome o = Cli.runChild(JVM, dir.resolve("roomy.log"), 10, "run", yaml.toString());
    assertThat(o.exitCode()).as(o.stdout()).isZero();
    roomy = dir.resolve("roomy/out");
  }

  @Test
  void gradexRunWhoseOutFillsDuringAStageExitsTwoWithoutASummaryAndTheRerunCompletes()
      throws Exception {
    Path runDir = dir.resolve("full-run");
    Path yaml = MiniatureRun.fourSources(200, 1).write(runDir);
    Files.writeString(yaml, Files.readString(yaml).replace("out: out\n", "out: disk/out\n"));
    Path out = runDir.resolve("disk/out");
    SmallDisk.Session s =
        SmallDisk.of(runDir.resolve("disk"), half(roomy))
            .runThenGrow(
                dir.resolve("full-run-work"),
                "256m",
                dir.resolve("full-run-copy"),
                JVM,
                "run",
                yaml.toString());

    DiskFaults.assertFailedCleanly(s.first(), out, "No space left on device");
    assertThat(s.first().files())
        .as("the run did not finish")
        .doesNotContainKey("out/summary.json");
    DiskFaults.assertOnlyFinishedStagesHoldResults(s.first());
    assertThat(s.rerun().exitCode()).as(s.rerun().output()).isZero();
    Path copy = dir.resolve("full-run-copy/out");
    assertThat(copy.resolve("summary.json")).exists();
    assertThat(Files.readString(copy.resolve("estimate/selection.json")))
        .isEqualTo(Files.readString(roomy.resolve("estimate/selection.json")));
  }

  @Test
  void extractGradientsWhoseStoreOutFillsMidShardExitsTwoAndLeavesNoStore() throws Exception {
    Path mount = dir.resolve("full-store");
    Path store = mount.resolve("store");
    SmallDisk.Session s =
        SmallDisk.of(mount, half(roomy.resolve("gradients")))
            .runThenGrow(
                dir.resolve("full-store-work"),
                "64m",
                dir.resolve("full-store-copy"),
                JVM,
                "extract-gradients",
                "--sources",
                roomy.resolve("sources").toString(),
                "--base-model",
                roomy.resolve("base-model").toString(),
                "--adapter",
                roomy.resolve("meta-train").toString(),
                "--store-out",
                store.toString(),
                "--dim",
                "16",
                "--projector-seed",
                "1",
                "--batch-size",
                "16");

    DiskFaults.assertFailedCleanly(s.first(), store, "No space left on device");
    DiskFaults.assertNothingLooksComplete(s.first());
    assertThat(s.rerun().exitCode()).as(s.rerun().output()).isZero();
    try (GradientStore done = GradientStore.open(dir.resolve("full-store-copy/store"));
        GradientStore reference = GradientStore.open(roomy.resolve("gradients"))) {
      assertThat(done.manifest().split(Split.TRAIN).examples())
          .isEqualTo(reference.manifest().split(Split.TRAIN).examples());
    }
  }

  @Test
  void fineTuneWhoseAdapterOutFillsExitsTwoAndLeavesNoAdapter() throws Exception {
    Path mount = dir.resolve("full-adapter");
    Path adapter = mount.resolve("adapter");
    SmallDisk.Session s =
        SmallDisk.of(mount, half(roomy.resolve("fine-tune")))
            .runThenGrow(
                dir.resolve("full-adapter-work"),
                "64m",
                dir.resolve("full-adapter-copy"),
                JVM,
                "fine-tune",
                "--selection",
                roomy.resolve("estimate").toString(),
                "--sources",
                roomy.resolve("sources").toString(),
                "--base-model",
                roomy.resolve("base-model").toString(),
                "--adapter-out",
                adapter.toString(),
                "--epochs",
                "1",
                "--learning-rate",
                "0.01",
                "--batch-size",
                "16",
                "--lora-rank",
                "4",
                "--lora-alpha",
                "8",
                "--lora-targets",
                "c_attn,c_fc");

    DiskFaults.assertFailedCleanly(s.first(), adapter, "No space left on device");
    DiskFaults.assertNothingLooksComplete(s.first());
    assertThat(s.rerun().exitCode()).as(s.rerun().output()).isZero();
    assertThat(s.rerun().files())
        .as(s.rerun().output())
        .containsKeys("adapter/adapter/adapter_model.safetensors", "adapter/manifest.json");
  }

  /** Half the bytes of the files under {@code dir}, as a tmpfs size (at least one page). */
  private static String half(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      long bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      return Math.max(4, bytes / 2 / 1024) + "k";
    }
  }
}
