package dev.gradex.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.estimate.EstimatedSubset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FidelityPlanTest {
  /** 30 sampled subsets over sources a..f, fhat rising with the index; every 10th repeats. */
  private static List<EstimatedSubset> sampled() {
    List<EstimatedSubset> out = new ArrayList<>();
    String[] names = {"a", "b", "c", "d", "e", "f"};
    for (int i = 0; i < 30; i++) {
      List<String> members =
          i % 10 == 9
              ? List.of("a", "b")
              : List.of(names[i % 6], names[(i / 6 + i % 6 + 1) % 6], "x" + i);
      out.add(new EstimatedSubset(i, members, 0.5 + i * 0.01));
    }
    return out;
  }

  @Test
  void picksOneDistinctSubsetPerRankStratumLowestFirstAndTheSameForTheSameSeed() {
    List<EstimatedSubset> picked = FidelityPlan.pick(sampled(), 3, 7, List.of());
    assertThat(picked).hasSize(3);
    assertThat(picked).isEqualTo(FidelityPlan.pick(sampled(), 3, 7, List.of()));
    // 28 distinct subsets in 3 strata of ranks [0, 9), [9, 18), [18, 28).
    assertThat(picked.get(0).estimatedLoss()).isLessThan(0.5 + 10 * 0.01);
    assertThat(picked.get(2).estimatedLoss()).isGreaterThan(0.5 + 18 * 0.01);
    assertThat(picked)
        .extracting(EstimatedSubset::estimatedLoss)
        .isSortedAccordingTo(Double::compare);
  }

  @Test
  void leavesOutSubsetsAlreadyFineTunedAndRepeatsAndNeverPicksMoreThanThereAre() {
    List<EstimatedSubset> all =
        FidelityPlan.pick(sampled(), 100, 1, List.of(List.of("b", "a"), List.of("a", "x0", "b")));
    assertThat(all).hasSize(28 - 1 - 1); // 28 distinct, minus {a,b} and {a,b,x0}
    assertThat(all)
        .noneMatch(s -> s.members().containsAll(List.of("a", "b")) && s.members().size() == 2);
    assertThat(FidelityPlan.pick(sampled(), 0, 1, List.of())).isEmpty();
  }
}
