package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {
  @Test
  void versionComesFromTheFilteredBuildResource() {
    assertThat(Version.get()).isNotBlank().isNotEqualTo("unknown").doesNotContain("${");
  }
}
