package dev.gradex.cli.bench.paper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.fidelity.FidelityReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static ProblemResult.Quality loss(double mean) {
    return new ProblemResult.Quality(
        new Spread(mean, 0, 1), new Spread(Double.NaN, Double.NaN, 0), List.of(3));
  }

  private static ProblemResult result(
      double rss, double rho, double auroc, Map<String, ProblemResult.Quality> q) {
    return new ProblemResult(
        "p",
        4,
        new FidelityReport(10, rss, rho, rho),
        List.of(),
        10,
        1000,
        CostModel.of(10, 1, 1, 1000, 1000, 1, 1, 3, 4), // 13 s against 1000 s: 76.9x
        q,
        auroc,
        List.of(auroc),
        List.of(),
        null,
        Map.of(),
        Map.of());
  }

  @Test
  void missedTargetsSayWhyAndMetOnesShowTheFigure() {
    Map<String, ProblemResult.Quality> q = new LinkedHashMap<>();
    q.put("gradex", loss(0.30));
    q.put("less", loss(0.25));
    q.put("dsir", loss(0.40));
    List<Targets.Check> checks = Targets.check(result(0.02, 0.9, 0.8, q));
    assertThat(checks)
        .extracting(Targets.Check::met)
        .containsExactly(false, true, true, false, false);
    assertThat(checks.get(0).reason()).isEqualTo("relative RSS 0.0200 over 10 subsets");
    assertThat(checks.get(2).reason()).isEqualTo("speedup 76.9x (extrapolated)");
    assertThat(checks.get(4).reason()).isEqualTo("GradEx 0.3000 not ahead of less 0.2500");
  }

  @Test
  void withoutSimilarityBaselinesTheQualityTargetIsNotMeasured() {
    Map<String, ProblemResult.Quality> q = Map.of("gradex", loss(0.3));
    Targets.Check last = Targets.check(result(0.001, 0.9, 1.0, q)).get(4);
    assertThat(last.met()).isFalse();
    assertThat(last.reason()).startsWith("not measured");
  }

  private static ProblemResult.Quality spread(double mean, double std) {
    return new ProblemResult.Quality(
        new Spread(mean, std, 3), new Spread(Double.NaN, Double.NaN, 0), List.of(3));
  }

  @Test
  void gradexIsWithinNoiseOfRealFineTuningWhenTheGapIsAtMostItsSpreadOverSeeds() {
    Map<String, ProblemResult.Quality> q = new LinkedHashMap<>();
    q.put("gradex", spread(0.32, 0.03));
    q.put("real_fine_tuning", loss(0.30));
    Targets.Check within = Targets.check(result(0.001, 0.9, 1.0, q)).get(4);
    assertThat(within.target()).isEqualTo("GradEx within noise of selection by real fine-tuning");
    assertThat(within.met()).isTrue();
    assertThat(within.reason()).contains("gap 0.0200", "spread over seeds 0.0300");
    q.put("gradex", spread(0.36, 0.03));
    assertThat(Targets.check(result(0.001, 0.9, 1.0, q)).get(4).met()).isFalse();
    // ahead of real fine-tuning is within noise too
    q.put("gradex", spread(0.25, 0.0));
    assertThat(Targets.check(result(0.001, 0.9, 1.0, q)).get(4).met()).isTrue();
  }
}
