package dev.gradex.metatrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.component.CommandLines;
import dev.gradex.component.KfpExecutorInput;
import dev.gradex.component.stage.Stage;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.TreeDigest;
import dev.gradex.model.data.SourceSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** meta-train --only-sources: theta* of the last full run is copied, not retrained. */
class ThetaReuseTest {
  @TempDir Path dir;
  private Path reuse;

  @BeforeEach
  void lastFullRun() throws Exception {
    for (String n : List.of("a", "b", "c", "train", "validation")) {
      Files.writeString(
          dir.resolve(n + ".jsonl"), "{\"prompt\":\"" + n + "\",\"completion\":\"x\"}\n");
    }
    Path trainedOn = sources("before", "a", "b");
    reuse = dir.resolve("reuse");
    Path adapter = Files.createDirectories(reuse.resolve("adapter"));
    Files.writeString(adapter.resolve("adapter_config.json"), "{\"r\":2}");
    Files.writeString(adapter.resolve("adapter_model.safetensors"), "weights");
    StageManifest.write(
        new Stage.ManifestTarget(
            adapter, Map.of("sources", SourceSet.read(trainedOn).digests()), List.of()),
        "meta-train",
        "k",
        new MetaTrainResult(
            0.5, 2, List.of(0.7, 0.5), 12, 6, null, "digest", false, null, false, null));
  }

  @Test
  void newSource_copiesTheReusedAdapterByteForByte() throws Exception {
    Path out = dir.resolve("out");
    Path metrics = dir.resolve("metrics.json");

    int code = run(sources("after", "a", "b", "c"), out, "c", "--metrics-out", metrics.toString());

    assertThat(code).isZero();
    assertThat(TreeDigest.of(out)).isEqualTo(TreeDigest.of(reuse.resolve("adapter")));
    assertThat(Files.readString(metrics))
        .isEqualTo(
            "{\"validation_loss\":0.5,\"best_epoch\":2.0,\"train_examples\":12.0,"
                + "\"train_steps\":6.0,\"reused_theta\":1.0}");
  }

  @Test
  void underKfp_theExecutorOutputListsTheAdapterAndTheMetricsWithTheirUris() throws Exception {
    Path task = dir.resolve("task");
    String in = KfpExecutorInput.localJson(Map.of(), List.of("adapter", "metrics"), task);

    int code =
        run(
            sources("after", "a", "b", "c"),
            task.resolve("adapter"),
            "c",
            "--metrics-out",
            task.resolve("metrics").toString(),
            "--kfp-executor-input",
            in);

    assertThat(code).isZero();
    JsonNode out =
        new ObjectMapper()
            .readTree(task.resolve("executor_output.json").toFile())
            .path("artifacts");
    assertThat(out.fieldNames()).toIterable().containsExactlyInAnyOrder("adapter", "metrics");
    for (String name : List.of("adapter", "metrics")) {
      assertThat(out.path(name).path("artifacts").get(0).path("uri").asText())
          .isEqualTo(task.resolve(name).toString());
    }
    JsonNode metrics = out.path("metrics").path("artifacts").get(0).path("metadata");
    assertThat(metrics.path("reused_theta").asDouble()).isEqualTo(1.0);
    assertThat(metrics.path("validation_loss").asDouble()).isEqualTo(0.5);
  }

  @Test
  void executorInputWithoutTheMetricsOutput_isRefusedBeforeAnyWork() throws Exception {
    Path task = dir.resolve("task");
    String in = KfpExecutorInput.localJson(Map.of(), List.of("adapter"), task);

    int code =
        run(
            sources("after", "a", "b", "c"),
            task.resolve("adapter"),
            "c",
            "--kfp-executor-input",
            in);

    assertThat(code).isEqualTo(2);
    assertThat(task.resolve("adapter")).doesNotExist();
  }

  @Test
  void sourceChangedSinceThetaStar_isRefused() throws Exception {
    Path after = sources("after", "a", "b", "c");
    AtomicFiles.writeString(
        dir.resolve("b.jsonl"), "{\"prompt\":\"changed\",\"completion\":\"x\"}\n");

    assertThat(run(after, dir.resolve("out"), "c")).isEqualTo(2);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void onlySourcesWithoutReuseDir_isRefused() throws Exception {
    List<String> args = args(sources("after", "a", "b", "c"), dir.resolve("out"), "c");
    args.removeAll(List.of("--reuse-dir", reuse.toString()));

    assertThat(CommandLines.run(new MetaTrainCommand(), args.toArray(String[]::new))).isEqualTo(2);
  }

  private int run(Path sources, Path out, String only, String... extra) {
    List<String> a = args(sources, out, only);
    a.addAll(List.of(extra));
    return CommandLines.run(new MetaTrainCommand(), a.toArray(String[]::new));
  }

  private List<String> args(Path sources, Path out, String only) {
    return new ArrayList<>(
        List.of(
            "--sources", sources.toString(),
            "--base-model", dir.resolve("unused-base").toString(),
            "--adapter-out", out.toString(),
            "--only-sources", only,
            "--reuse-dir", reuse.toString()));
  }

  private Path sources(String name, String... names) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    List<SourceSet.Source> list = new ArrayList<>();
    for (String n : names) {
      list.add(new SourceSet.Source(n, dir.resolve(n + ".jsonl").toString(), null));
    }
    SourceSet.write(
        d,
        new SourceSet.Splits(
            dir.resolve("train.jsonl").toString(),
            dir.resolve("validation.jsonl").toString(),
            null),
        list);
    return d;
  }
}
