package dev.gradex.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
  @Test
  void logLinesAreSparseAndCarryRateAndEta() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong nanos = new AtomicLong();
    try (ProgressReporter p =
        new ProgressReporter(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), false, false, nanos::get)) {
      p.phase("stage 2/8: meta-train");
      // Resumed at 20 of 120: the rate counts only the steps done in this process.
      p.start("meta-train steps", 120, 20);
      for (int i = 0; i < 100; i++) {
        nanos.addAndGet(500_000_000L); // 2 steps/s
        p.step(1);
      }
    }
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines)
        .containsExactly(
            "gradex: stage 2/8: meta-train",
            "gradex: meta-train steps 20/120",
            "gradex: meta-train steps 32/120 (2.00/s, ETA 0:44)",
            "gradex: meta-train steps 44/120 (2.00/s, ETA 0:38)",
            "gradex: meta-train steps 56/120 (2.00/s, ETA 0:32)",
            "gradex: meta-train steps 68/120 (2.00/s, ETA 0:26)",
            "gradex: meta-train steps 80/120 (2.00/s, ETA 0:20)",
            "gradex: meta-train steps 92/120 (2.00/s, ETA 0:14)",
            "gradex: meta-train steps 104/120 (2.00/s, ETA 0:08)",
            "gradex: meta-train steps 116/120 (2.00/s, ETA 0:02)",
            "gradex: meta-train steps 120/120 (2.00/s, took 0:50)");
  }

  @Test
  void clockShowsHoursOnlyWhenNeeded() {
    assertThat(ProgressReporter.clock(75)).isEqualTo("1:15");
    assertThat(ProgressReporter.clock(3725)).isEqualTo("1:02:05");
  }
}
