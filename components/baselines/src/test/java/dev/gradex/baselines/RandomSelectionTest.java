package dev.gradex.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The random baseline: a seeded draw of exactly {@code count} distinct sources. */
class RandomSelectionTest {
  @TempDir Path dir;

  private BaselineInputs run() throws Exception {
    TinyRun r = new TinyRun().target(TinyRun.text("t")).validation(TinyRun.text("v"));
    for (int i = 0; i < 8; i++) {
      r.source("s" + i, TinyRun.text("x" + i));
    }
    return r.write(dir);
  }

  @Test
  void theSameSeedDrawsTheSameSourcesAndEachDrawHasCountDistinctSources() throws Exception {
    BaselineInputs in = run();
    Set<List<String>> draws = new HashSet<>();
    for (long seed = 0; seed < 10; seed++) {
      BaselineSelection a = Baselines.select(SelectionMethod.RANDOM, in, 3, seed);
      BaselineSelection b = Baselines.select(SelectionMethod.RANDOM, in, 3, seed);
      assertThat(a).isEqualTo(b);
      assertThat(a.selected()).hasSize(3).doesNotHaveDuplicates().isSubsetOf(in.sourceNames());
      assertThat(a.ranking()).hasSize(8);
      assertThat(a.seed()).isEqualTo(seed);
      draws.add(a.selected());
    }
    // ten seeds over C(8,3) = 56 subsets: they do not all draw the same one
    assertThat(draws).hasSizeGreaterThan(5);
  }

  @Test
  void countZeroAndCountAllAreAllowed() throws Exception {
    BaselineInputs in = run();
    assertThat(Baselines.select(SelectionMethod.RANDOM, in, 0, 1).selected()).isEmpty();
    assertThat(Baselines.select(SelectionMethod.RANDOM, in, 8, 1).selected())
        .containsExactlyInAnyOrderElementsOf(in.sourceNames());
  }
}
