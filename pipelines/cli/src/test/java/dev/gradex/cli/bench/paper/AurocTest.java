package dev.gradex.cli.bench.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AurocTest {
  @Test
  void threeOfFourHarmfulCleanPairsOrderedGiveThreeQuarters() {
    // pairs (h1,c1) 3>2, (h1,c2) 3>0.5, (h2,c1) 1<2, (h2,c2) 1>0.5: 3 of 4
    double auroc =
        Auroc.of(
            Map.of("h1", 3.0, "h2", 1.0, "c1", 2.0, "c2", 0.5),
            Set.of("h1", "h2"),
            Set.of("c1", "c2"));
    assertThat(auroc).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void everyHarmfulSourceScoredWorseThanEveryCleanOneIsOne() {
    assertThat(Auroc.of(Map.of("h", 5.0, "c1", 1.0, "c2", 2.0), Set.of("h"), Set.of("c1", "c2")))
        .isEqualTo(1.0);
  }

  @Test
  void aTieCountsOneHalf() {
    // (h,c1) tie 0.5, (h,c2) 2>1 1: 1.5 of 2
    assertThat(Auroc.of(Map.of("h", 2.0, "c1", 2.0, "c2", 1.0), Set.of("h"), Set.of("c1", "c2")))
        .isCloseTo(0.75, within(1e-12));
  }

  @Test
  void unscoredSourcesAreLeftOutAndAnEmptyClassIsNaN() {
    assertThat(Auroc.of(Map.of("h", 1.0, "c", 2.0), Set.of("h", "gone"), Set.of("c")))
        .isEqualTo(0.0);
    assertThat(Auroc.of(Map.of("c", 2.0), Set.of("gone"), Set.of("c"))).isNaN();
  }
}
