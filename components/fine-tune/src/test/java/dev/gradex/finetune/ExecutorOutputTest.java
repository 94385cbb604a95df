package dev.gradex.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.component.CommandLines;
import dev.gradex.component.KfpExecutorInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fine-tune image's two programs under KFP: what they list in the executor output. */
class ExecutorOutputTest {
  @TempDir Path dir;

  @Test
  void promote_listsItsSummaryWithItsUriAndOutcome() throws Exception {
    Path adapter = Files.createDirectories(dir.resolve("adapter"));
    Files.writeString(adapter.resolve("adapter_config.json"), "{}");
    Path metrics = dir.resolve("metrics.json");
    Files.writeString(metrics, "{\"validation_loss\":0.7,\"test_loss\":0.75}");
    Path task = dir.resolve("task");
    String in = KfpExecutorInput.localJson(Map.of(), PromoteCommand.OUTPUTS, task);

    int code =
        CommandLines.run(
            new PromoteCommand(),
            "--adapter",
            adapter.toString(),
            "--metrics",
            metrics.toString(),
            "--summary-out",
            task.resolve("summary").toString(),
            "--kfp-executor-input",
            in);

    assertThat(code).isZero();
    JsonNode out = new ObjectMapper().readTree(task.resolve("executor_output.json").toFile());
    assertThat(out.path("artifacts").fieldNames()).toIterable().containsExactly("summary");
    JsonNode summary = out.path("artifacts").path("summary").path("artifacts").get(0);
    assertThat(summary.path("uri").asText()).isEqualTo(task.resolve("summary").toString());
    assertThat(summary.path("metadata").path("test_loss").asDouble()).isEqualTo(0.75);
    assertThat(task.resolve("summary")).exists();
  }

  @Test
  void fineTune_refusesAnExecutorInputWithoutItsOutputsBeforeTraining() {
    Path task = dir.resolve("task");
    String in = KfpExecutorInput.localJson(Map.of(), List.of("adapter"), task);

    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl = CommandLines.create(new FineTuneCommand());
    cl.setErr(new java.io.PrintWriter(err, true));
    int code =
        cl.execute(
            "--sources",
            dir.resolve("no-sources").toString(),
            "--base-model",
            dir.resolve("no-model").toString(),
            "--selection",
            dir.resolve("no-selection").toString(),
            "--adapter-out",
            task.resolve("adapter").toString(),
            "--kfp-executor-input",
            in);

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--kfp-executor-input", "output artifact 'metrics'");
    assertThat(task).doesNotExist();
  }
}
