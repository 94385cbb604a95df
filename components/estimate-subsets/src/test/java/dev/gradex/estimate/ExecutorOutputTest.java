package dev.gradex.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.component.CommandLines;
import dev.gradex.component.KfpExecutorInput;
import dev.gradex.core.synth.SyntheticProblem;
import dev.gradex.core.synth.SyntheticStores;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** estimate-subsets under KFP lists its three outputs in the executor output. */
class ExecutorOutputTest {
  @TempDir Path dir;

  @Test
  void selectionReportAndMetrics_areListedWithTheirUris() throws Exception {
    Path store = dir.resolve("store");
    SyntheticStores.write(
        SyntheticProblem.builder()
            .setSeed(4)
            .setDim(8)
            .setExamples(240)
            .setTasks(6)
            .setHelpful(2)
            .build(),
        store,
        n -> {});
    Path task = dir.resolve("task");
    String in = KfpExecutorInput.localJson(Map.of(), EstimateSubsetsCommand.OUTPUTS, task);

    int code =
        CommandLines.run(
            new EstimateSubsetsCommand(),
            "--store",
            store.toString(),
            "--out",
            task.resolve("selection").toString(),
            "--subsets",
            "20",
            "--report-html",
            task.resolve("report").toString(),
            "--metrics-out",
            task.resolve("metrics").toString(),
            "--kfp-executor-input",
            in,
            "--quiet");

    assertThat(code).isZero();
    JsonNode out =
        new ObjectMapper()
            .readTree(task.resolve("executor_output.json").toFile())
            .path("artifacts");
    assertThat(out.fieldNames()).toIterable().containsExactly("selection", "report", "metrics");
    for (String name : EstimateSubsetsCommand.OUTPUTS) {
      assertThat(out.path(name).path("artifacts").get(0).path("uri").asText())
          .isEqualTo(task.resolve(name).toString());
      assertThat(task.resolve(name)).exists();
    }
    JsonNode metrics = new ObjectMapper().readTree(task.resolve("metrics").toFile());
    assertThat(
            out.path("metrics")
                .path("artifacts")
                .get(0)
                .path("metadata")
                .path("estimated_loss_selected")
                .asDouble())
        .isEqualTo(metrics.path("estimated_loss_selected").asDouble());
  }
}
