package dev.gradex.cli.bench.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FineTuneCacheTest {
  @Test
  void theKeyDependsOnTheMemberSetSeedAndBudgetOnly() {
    String ab = FineTuneCache.key(new TreeSet<>(Set.of("a", "b")), 7, 320);
    assertThat(FineTuneCache.key(new TreeSet<>(Set.of("b", "a")), 7, 320)).isEqualTo(ab);
    assertThat(FineTuneCache.key(new TreeSet<>(Set.of("a", "b")), 8, 320)).isNotEqualTo(ab);
    assertThat(FineTuneCache.key(new TreeSet<>(Set.of("a", "b")), 7, 321)).isNotEqualTo(ab);
    assertThat(FineTuneCache.key(new TreeSet<>(Set.of("a")), 7, 320)).isNotEqualTo(ab);
  }
}
