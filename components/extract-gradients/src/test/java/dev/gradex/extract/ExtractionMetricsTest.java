package dev.gradex.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressEvent.BatchRecomputed;
import dev.gradex.core.progress.ProgressEvent.ChunkCommitted;
import dev.gradex.core.progress.ProgressEvent.WorkAdvanced;
import dev.gradex.core.progress.ProgressEvent.WorkFinished;
import dev.gradex.core.progress.ProgressEvent.WorkStarted;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.core.progress.Work;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ExtractionMetricsTest {
  @Test
  void throughputIsWhatThisRunComputedAndEveryEventReachesTheUsersListener() {
    List<ProgressEvent> seen = new ArrayList<>();
    ExtractionMetrics m = new ExtractionMetrics(seen::add);
    List<ProgressEvent> events =
        List.of(
            new WorkStarted(Work.CHUNKS, 4, 1, true),
            new WorkStarted(Work.EXAMPLES, 1000, 0, false),
            new WorkAdvanced(Work.EXAMPLES, 300, 1000, OptionalDouble.of(4800)),
            new BatchRecomputed("a/7"),
            new ChunkCommitted(1, 4),
            new WorkFinished(Work.EXAMPLES, 750, 6000, 2.0));
    events.forEach(m::on);
    assertThat(seen).containsExactlyElementsOf(events);
    Map<String, Double> metrics = m.metrics();
    assertThat(metrics)
        .containsEntry("gradient_examples_computed", 750.0)
        .containsEntry("gradient_seconds", 2.0)
        .containsEntry("gradient_examples_per_s", 375.0)
        .containsEntry("gradient_supervised_tokens_per_s", 3000.0)
        .containsEntry("gradient_batches_recomputed", 1.0)
        .doesNotContainKey("truncated_examples");
    assertThat(m.started()).isTrue();
  }

  @Test
  void aReusedStoreReportsNoThroughputAndTruncationIsCounted() {
    ExtractionMetrics m = new ExtractionMetrics(ProgressListener.NONE);
    assertThat(m.started()).isFalse();
    m.on(new ProgressEvent.Truncated(3, 1000, 128));
    m.on(new WorkStarted(Work.CHUNKS, 4, 4, true));
    m.on(new WorkStarted(Work.EXAMPLES, 1000, 0, false));
    assertThat(m.started()).isTrue();
    assertThat(m.metrics())
        .containsOnlyKeys("gradient_batches_recomputed", "truncated_examples")
        .containsEntry("truncated_examples", 3.0);
  }
}
