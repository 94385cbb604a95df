package dev.gradex.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.projection.ParameterBlock;
import dev.gradex.core.projection.ParameterLayout;
import dev.gradex.core.projection.RademacherProjector;
import dev.gradex.core.store.StoreManifest.Digests;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed version-1 store in {@code src/test/resources/store/v1-tiny} must stay readable with
 * the same values, and the writer must keep producing it byte for byte. If a format change is
 * deliberate, bump {@link StoreManifest#FORMAT_VERSION}, keep reading v1, and add a v2 golden
 * (regenerate with {@code -Dgradex.regenerateGolden=true -Dtest=GoldenStoreTest}).
 */
class GoldenStoreTest {
  private static final List<String> FILES =
      List.of(
          "manifest.json",
          "train.features.f32",
          "train.offsets.f32",
          "train.tasks.i32",
          "train.tokens.i32",
          "train.ids.txt",
          "validation.features.f32",
          "validation.offsets.f32",
          "validation.tasks.i32",
          "validation.tokens.i32",
          "validation.ids.txt");
  private static final float[][] TRAIN = {
    {0.5f, 0f, 0f, 1f},
    {1.5f, -1f, 0.125f, 0f},
    {2.5f, -2f, 0.25f, -1f},
    {3.5f, -3f, 0.375f, -2f},
    {4.5f, -4f, 0.5f, -3f}
  };
  private static final String[] TRAIN_TASKS = {"target", "aux", "aux", "target", "aux"};
  private static final float[] TRAIN_OFFSETS = {-0.5f, 0.25f, 1f, -1.5f, 2f};
  private static final int[] TRAIN_TOKENS = {3, 1, 4, 1, 5};
  private static final float[][] VALIDATION = {{1f, 2f, 3f, 4f}, {-4f, -3f, -2f, -1f}};

  @TempDir Path tmp;

  static void writeGolden(Path dir) {
    ParameterLayout layout =
        ParameterLayout.of(
            ParameterBlock.of("q.lora_A", 2, 3), ParameterBlock.of("q.lora_B", 3, 2));
    try (GradientStoreWriter w =
        GradientStoreWriter.builder()
            .setDirectory(dir)
            .setProjector(new RademacherProjector(7, 4, layout))
            .setTasks(List.of("target", "aux"))
            .optTargetTask("target")
            .optAdapterNorm(2.0)
            .optDigests(
                new Digests(
                    "sha256:model",
                    "sha256:adapter",
                    Map.of("target", "sha256:t", "aux", "sha256:a")))
            .optCodeVersion("golden-v1")
            .build()) {
      for (int i = 0; i < TRAIN.length; i++) {
        w.append(
            Split.TRAIN,
            TRAIN_TASKS[i],
            "g-train-" + i,
            TRAIN_OFFSETS[i],
            TRAIN_TOKENS[i],
            TRAIN[i]);
      }
      w.append(Split.VALIDATION, "target", "g-val-0", 0.75f, 9, VALIDATION[0]);
      w.append(Split.VALIDATION, "target", "g-val-1", -0.25f, 2, VALIDATION[1]);
      w.commit();
    }
  }

  private static Path golden() throws URISyntaxException {
    return Path.of(GoldenStoreTest.class.getResource("/store/v1-tiny/manifest.json").toURI())
        .getParent();
  }

  @Test
  @Tag("dev")
  @EnabledIfSystemProperty(named = "gradex.regenerateGolden", matches = "true")
  void regenerateGolden() {
    Path dir = Path.of("src/test/resources/store/v1-tiny");
    dev.gradex.core.AtomicFiles.deleteTree(dir);
    writeGolden(dir);
  }

  @Test
  void goldenV1_opensWithExactValuesAndManifestFields() throws Exception {
    try (GradientStore s = GradientStore.open(golden())) {
      StoreManifest m = s.manifest();
      assertThat(m.kind()).isEqualTo("gradient-store");
      assertThat(m.formatVersion()).isEqualTo(1);
      assertThat(m.projector())
          .isEqualTo(new StoreManifest.Projector("rademacher-philox4x32-10", 7, 4));
      assertThat(m.parameterLayout().parameterCount()).isEqualTo(12);
      assertThat(m.parameterLayout().blocks())
          .extracting(ParameterBlock::name)
          .containsExactly("q.lora_A", "q.lora_B");
      assertThat(m.adapterNorm()).isEqualTo(2.0);
      assertThat(m.digests().data())
          .containsExactly(Map.entry("aux", "sha256:a"), Map.entry("target", "sha256:t"));
      assertThat(m.targetTask()).isEqualTo("target");
      assertThat(m.tasks())
          .containsExactly(new StoreManifest.Task("target", 2), new StoreManifest.Task("aux", 3));
      assertThat(m.shard()).isEqualTo(new StoreManifest.Shard(0, 1));
      assertThat(m.mergedFrom()).isNull();
      assertThat(m.codeVersion()).isEqualTo("golden-v1");
      assertThat(s.size(Split.TRAIN)).isEqualTo(5);
      assertThat(s.size(Split.VALIDATION)).isEqualTo(2);
      float[] row = new float[4];
      s.readRow(Split.TRAIN, 2, row, 0);
      assertThat(row).containsExactly(2.5f, -2f, 0.25f, -1f);
      s.readRow(Split.VALIDATION, 1, row, 0);
      assertThat(row).containsExactly(-4f, -3f, -2f, -1f);
      assertThat(s.offset(Split.TRAIN, 3)).isEqualTo(-1.5f);
      assertThat(s.tokens(Split.TRAIN, 4)).isEqualTo(5);
      assertThat(s.taskIndex(Split.TRAIN, 1)).isEqualTo(1);
      assertThat(s.offset(Split.VALIDATION, 0)).isEqualTo(0.75f);
      assertThat(s.ids(Split.TRAIN))
          .containsExactly("g-train-0", "g-train-1", "g-train-2", "g-train-3", "g-train-4");
      ExampleBlock aux = s.blocks(1 << 20).block(1);
      assertThat(aux.features())
          .containsExactly(1.5f, -1f, 0.125f, 0f, 2.5f, -2f, 0.25f, -1f, 4.5f, -4f, 0.5f, -3f);
    }
  }

  @Test
  void writingTheGoldenInputsAgain_reproducesEveryFileByteForByte() throws Exception {
    writeGolden(tmp);
    for (String f : FILES) {
      assertThat(Files.readAllBytes(tmp.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(golden().resolve(f)));
    }
  }

  @Test
  void goldenManifest_hasTheDocumentedFieldOrder() throws IOException, URISyntaxException {
    String json = Files.readString(golden().resolve("manifest.json"));
    List<String> fields =
        List.of(
            "\"kind\"",
            "\"formatVersion\"",
            "\"dim\"",
            "\"projector\"",
            "\"parameterLayout\"",
            "\"adapterNorm\"",
            "\"digests\"",
            "\"targetTask\"",
            "\"tasks\"",
            "\"splits\"",
            "\"shard\"",
            "\"codeVersion\"");
    int at = -1;
    for (String f : fields) {
      int next = json.indexOf(f, at + 1);
      assertThat(next).as(f).isGreaterThan(at);
      at = next;
    }
  }
}
