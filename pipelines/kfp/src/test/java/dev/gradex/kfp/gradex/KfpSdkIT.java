package dev.gradex.kfp.gradex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.kfp.KfpFixtures;
import dev.gradex.kfp.ir.IrCompiler;
import dev.gradex.kfp.ir.IrYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    assertThat(result.get("platformExecutors").asInt()).isEqualTo(6);
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

  @Test
  void pipelineWithObjectStoreSecret_loadsInKfpSdk_withSecretAsEnvOnEveryStep(@TempDir Path tmp)
      throws Exception {
    PipelineOptions options =
        PipelineOptions.builder()
            .optObjectStoreSecret("mlpipeline-minio-artifact")
            .optObjectStoreEndpoint("http://minio-service.kubeflow:9000")
            .build();
    String yaml = IrCompiler.compile(GradexPipeline.build(options)).toYaml();
    Path file = Files.writeString(tmp.resolve("p.yaml"), yaml);
    String out =
        KfpFixtures.run(
            List.of(KfpFixtures.kfpPython(), script("load_pipeline.py"), file.toString()));
    JsonNode result = JSON.readTree(out);
    assertThat(result.get("ok").asBoolean()).isTrue();
    // Every container step now has a platform entry (KubernetesExecutorConfig parsed strictly).
    assertThat(result.get("platformExecutors").asInt()).isEqualTo(6);
    Map<String, Object> executors =
        at(
            IrYaml.read(yaml.split("\n---\n")[1]),
            "platforms",
            "kubernetes",
            "deploymentSpec",
            "executors");
    for (String exec : executors.keySet()) {
      assertThat(executors.get(exec).toString())
          .as(exec)
          .contains(
              "{keyToEnv=[{envVar=AWS_ACCESS_KEY_ID, secretKey=accesskey},"
                  + " {envVar=AWS_SECRET_ACCESS_KEY, secretKey=secretkey}], optional=false,"
                  + " secretName=mlpipeline-minio-artifact");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Map<String, Object> doc, String... path) {
    Object node = doc;
    for (String key : path) {
      node = ((Map<String, Object>) node).get(key);
    }
    return (Map<String, Object>) node;
  }

  private static String script(String name) {
    return KfpFixtures.root().resolve("tests/python/kfp").resolve(name).toString();
  }
}
