package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {
  @Test
  void messageJoinsSubjectAndDetailWhichStayApart() {
    InvalidInputException e = new InvalidInputException("alpha", "must be in (0, 1]");
    assertThat(e).hasMessage("alpha: must be in (0, 1]");
    assertThat(e.subject()).isEqualTo("alpha");
    assertThat(e.detail()).isEqualTo("must be in (0, 1]");
  }

  @Test
  void renamedMapsSubjectNamesAndTheNameStartingEachProblemOnly() {
    InvalidInputException e =
        new InvalidInputException(
            "lambda, maxIterations, adapterNorm",
            "lambda must be > 0, got 0.0; maxIterations must be >= 1, got 0;"
                + " adapterNorm must be > 0, got -1.0");
    InvalidInputException r =
        e.renamed(Map.of("lambda", "--lambda", "maxIterations", "--max-iterations"));
    assertThat(r)
        .hasMessage(
            "--lambda, --max-iterations, adapterNorm: --lambda must be > 0, got 0.0;"
                + " --max-iterations must be >= 1, got 0; adapterNorm must be > 0, got -1.0");
    assertThat(r.subject()).isEqualTo("--lambda, --max-iterations, adapterNorm");
  }

  @Test
  void renamedLeavesWordsInsideAProblemAndUnknownSubjectsAlone() {
    InvalidInputException e =
        new InvalidInputException("train.f32", "the lambda of this store is unknown");
    assertThat(e.renamed(Map.of("lambda", "--lambda"))).isSameAs(e);
    InvalidInputException clusters =
        new InvalidInputException("clusters", "5 clusters requested but there are 3 non-zero rows");
    assertThat(clusters.renamed(Map.of("clusters", "--pseudo-tasks")))
        .hasMessage("--pseudo-tasks: 5 clusters requested but there are 3 non-zero rows");
  }
}
