package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gradex.component.CommandLines;
import dev.gradex.estimate.EstimateSubsetsCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled pipeline (pipelines/gradex-pipeline.yaml) and the estimate-subsets program agree:
 * the container's command names the program's main class, and the arguments exactly as the pipeline
 * passes them, with KFP's placeholders filled in, run it to completion and produce the selection,
 * the HTML report, the metrics file and KFP's executor output listing all three outputs.
 */
@Tag("fast")
class PipelineContractIT {
  private static final Pattern PARAM =
      Pattern.compile("\\{\\{\\$\\.inputs\\.parameters\\['(\\w+)'\\]\\}\\}");
  private static final Pattern ARTIFACT =
      Pattern.compile("\\{\\{\\$\\.(inputs|outputs)\\.artifacts\\['(\\w+)'\\]\\.path\\}\\}");

  @TempDir Path dir;

  @Test
  void estimateSubsetsRunsWithTheArgumentsThePipelinePasses() throws Exception {
    JsonNode spec =
        new ObjectMapper(new YAMLFactory())
            .readerFor(JsonNode.class)
            .<JsonNode>readValues(Python.root().resolve("pipelines/gradex-pipeline.yaml").toFile())
            .next();
    JsonNode container =
        spec.path("deploymentSpec")
            .path("executors")
            .path("exec-estimate-subsets")
            .path("container");
    assertThat(container.path("command").toString())
        .contains("dev.gradex.estimate.EstimateSubsetsMain");

    Path store = dir.resolve("store");
    Cli.synthStore(store, 1200, 12, 16, 3, 4);
    Map<String, String> params =
        Map.of(
            "source_digests",
            "sha256:0123",
            "subsets",
            "60",
            "alpha",
            "0.5",
            "seed",
            "2",
            "mode",
            "faithful",
            "lambda",
            "0.01",
            "norm_cap",
            "0.1",
            "select",
            "best-prefix",
            "scoring",
            "ensemble");
    Map<String, Path> artifacts =
        Map.of(
            "store",
            store,
            "selection",
            dir.resolve("selection"),
            "report",
            dir.resolve("report.html"),
            "metrics",
            dir.resolve("metrics.json"));
    Path executorOutput = dir.resolve("executor_output.json");
    // As the launcher fills {{$}}: every declared output with the uri the driver provisioned.
    Map<String, Object> outputs = new java.util.LinkedHashMap<>();
    for (String name : List.of("selection", "report", "metrics")) {
      outputs.put(
          name,
          Map.of(
              "artifacts",
              List.of(
                  Map.of("name", name, "uri", "minio://bucket/" + name, "metadata", Map.of()))));
    }
    String executorInput =
        new ObjectMapper()
            .writeValueAsString(
                Map.of(
                    "outputs",
                    Map.of("artifacts", outputs, "outputFile", executorOutput.toString())));

    List<String> args = new ArrayList<>();
    for (JsonNode a : container.path("args")) {
      String s = a.asText();
      Matcher p = PARAM.matcher(s);
      Matcher r = ARTIFACT.matcher(s);
      if (p.matches()) {
        assertThat(params).as("pipeline parameter " + p.group(1)).containsKey(p.group(1));
        s = params.get(p.group(1));
      } else if (r.matches()) {
        assertThat(artifacts).as("artifact " + r.group(2)).containsKey(r.group(2));
        s = artifacts.get(r.group(2)).toString();
      } else if (s.equals("{{$}}")) {
        s = executorInput;
      }
      assertThat(s).doesNotContain("{{");
      args.add(s);
    }
    args.add("--quiet");
    int code = CommandLines.run(new EstimateSubsetsCommand(), args.toArray(String[]::new));

    assertThat(code).isZero();
    assertThat(dir.resolve("selection/selection.json")).exists();
    assertThat(Files.readString(dir.resolve("report.html"))).contains("GradEx selection report");
    JsonNode metrics = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    JsonNode out = new ObjectMapper().readTree(executorOutput.toFile());
    for (String name : List.of("selection", "report")) {
      assertThat(out.path("artifacts").path(name).path("artifacts").get(0).path("uri").asText())
          .isEqualTo("minio://bucket/" + name);
    }
    JsonNode reported = out.path("artifacts").path("metrics").path("artifacts").get(0);
    assertThat(reported.path("uri").asText()).isEqualTo("minio://bucket/metrics");
    assertThat(reported.path("metadata").path("estimated_loss_selected").asDouble())
        .isEqualTo(metrics.path("estimated_loss_selected").asDouble())
        .isLessThan(metrics.path("estimated_loss_all_sources").asDouble());
    JsonNode manifest =
        new ObjectMapper().readTree(dir.resolve("selection/manifest.json").toFile());
    assertThat(manifest.path("inputs").path("settings").path("sourceDigests").asText())
        .isEqualTo("sha256:0123");
  }

  @Test
  void everyFlagAnExecutorPasses_isAnOptionOfItsProgram() throws Exception {
    Map<String, Object> programs =
        Map.of(
            "dev.gradex.metatrain.MetaTrainMain", new dev.gradex.metatrain.MetaTrainCommand(),
            "dev.gradex.extract.ExtractGradientsMain",
                new dev.gradex.extract.ExtractGradientsCommand(),
            "dev.gradex.extract.MergeStoreMain", new dev.gradex.extract.MergeStoreCommand(),
            "dev.gradex.estimate.EstimateSubsetsMain", new EstimateSubsetsCommand(),
            "dev.gradex.finetune.FineTuneMain", new dev.gradex.finetune.FineTuneCommand(),
            "dev.gradex.finetune.PromoteMain", new dev.gradex.finetune.PromoteCommand());
    JsonNode executors = golden().path("deploymentSpec").path("executors");
    List<String> checked = new ArrayList<>();
    executors
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode container = e.getValue().path("container");
              if (container.isMissingNode()) {
                return; // an importer
              }
              JsonNode command = container.path("command");
              String main = command.get(command.size() - 1).asText(); // java <options> -cp cp Main
              assertThat(programs).as(e.getKey()).containsKey(main);
              var spec = CommandLines.create(programs.get(main)).getCommandSpec();
              for (JsonNode a : container.path("args")) {
                if (a.asText().startsWith("--")) {
                  assertThat(spec.findOption(a.asText()))
                      .as(e.getKey() + " passes " + a.asText() + " to " + main)
                      .isNotNull();
                }
              }
              checked.add(e.getKey());
            });
    assertThat(checked).hasSize(programs.size());
  }

  private static JsonNode golden() throws Exception {
    return new ObjectMapper(new YAMLFactory())
        .readerFor(JsonNode.class)
        .<JsonNode>readValues(Python.root().resolve("pipelines/gradex-pipeline.yaml").toFile())
        .next();
  }
}
