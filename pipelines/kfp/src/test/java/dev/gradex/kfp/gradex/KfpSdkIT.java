package dev.gradex.kfp.gradex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.kfp.KfpFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official kfp SDK (PyPI) loads the committed pipeline and uses it as a component. */
@Tag("fast")
class KfpSdkIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void goldenPipeline_loadsInKfpSdk_andParsesIntoPipelineSpecWithUnknownFieldsRejected()
      throws Exception {
    String out =
        KfpFixtures.run(
            List.of(
                KfpFixtures.kfpPython(),
                script("load_pipeline.py"),
                KfpFixtures.goldenPipeline().toString()));
    JsonNode result = JSON.readTree(out);
    assertThat(result.get("ok").asBoolean()).isTrue();
    assertThat(result.get("name").asText()).isEqualTo("gradex");
    assertThat(result.get("schemaVersion").asText()).isEqualTo("2.1.0");
    assertThat(result.get("executors").asInt()).isEqualTo(8);
    assertThat(result.get("platformExecutors").asInt()).isEqualTo(4);
    assertThat(result.get("rootTasks").toString())
        .isEqualTo(
            "[\"estimate-subsets\",\"fine-tune\",\"for-loop-1\",\"import-base-model\","
                + "\"import-sources\",\"merge-stores\",\"meta-train\",\"promote\"]");
    assertThat(result.get("inputs").toString()).contains("\"source_digests\"", "\"shard_indices\"");
  }

  @Test
  void tinyPythonPipeline_usingOurYamlAsComponent_compiles(@TempDir Path tmp) throws Exception {
    String out =
        KfpFixtures.run(
            List.of(
                KfpFixtures.kfpPython(),
                script("use_as_component.py"),
                KfpFixtures.goldenPipeline().toString(),
                tmp.resolve("outer.yaml").toString()));
    JsonNode result = JSON.readTree(out);
    assertThat(result.get("name").asText()).isEqualTo("outer-with-gradex");
    assertThat(result.get("rootTasks").toString()).isEqualTo("[\"gradex\"]");
    assertThat(result.get("components").toString())
        .contains("\"comp-gradex\"", "\"comp-for-loop-1\"");
    assertThat(result.at("/subsetsBinding/runtimeValue/constant").asDouble()).isEqualTo(200.0);
  }

  private static String script(String name) {
    return KfpFixtures.root().resolve("tests/python/kfp").resolve(name).toString();
  }
}
