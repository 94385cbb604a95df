package dev.gradex.tracking.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ChampionRuleTest {
  @Test
  void firstVersionBecomesChampion() {
    assertThat(ChampionRule.aliasFor(2.5, Optional.empty(), OptionalDouble.empty()))
        .isEqualTo("champion");
  }

  @Test
  void strictlyLowerLossTakesChampion() {
    assertThat(ChampionRule.aliasFor(1.25, Optional.of("3"), OptionalDouble.of(1.5)))
        .isEqualTo("champion");
  }

  @Test
  void equalLossGetsChallenger() {
    assertThat(ChampionRule.aliasFor(1.5, Optional.of("3"), OptionalDouble.of(1.5)))
        .isEqualTo("challenger");
  }

  @Test
  void higherLossGetsChallenger() {
    assertThat(ChampionRule.aliasFor(1.75, Optional.of("3"), OptionalDouble.of(1.5)))
        .isEqualTo("challenger");
  }

  @Test
  void championWithUnknownLossKeepsAliasAndNewVersionGetsChallenger() {
    assertThat(ChampionRule.aliasFor(0.1, Optional.of("3"), OptionalDouble.empty()))
        .isEqualTo("challenger");
  }

  @Test
  void nanLossNeverBecomesChampion() {
    assertThat(ChampionRule.aliasFor(Double.NaN, Optional.empty(), OptionalDouble.empty()))
        .isEqualTo("challenger");
    assertThat(ChampionRule.aliasFor(Double.NaN, Optional.of("1"), OptionalDouble.of(9.0)))
        .isEqualTo("challenger");
  }

  @Test
  void nanChampionLossCountsAsUnknownSoNewVersionGetsChallenger() {
    assertThat(ChampionRule.aliasFor(0.5, Optional.of("1"), OptionalDouble.of(Double.NaN)))
        .isEqualTo("challenger");
  }
}
