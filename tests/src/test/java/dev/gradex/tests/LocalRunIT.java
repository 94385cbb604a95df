package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.store.GradientStore;
import dev.gradex.local.ArithmeticSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradex run CONFIG.yaml} runs all four stages in one process on a miniature problem (a tiny
 * decoder built here, two sources): every stage leaves a complete, manifest-carrying output, the
 * gradient store opens and holds every source, the target and the validation examples, and a rerun
 * finds every stage complete and recomputes nothing.
 */
class LocalRunIT {
  @TempDir Path dir;

  @Test
  void runExecutesEveryStageAndARerunReusesThem() throws Exception {
    new MiniatureRun(
            new ArithmeticSources(5, 1, 1, 0, 40, 20, 20),
            60,
            List.of("clean-00", "noisy-00"),
            48,
            1,
            1,
            0,
            4,
            1,
            0)
        .write(dir);
    Cli.Outcome first =
        Cli.runChild(
            List.of("-Xmx1g"),
            dir.resolve("first.log"),
            10,
            "run",
            dir.resolve("run.yaml").toString());
    assertThat(first.exitCode()).as(first.stdout()).isZero();

    Path out = dir.resolve("out");
    for (String stage : List.of("meta-train", "estimate", "fine-tune")) {
      assertThat(out.resolve(stage).resolve("manifest.json")).as(stage).exists();
    }
    assertThat(out.resolve("meta-train/adapter_config.json")).exists();
    try (GradientStore store = GradientStore.open(out.resolve("gradients"))) {
      assertThat(store.taskNames()).containsExactly("clean-00", "noisy-00", "target");
      assertThat(store.size(dev.gradex.core.store.Split.TRAIN)).isEqualTo(40 + 40 + 20);
      assertThat(store.size(dev.gradex.core.store.Split.VALIDATION)).isEqualTo(20);
      assertThat(store.dim()).isEqualTo(16);
    }
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.path("testLoss").asDouble()).isPositive().isFinite();
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("fine-tune/metrics.json").toFile());
    assertThat(metrics.path("test_loss").asDouble()).isEqualTo(summary.path("testLoss").asDouble());

    long before = Files.getLastModifiedTime(out.resolve("meta-train/manifest.json")).toMillis();
    Cli.Outcome second =
        Cli.runChild(
            List.of("-Xmx1g"),
            dir.resolve("second.log"),
            10,
            "run",
            dir.resolve("run.yaml").toString());
    assertThat(second.exitCode()).as(second.stdout()).isZero();
    assertThat(Files.getLastModifiedTime(out.resolve("meta-train/manifest.json")).toMillis())
        .isEqualTo(before);
    assertThat(second.stdout()).contains("reused");
  }
}
