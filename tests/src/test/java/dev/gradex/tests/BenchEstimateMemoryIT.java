package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gradex bench estimate-memory} at a small size: both child JVMs run, and it reports each
 * one's peak RSS and wall time and the store's size (the 2,000,000 x 200 figure is in
 * BENCHMARKS.md).
 */
class BenchEstimateMemoryIT {
  @TempDir Path dir;

  @Test
  void smallStoreReportsThePeakRssAndWallTimeOfBothChildren() throws Exception {
    Cli.Outcome o =
        Cli.run(
            "bench",
            "estimate-memory",
            "--examples",
            "4000",
            "--dim",
            "16",
            "--tasks",
            "10",
            "--subsets",
            "40",
            "--heap",
            "256m",
            "--work",
            dir.toString());
    assertThat(o.exitCode()).as(o.stderr()).isZero();
    JsonNode figures = new ObjectMapper().readTree(o.stdout());
    assertThat(figures.path("heap").asText()).isEqualTo("256m");
    // 4,000 train rows of 16 floats at least
    assertThat(figures.path("store_bytes").asLong()).isGreaterThan(4000L * 16 * 4);
    for (String step : new String[] {"synth_store", "estimate_subsets"}) {
      assertThat(figures.path(step).path("peak_rss_mib").asLong()).as(step).isPositive();
      assertThat(figures.path(step).path("wall_s").asDouble()).as(step).isPositive();
    }
    assertThat(dir.resolve("store")).as("removed without --keep").doesNotExist();
  }

  @Test
  void aHeapThatIsNotAJvmSizeIsRefusedNamingIt() {
    Cli.Outcome o = Cli.run("bench", "estimate-memory", "--heap", "lots");
    assertThat(o.exitCode()).isEqualTo(2);
    assertThat(o.stderr()).contains("--heap lots is not a JVM size");
  }
}
