package dev.gradex.kfp.gradex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.KfpFixtures;
import dev.gradex.kfp.ir.IrYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two runs of the committed pipelines/gradex-pipeline.yaml under the KFP 2.17 backend's cache rule
 * (reproduced in {@link BackendCacheModel}, since {@code kfp.local} has no cache): with nothing
 * changed, the second run is served from cache from meta-train to promote (the GPU steps never
 * re-run); with changed data or a changed setting, exactly the tasks that consume it and everything
 * downstream of them run again, so nothing stale is reused.
 */
class BackendCacheKeyTest {
  private static final Set<String> SHARDS =
      Set.of(
          "extract-gradients[0]",
          "extract-gradients[1]",
          "extract-gradients[2]",
          "extract-gradients[3]");
  private static final Set<String> ALL =
      union(SHARDS, "meta-train", "merge-stores", "estimate-subsets", "fine-tune", "promote");

  private BackendCacheModel backend;

  @BeforeEach
  void loadTheCommittedPipeline() throws IOException {
    String yaml = Files.readString(KfpFixtures.goldenPipeline(), StandardCharsets.UTF_8);
    String[] docs = yaml.split("\n---\n");
    backend =
        new BackendCacheModel(IrYaml.read(docs[0]), docs.length > 1 ? IrYaml.read(docs[1]) : null);
  }

  @Test
  void secondRunWithUnchangedParameters_isServedFromCacheFromMetaTrainToPromote() {
    BackendCacheModel.Run first = backend.run(Map.of());
    BackendCacheModel.Run second = backend.run(Map.of());
    assertThat(first.misses()).isEqualTo(ALL);
    assertThat(second.cached().keySet()).isEqualTo(ALL);
    assertThat(second.misses()).as("tasks that ran again").isEmpty();
    assertThat(second.outputs().get("promote")).isEqualTo(first.outputs().get("promote"));
  }

  static Stream<Arguments> changes() {
    Set<String> fromEstimate = Set.of("estimate-subsets", "fine-tune", "promote");
    return Stream.of(
        Arguments.of("source_digests", "target=sha256:beef", ALL),
        Arguments.of("sources_uri", "s3://gradex/sources-v2/", ALL),
        Arguments.of("base_model_uri", "s3://gradex/models/other/", ALL),
        Arguments.of("reuse_dir", "/cache/gradex", ALL),
        Arguments.of("train_epochs", 5, ALL),
        Arguments.of("gradients_dim", 400, union(union(SHARDS, "merge-stores"), fromEstimate)),
        Arguments.of("estimate_subsets", 2000, fromEstimate),
        Arguments.of("estimate_mode", "fast", fromEstimate),
        Arguments.of("fine_tune_epochs", 4, Set.of("fine-tune", "promote")),
        Arguments.of("champion_alias", "prod", Set.of("promote")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void secondRunWithAChangedParameter_rerunsExactlyItsConsumersAndEverythingDownstream(
      String parameter, Object value, Set<String> expectedMisses) {
    backend.run(Map.of());
    BackendCacheModel.Run changed = backend.run(Map.of(parameter, value));
    assertThat(changed.misses()).as("tasks that ran again").isEqualTo(expectedMisses);
  }

  @Test
  void thirdRunBackOnTheFirstRunsParameters_hitsTheFirstRunsEntries() {
    BackendCacheModel.Run first = backend.run(Map.of());
    backend.run(Map.of("source_digests", "target=sha256:beef"));
    BackendCacheModel.Run third = backend.run(Map.of());
    assertThat(third.misses()).isEmpty();
    assertThat(third.outputs()).isEqualTo(first.outputs());
  }

  @Test
  void anExtraShard_runsThatShardAndWhatConsumesTheCollectedShards_notTheOthers() {
    backend.run(Map.of());
    Set<String> collected = Set.of("merge-stores", "estimate-subsets", "fine-tune", "promote");
    BackendCacheModel.Run more = backend.run(Map.of("shard_indices", List.of(0, 1, 2, 3, 4)));
    assertThat(more.misses()).isEqualTo(union(collected, "extract-gradients[4]"));
    BackendCacheModel.Run repartitioned =
        backend.run(Map.of("shard_indices", List.of(0, 1, 2, 3, 4), "shard_count", 5));
    assertThat(repartitioned.misses())
        .as("shard_count partitions the sources: every shard runs again, meta-train does not")
        .isEqualTo(union(union(SHARDS, collected), "extract-gradients[4]"));
  }

  private static Set<String> union(Set<String> set, String... more) {
    Set<String> out = new TreeSet<>(set);
    out.addAll(List.of(more));
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }
}
