package dev.gradex.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.model.gradients.ExtractionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtractionMetricsTest {
  @Test
  void throughputIsWhatThisRunComputedAndEveryEventReachesTheUsersListener() {
    List<String> seen = new ArrayList<>();
    ExtractionMetrics m =
        new ExtractionMetrics(
            new ExtractionListener() {
              @Override
              public void started(long examples, int chunks, int done) {
                seen.add("started " + examples + " " + chunks + " " + done);
              }

              @Override
              public void recomputed(String firstId) {
                seen.add("recomputed " + firstId);
              }

              @Override
              public void chunkDone(int chunk, int chunks) {
                seen.add("chunk " + chunk);
              }

              @Override
              public void throughput(long examples, long tokens, double seconds) {
                seen.add("throughput " + examples);
              }
            });
    m.started(1000, 4, 1);
    m.batch(300, 1000, 2400, 0.5);
    m.recomputed("a/7");
    m.chunkDone(1, 4);
    m.throughput(750, 6000, 2.0);
    assertThat(seen)
        .containsExactly("started 1000 4 1", "recomputed a/7", "chunk 1", "throughput 750");
    Map<String, Double> metrics = m.metrics();
    assertThat(metrics)
        .containsEntry("gradient_examples_computed", 750.0)
        .containsEntry("gradient_seconds", 2.0)
        .containsEntry("gradient_examples_per_s", 375.0)
        .containsEntry("gradient_tokens_per_s", 3000.0)
        .containsEntry("gradient_batches_recomputed", 1.0);
    assertThat(m.started()).isTrue();
  }

  @Test
  void aReusedStoreReportsNoThroughput() {
    ExtractionMetrics m = new ExtractionMetrics(new ExtractionListener() {});
    assertThat(m.started()).isFalse();
    m.started(1000, 4, 4);
    assertThat(m.metrics()).containsOnlyKeys("gradient_batches_recomputed");
  }
}
