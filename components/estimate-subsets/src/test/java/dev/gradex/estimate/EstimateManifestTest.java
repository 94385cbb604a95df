package dev.gradex.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.Json;
import dev.gradex.core.synth.SyntheticProblem;
import dev.gradex.core.synth.SyntheticStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimate's typed manifest: written through {@link StageManifest} with the typed result and
 * settings, read back equal, reused only for the same inputs and settings, and never reused when it
 * is of the untyped format 1.
 */
class EstimateManifestTest {
  @TempDir static Path dir;
  static Path store;

  @BeforeAll
  static void writeStore() {
    store = dir.resolve("store");
    SyntheticStores.write(
        SyntheticProblem.builder()
            .setSeed(7)
            .setDim(8)
            .setExamples(240)
            .setTasks(6)
            .setHelpful(2)
            .build(),
        store,
        n -> {});
  }

  private static EstimateSubsetsRun stage(String out, int subsets) {
    return new EstimateSubsetsRun(
        EstimateSubsetsConfig.builder()
            .setStore(store)
            .setOut(dir.resolve(out))
            .optSubsets(subsets)
            .optFastPathSample(2)
            .optThreads(1)
            .build(),
        dev.gradex.core.progress.ProgressListener.NONE);
  }

  @Test
  void manifestRecordsTheTypedResultAndSettingsAndReadsBackEqual() throws Exception {
    EstimateSubsetsRun stage = stage("typed", 12);
    EstimateSubsetsResult fresh = stage.call();
    assertThat(fresh.reused()).isFalse();

    StageManifest<EstimateSubsetsResult> m =
        StageManifest.read(fresh.out(), EstimateSubsetsResult.class);
    assertThat(m.kind()).isEqualTo("subset-estimates");
    assertThat(m.formatVersion()).isEqualTo(StageManifest.FORMAT_VERSION);
    assertThat(m.key()).isEqualTo(stage.key()).hasSize(64);
    assertThat(m.files().keySet()).containsExactlyElementsOf(EstimateOutputs.FILES);
    assertThat(m.results().found(fresh.out())).isEqualTo(fresh.found(fresh.out()));
    assertThat(m.results().selected()).isEqualTo(fresh.selected());
    assertThat(m.results().selectedLoss()).isEqualTo(fresh.selectedLoss()).isFinite();
    assertThat(m.results().statistics().subsets()).isEqualTo(12);
    EstimateInputs inputs = Json.JSON.treeToValue(m.inputs(), EstimateInputs.class);
    assertThat(inputs.settings()).isEqualTo(stage.settings());
    assertThat(inputs.settings().subsets()).isEqualTo(12);
    assertThat(inputs.key()).isEqualTo(stage.key());
    // the result is recorded snake_case, without the output directory or the reused flag
    JsonNode results = Json.JSON.readTree(fresh.out().resolve(StageManifest.FILE).toFile());
    assertThat(results.path("results").has("selected_loss")).isTrue();
    assertThat(results.path("results").has("out")).isFalse();
    assertThat(results.path("results").has("reused")).isFalse();
    assertThat(results.path("inputs").path("settings").path("defaultNormCap").asDouble())
        .isEqualTo(0.1);
  }

  @Test
  void secondRunWithTheSameSettingsIsReusedWithTheSameMetrics() throws Exception {
    EstimateSubsetsResult fresh = stage("resume", 12).call();
    Path selection = fresh.out().resolve(SelectionFile.FILE);
    FileTime written = Files.getLastModifiedTime(selection);
    Files.setLastModifiedTime(selection, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

    EstimateSubsetsRun again = stage("resume", 12);
    assertThat(again.completed()).isPresent();
    EstimateSubsetsResult reused = again.call();
    assertThat(reused.reused()).isTrue();
    assertThat(reused.metrics()).isEqualTo(fresh.metrics());
    assertThat(reused.metrics()).containsKeys("estimated_loss_selected", "estimator_subsets");
    assertThat(reused.selected()).isEqualTo(fresh.selected());
    assertThat(reused.sampling()).isEqualTo(fresh.sampling());
    // nothing was rewritten
    assertThat(Files.getLastModifiedTime(selection)).isNotEqualTo(written);
  }

  @Test
  void aChangedSettingIsRecomputed() throws Exception {
    EstimateSubsetsResult first = stage("changed", 12).call();
    EstimateSubsetsRun changed = stage("changed", 10);
    assertThat(changed.key()).isNotEqualTo(stage("changed", 12).key());
    assertThat(changed.completed()).isEmpty();
    EstimateSubsetsResult second = changed.call();
    assertThat(second.reused()).isFalse();
    assertThat(first.statistics().subsets()).isEqualTo(12);
    assertThat(second.statistics().subsets()).isEqualTo(10);
    assertThat(StageManifest.read(second.out(), EstimateSubsetsResult.class).key())
        .isEqualTo(changed.key());
  }

  @Test
  void aManifestOfTheUntypedFormat1IsRecomputedNotReused() throws Exception {
    EstimateSubsetsResult fresh = stage("format1", 12).call();
    Path file = fresh.out().resolve(StageManifest.FILE);
    // what the code before the typed manifest wrote: the same key and digests, format 1, "runKey"
    ObjectNode old = (ObjectNode) Json.JSON.readTree(file.toFile());
    old.put("formatVersion", 1);
    old.set("runKey", old.remove("key"));
    old.remove("results");
    Files.writeString(file, Json.PRETTY.writeValueAsString(old) + "\n");

    EstimateSubsetsRun again = stage("format1", 12);
    assertThat(again.completed()).isEmpty();
    EstimateSubsetsResult recomputed = again.call();
    assertThat(recomputed.reused()).isFalse();
    assertThat(recomputed.metrics()).isEqualTo(fresh.metrics());
    StageManifest<EstimateSubsetsResult> m =
        StageManifest.read(recomputed.out(), EstimateSubsetsResult.class);
    assertThat(m.formatVersion()).isEqualTo(StageManifest.FORMAT_VERSION);
    assertThat(m.key()).isEqualTo(again.key());
  }
}
