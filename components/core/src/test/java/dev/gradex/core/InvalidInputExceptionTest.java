package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {
  @Test
  void messageJoinsSubjectAndDetailWhichStayApart() {
    InvalidInputException e = new InvalidInputException("--alpha", "must be in (0, 1]");
    assertThat(e).hasMessage("--alpha: must be in (0, 1]");
    assertThat(e.subject()).isEqualTo("--alpha");
    assertThat(e.detail()).isEqualTo("must be in (0, 1]");
  }
}
