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

  private static final EstimatedSubset BEST_C = new EstimatedSubset(-1, List.of("c"), 0.42);

  private static List<EstimatedSubset> sampledOf(List<FidelityPlan.Planned> planned) {
    return planned.stream()
        .filter(p -> p.kind().equals(FidelityCheck.SAMPLED))
        .map(FidelityPlan.Planned::subset)
        .toList();
  }

  @Test
  void defaultPlanIsTargetAloneBestSingleSourceThenSampledSubsetsSpreadOverFhat() {
    List<FidelityPlan.Planned> plan =
        FidelityPlan.pick(sampled(), RunConfig.DEFAULT_FIDELITY_SUBSETS, 7, List.of(), 0.9, BEST_C);
    assertThat(plan).hasSize(5);
    assertThat(plan.get(0).kind()).isEqualTo(FidelityPlan.TARGET_ONLY);
    assertThat(plan.get(0).id()).isEqualTo("target-only");
    assertThat(plan.get(0).subset().members()).isEmpty();
    assertThat(plan.get(0).subset().estimatedLoss()).isEqualTo(0.9);
    assertThat(plan.get(1).kind()).isEqualTo(FidelityPlan.BEST_SINGLE);
    assertThat(plan.get(1).subset()).isEqualTo(BEST_C);
    List<EstimatedSubset> strata = sampledOf(plan);
    assertThat(strata).hasSize(3);
    assertThat(plan.subList(2, 5))
        .extracting(FidelityPlan.Planned::id)
        .allMatch(id -> id.startsWith("subset-"));
    // 28 distinct subsets in 3 strata of ranks [0, 9), [9, 18), [18, 28).
    assertThat(strata.get(0).estimatedLoss()).isLessThan(0.5 + 10 * 0.01);
    assertThat(strata.get(2).estimatedLoss()).isGreaterThan(0.5 + 18 * 0.01);
    assertThat(strata)
        .extracting(EstimatedSubset::estimatedLoss)
        .isSortedAccordingTo(Double::compare);
    assertThat(plan).isEqualTo(FidelityPlan.pick(sampled(), 5, 7, List.of(), 0.9, BEST_C));
  }

  @Test
  void fixedPointsAlreadyFineTunedAreNotRepeatedAndTheirPlaceGoesToSampledSubsets() {
    // The selection is {c}: the best single source is a free point already.
    List<FidelityPlan.Planned> plan =
        FidelityPlan.pick(sampled(), 5, 7, List.of(List.of("c")), 0.9, BEST_C);
    assertThat(plan).hasSize(5);
    assertThat(plan)
        .extracting(FidelityPlan.Planned::kind)
        .doesNotContain(FidelityPlan.BEST_SINGLE);
    assertThat(plan.get(0).kind()).isEqualTo(FidelityPlan.TARGET_ONLY);
    assertThat(sampledOf(plan)).hasSize(4);
  }

  @Test
  void leavesOutSubsetsAlreadyFineTunedAndRepeatsAndNeverPicksMoreThanThereAre() {
    List<FidelityPlan.Planned> all =
        FidelityPlan.pick(
            sampled(), 100, 1, List.of(List.of("b", "a"), List.of("a", "x0", "b")), 0.9, BEST_C);
    // target alone, {c}, and 28 distinct sampled minus {a,b} and {a,b,x0}
    assertThat(all).hasSize(2 + 28 - 1 - 1);
    assertThat(sampledOf(all))
        .noneMatch(s -> s.members().containsAll(List.of("a", "b")) && s.members().size() == 2);
    assertThat(FidelityPlan.pick(sampled(), 0, 1, List.of(), 0.9, BEST_C)).isEmpty();
    assertThat(FidelityPlan.pick(sampled(), 1, 1, List.of(), 0.9, BEST_C))
        .extracting(FidelityPlan.Planned::kind)
        .containsExactly(FidelityPlan.TARGET_ONLY);
  }
}
