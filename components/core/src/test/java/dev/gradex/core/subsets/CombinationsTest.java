package dev.gradex.core.subsets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.SplitMix64;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CombinationsTest {
  @Test
  void countIsTheBinomialCoefficientIncludingTheEdges() {
    assertThat(Combinations.count(10, 3, 1000)).isEqualTo(120);
    assertThat(Combinations.count(10, 7, 1000)).isEqualTo(120);
    assertThat(Combinations.count(5, 0, 1000)).isEqualTo(1);
    assertThat(Combinations.count(5, 5, 1000)).isEqualTo(1);
    assertThat(Combinations.count(5, 1, 1000)).isEqualTo(5);
    assertThat(Combinations.count(3, 4, 1000)).isZero();
    assertThat(Combinations.count(62, 31, Long.MAX_VALUE / 2)).isEqualTo(465428353255261088L);
  }

  @Test
  void countSaturatesJustAboveTheCapWithoutOverflowing() {
    assertThat(Combinations.count(10, 3, 120)).isEqualTo(120); // equal to the cap: exact
    assertThat(Combinations.count(10, 3, 100)).isEqualTo(101);
    assertThat(Combinations.count(200, 100, 1_000_000)).isEqualTo(1_000_001);
  }

  @Test
  void sampleDistinctShufflesTheFullListBeforeTakingThePrefix() {
    int[] pool = {2, 4, 6, 8, 10, 12};
    List<int[]> picked = Combinations.sampleDistinct(pool, 3, 20, new SplitMix64(5));
    assertThat(picked.stream().map(Arrays::toString).distinct()).hasSize(20);
    assertThat(picked).allSatisfy(s -> assertThat(s).hasSize(3).isSorted());

    List<int[]> five = Combinations.sampleDistinct(pool, 3, 5, new SplitMix64(5));
    assertThat(five.stream().map(Arrays::toString))
        .hasSize(5)
        .doesNotHaveDuplicates()
        .isNotEqualTo(List.of("[2, 4, 6]", "[2, 4, 8]", "[2, 4, 10]", "[2, 4, 12]", "[2, 6, 8]"));
  }
}
