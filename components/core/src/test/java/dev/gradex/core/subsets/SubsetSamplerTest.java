package dev.gradex.core.subsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubsetSamplerTest {
  private static final int[] TWENTY = IntStream.range(0, 20).toArray();

  private static SubsetSampler sampler(double alpha, int count, long seed) {
    return SubsetSampler.builder().optAlpha(alpha).optCount(count).optSeed(seed).build();
  }

  @Test
  void sameSeedGivesIdenticalList() {
    List<int[]> a = sampler(0.5, 50, 3).sample(TWENTY);
    List<int[]> b = sampler(0.5, 50, 3).sample(TWENTY);
    assertThat(a).usingElementComparator(Arrays::compare).containsExactlyElementsOf(b);
  }

  @Test
  void differentSeedGivesDifferentList() {
    List<int[]> a = sampler(0.5, 50, 3).sample(TWENTY);
    List<int[]> b = sampler(0.5, 50, 4).sample(TWENTY);
    assertThat(a).usingElementComparator(Arrays::compare).isNotEqualTo(b);
  }

  @Test
  void eachSubsetHasFloorAlphaNDistinctSortedMembersFromTheCandidates() {
    int[] candidates = {40, 3, 17, 8, 25, 11, 30};
    List<int[]> subsets = sampler(0.6, 30, 1).sample(candidates);
    Set<Integer> allowed = new HashSet<>(Arrays.stream(candidates).boxed().toList());
    assertThat(subsets).hasSize(30);
    for (int[] s : subsets) {
      assertThat(s).hasSize(4).isSorted().doesNotHaveDuplicates();
      assertThat(Arrays.stream(s).boxed().toList()).allMatch(allowed::contains);
    }
  }

  @Test
  void inclusionFrequencyOfEveryTaskIsAlphaWithinFourSigma() {
    int m = 2000;
    List<int[]> subsets = sampler(0.5, m, 11).sample(TWENTY);
    int[] counts = new int[20];
    subsets.forEach(s -> Arrays.stream(s).forEach(t -> counts[t]++));
    double sigma = Math.sqrt(m * 0.5 * 0.5);
    for (int t = 0; t < 20; t++) {
      assertThat(Math.abs(counts[t] - m * 0.5)).as("task %d", t).isLessThan(4 * sigma);
    }
  }

  @Test
  void subsetsAreDistinctWhenEnoughCombinationsExist() {
    // C(20, 10) = 184756: rejection path.
    assertThat(distinct(sampler(0.5, 2000, 5).sample(TWENTY))).isEqualTo(2000);
    // C(8, 4) = 70 >= 60: enumeration path, nearly every subset needed.
    assertThat(distinct(sampler(0.5, 60, 5).sample(IntStream.range(0, 8).toArray()))).isEqualTo(60);
    // C(6, 3) = 20 == m: all of them.
    assertThat(distinct(sampler(0.5, 20, 5).sample(IntStream.range(0, 6).toArray()))).isEqualTo(20);
  }

  @Test
  void everySubsetExactlyOnceWhenFewerCombinationsThanSubsets() {
    // C(8, 4) = 70 <= 1000: enumerate, so no subset is estimated twice.
    int[] eight = IntStream.range(0, 8).toArray();
    SubsetSampler s = sampler(0.5, 1000, 5);
    List<int[]> subsets = s.sample(eight);
    assertThat(subsets).hasSize(70);
    assertThat(distinct(subsets)).isEqualTo(70);
    assertThat(s.enumerates(8)).isTrue();
    assertThat(s.subsetCount(8)).isEqualTo(70);
    assertThat(sampler(0.5, 30, 5).sample(new int[] {0, 1, 2, 3})).hasSize(6);
  }

  @Test
  void enumerationIsShuffledDeterministicallyBySeed() {
    int[] eight = IntStream.range(0, 8).toArray();
    List<int[]> a = sampler(0.5, 1000, 5).sample(eight);
    assertThat(a)
        .usingElementComparator(Arrays::compare)
        .containsExactlyElementsOf(sampler(0.5, 1000, 5).sample(eight))
        .isNotEqualTo(sampler(0.5, 1000, 6).sample(eight));
    // Not lexicographic: the first subsets (the fast-path sample) must not all share task 0.
    assertThat(a.subList(0, 10).stream().allMatch(x -> x[0] == 0)).isFalse();
  }

  @Test
  void samplingDoesNotEnumerateWhenCombinationsExceedSubsets() {
    assertThat(sampler(0.5, 69, 5).enumerates(8)).isFalse();
    assertThat(sampler(0.5, 69, 5).subsetCount(8)).isEqualTo(69);
    assertThat(sampler(0.5, 70, 5).enumerates(8)).isTrue();
  }

  @Test
  void firstSubsetForSeedSevenIsPinned() {
    // Golden value, also reproduced by an independent Python SplitMix64 + partial Fisher-Yates:
    // if it changes, persisted subset lists can no longer be re-derived from their seed.
    List<int[]> subsets = sampler(0.5, 1000, 7).sample(TWENTY);
    assertThat(subsets.get(0)).containsExactly(GOLDEN_SEED_7);
  }

  private static final int[] GOLDEN_SEED_7 = {1, 3, 4, 8, 11, 12, 16, 17, 18, 19};

  @Test
  void alphaZeroIsRejectedNamingTheField() {
    assertThatThrownBy(() -> sampler(0, 10, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("alpha: alpha = 0.0 is outside (0, 1], e.g. use 0.5")
        .extracting(e -> ((InvalidInputException) e).subject())
        .isEqualTo("alpha");
  }

  @Test
  void alphaAboveOneIsRejectedNamingTheField() {
    assertThatThrownBy(() -> sampler(1.5, 10, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1.5")
        .extracting(e -> ((InvalidInputException) e).subject())
        .isEqualTo("alpha");
  }

  @Test
  void zeroSubsetsIsRejectedNamingTheField() {
    assertThatThrownBy(() -> sampler(0.5, 0, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("subsets: subsets = 0 must be at least 1, e.g. 1000")
        .extracting(e -> ((InvalidInputException) e).subject())
        .isEqualTo("subsets");
  }

  @Test
  void bothBadFieldsAreReportedAtOnceAndNoFlagIsNamed() {
    assertThatThrownBy(() -> sampler(2, 0, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "alpha, subsets: alpha = 2.0 is outside (0, 1], e.g. use 0.5;"
                + " subsets = 0 must be at least 1, e.g. 1000")
        .hasMessageNotContaining("--");
  }

  @Test
  void alphaTooSmallForTheTaskCountSaysWhichAlphaWouldWork() {
    assertThatThrownBy(() -> sampler(0.2, 10, 1).sample(new int[] {0, 1, 2, 3}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "alpha: 0.2 picks floor(0.2 x 4) = 0 of 4 tasks, so no subset holds a task: use at"
                + " least 0.250000")
        .extracting(e -> ((InvalidInputException) e).subject())
        .isEqualTo("alpha");
  }

  @Test
  void requireSubsetSizeChecksTheTaskCountWithoutSampling() {
    assertThat(sampler(0.5, 10, 1).requireSubsetSize(7)).isEqualTo(3);
    assertThat(sampler(0.29, 10, 1).requireSubsetSize(100)).isEqualTo(29);
    assertThatThrownBy(() -> sampler(0.1, 10, 1).requireSubsetSize(9))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("0 of 9 tasks")
        .hasMessageContaining("use at least 0.111111");
  }

  @Test
  void noCandidatesIsRejected() {
    assertThatThrownBy(() -> sampler(0.5, 10, 1).sample(new int[0]))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no candidate tasks");
  }

  @Test
  void candidateListedTwiceIsRejected() {
    assertThatThrownBy(() -> sampler(0.5, 10, 1).sample(new int[] {3, 1, 3}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("candidate task 3 listed twice");
  }

  @Test
  void singleCandidateIsEnoughWhenAlphaPicksIt() {
    // C(1, 1) = 1 <= 3 requested: the one subset is enumerated once, not repeated.
    assertThat(sampler(1.0, 3, 1).sample(new int[] {7}))
        .singleElement()
        .satisfies(s -> assertThat(s).containsExactly(7));
  }

  @Test
  void settingsAreReadBackAsBuilt() {
    SubsetSampler s = sampler(0.3, 17, 99);
    assertThat(s.alpha()).isEqualTo(0.3);
    assertThat(s.count()).isEqualTo(17);
    assertThat(s.seed()).isEqualTo(99);
  }

  @Test
  void subsetSizeIsNotLoweredByBinaryRounding() {
    assertThat(sampler(0.29, 1, 1).subsetSize(100)).isEqualTo(29);
    assertThat(sampler(0.5, 1, 1).subsetSize(7)).isEqualTo(3);
  }

  @Test
  void alphaOneGivesTheFullSetOnce() {
    List<int[]> subsets = sampler(1.0, 5, 1).sample(new int[] {4, 2, 9});
    assertThat(subsets).hasSize(1).allSatisfy(s -> assertThat(s).containsExactly(2, 4, 9));
  }

  private static int distinct(List<int[]> subsets) {
    return (int) subsets.stream().map(s -> Arrays.stream(s).boxed().toList()).distinct().count();
  }
}
