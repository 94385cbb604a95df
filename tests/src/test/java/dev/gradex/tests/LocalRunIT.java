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
    new ArithmeticSources(5, 1, 1, 0, 40, 20, 20).write(dir.resolve("data"));
    new ArithmeticSources(5, 1, 1, 0, 40, 20, 20)
        .writeFormatCorpus(dir.resolve("data/pre.jsonl"), 60);
    Files.writeString(
        dir.resolve("run.yaml"),
        String.join(
            "\n",
            "out: out",
            "seed: 3",
            "sources:",
            "  - {name: clean-00, path: data/clean-00.jsonl}",
            "  - {name: noisy-00, path: data/noisy-00.jsonl}",
            "target: {train: data/target-train.jsonl, validation: data/target-validation.jsonl,"
                + " test: data/target-test.jsonl}",
            "model: {tiny: {alphabet: \"0123456789+=;\", hidden: 32, layers: 1, heads: 2,"
                + " context: 48, pretrainEpochs: 1, pretrainData: data/pre.jsonl}}",
            "lora: {rank: 4, alpha: 8, targets: [c_attn, c_fc]}",
            "train: {epochs: 1, learningRate: 0.01, batchSize: 16}",
            "gradients: {dim: 16, seed: 1, batchSize: 16}",
            "estimate: {subsets: 4, alpha: 0.5, mode: faithful, select: best-prefix}",
            "fineTune: {epochs: 1, learningRate: 0.01, batchSize: 16}",
            ""));
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
