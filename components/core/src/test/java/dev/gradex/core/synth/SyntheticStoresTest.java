package dev.gradex.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.store.GradientStore;
import dev.gradex.core.store.Split;
import dev.gradex.core.store.StoreManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticStoresTest {
  @Test
  void writtenStoreHoldsEveryRowOfTheProblemAndReportsProgressUpToTheTotal(@TempDir Path dir) {
    // Over 10,000 training rows, so progress is reported once in steps and once for the rest.
    SyntheticProblem p =
        SyntheticProblem.builder()
            .setSeed(3)
            .setDim(2)
            .setExamples(10_050)
            .setTasks(3)
            .setHelpful(1)
            .build();
    List<Long> progress = new ArrayList<>();
    StoreManifest manifest = SyntheticStores.write(p, dir, progress::add);

    assertThat(progress)
        .containsExactly(10_000L, (long) p.trainRows() - 10_000 + p.validationRows());
    assertThat(manifest.taskNames()).containsExactly("src-000", "src-001", "src-002", "target");
    try (GradientStore store = GradientStore.open(dir)) {
      assertThat(store.size(Split.TRAIN)).isEqualTo(p.trainRows());
      assertThat(store.size(Split.VALIDATION)).isEqualTo(p.validationRows());
      assertThat(store.targetTask()).isEqualTo(3);
      assertThat(store.blocks(0).targetTask()).isEqualTo(3); // mapped
      assertThat(store.blocks(1L << 30).targetTask()).isEqualTo(3); // on the heap
      float[] x = new float[2];
      for (int i : new int[] {0, 1674, 1675, 11_724}) {
        SyntheticProblem.Row row = p.trainRow(i);
        store.readRow(Split.TRAIN, i, x, 0);
        assertThat(x).as("row %d", i).containsExactly(row.features());
        assertThat(store.id(Split.TRAIN, i)).isEqualTo(row.id());
        assertThat(store.taskIndex(Split.TRAIN, i)).isEqualTo(row.task());
        assertThat(store.offset(Split.TRAIN, i)).isEqualTo(row.offset());
        assertThat(store.tokens(Split.TRAIN, i)).isEqualTo(row.tokens());
      }
      int last = p.validationRows() - 1;
      store.readRow(Split.VALIDATION, last, x, 0);
      assertThat(x).containsExactly(p.validationRow(last).features());
      assertThat(store.id(Split.VALIDATION, last)).isEqualTo("validation/" + last);
    }
  }
}
