package dev.gradex.kfp.ir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.KfpFixtures;
import dev.gradex.kfp.dsl.ContainerComponent;
import dev.gradex.kfp.dsl.KubernetesSettings;
import dev.gradex.kfp.dsl.KubernetesSettings.Toleration;
import dev.gradex.kfp.dsl.Pipeline;
import dev.gradex.kfp.dsl.Resources;
import dev.gradex.kfp.dsl.RetryPolicy;
import dev.gradex.kfp.dsl.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilds KFP's IR examples with the Java API; the IR must equal what the kfp SDK (the peer of
 * record) compiles from the Python sources in tests/python/kfp/ir_examples, at test time.
 */
class IrShapeTest {
  @TempDir static Path compiled;

  @BeforeAll
  static void compileExamplesWithTheSdk() throws Exception {
    String script =
        KfpFixtures.root().resolve("tests/python/kfp/compile_ir_examples.py").toString();
    KfpFixtures.run(List.of(KfpFixtures.kfpPython(), script, compiled.toString()));
  }

  @Test
  void containerComponentWithNoInputs_compilesToTheSdksIr() throws IOException {
    ContainerComponent hello =
        ContainerComponent.builder()
            .setImage("registry.access.redhat.com/ubi9/python-311:latest")
            .setCommand(List.of("echo", "hello world"))
            .build();
    Pipeline p =
        Pipeline.builder()
            .setName("v2-container-component-no-input")
            .addNode(Task.builder().setName("hello-world-container").setComponent(hello).build())
            .build();
    List<Map<String, Object>> expected = example("container_component_with_no_inputs.yaml");
    CompiledPipeline compiled = IrCompiler.compile(p);
    assertThat(withoutSdkVersion(compiled.pipelineSpec()))
        .isEqualTo(withoutSdkVersion(expected.get(0)));
    assertThat(compiled.platform()).isEmpty();
  }

  @Test
  void gpuTaskWithToleration_compilesToTheSdksIrAndPlatformSpec() throws IOException {
    ContainerComponent check =
        ContainerComponent.builder()
            .setImage("python:3.11")
            .setCommand(List.of("sh", "-c"))
            .optArgs("echo \"GPU scheduling check: PASS\"")
            .build();
    String description =
        "Verifies a task requesting nvidia.com/gpu with a matching toleration can schedule and"
            + " complete (no CUDA/torch assertions).";
    Task task =
        Task.builder()
            .setName("verify-gpu-scheduled")
            .setComponent(check)
            .optCaching(false)
            .optResources(Resources.builder().optAccelerator("nvidia.com/gpu", 1).build())
            .optKubernetes(
                KubernetesSettings.builder()
                    .optToleration(Toleration.exists("nvidia.com/gpu"))
                    .build())
            .build();
    Pipeline p =
        Pipeline.builder()
            .setName("nvidia-gpu-scheduling-check")
            .optDescription(description)
            .addNode(task)
            .build();
    List<Map<String, Object>> expected = example("nvidia_gpu_scheduling_check.yaml");
    CompiledPipeline compiled = IrCompiler.compile(p);
    assertThat(withoutSdkVersion(compiled.pipelineSpec()))
        .isEqualTo(withoutSdkVersion(expected.get(0)));
    assertThat(compiled.platformSpec()).isEqualTo(expected.get(1));
    assertThat(compiled.toYaml()).contains("# Description: " + description + "\n");
  }

  @Test
  void retryPolicy_compilesLikePipelineWithRetry() throws IOException {
    Map<String, Object> expected = example("pipeline_with_retry.yaml").get(0);
    Object sdkRetry = at(expected, "root", "dag", "tasks", "add", "retryPolicy");
    RetryPolicy retry = new RetryPolicy(3, Duration.ZERO, 2.0, Duration.ofHours(1));
    assertThat(roundTrip(Dags.retry(retry))).isEqualTo(sdkRetry);
  }

  @Test
  void constantSecretAsEnv_compilesLikePipelineWithSecretAsEnv() throws IOException {
    Map<String, Object> platform = example("pipeline_with_secret_as_env.yaml").get(1);
    List<?> secrets =
        (List<?>)
            at(
                platform,
                "platforms",
                "kubernetes",
                "deploymentSpec",
                "executors",
                "exec-comp",
                "secretAsEnv");
    KubernetesSettings k =
        KubernetesSettings.builder()
            .optSecretAsEnv("test-secret-2", Map.of("password", "PASSWORD_VAR1"))
            .build();
    Object ours = ((List<?>) PlatformSpecs.executor(k).get("secretAsEnv")).get(0);
    assertThat(roundTrip(ours)).isEqualTo(secrets.get(1));
  }

  private static List<Map<String, Object>> example(String name) throws IOException {
    String text = Files.readString(compiled.resolve(name));
    String[] docs = text.split("\n---\n");
    return docs.length == 1
        ? List.of(IrYaml.read(docs[0]))
        : List.of(IrYaml.read(docs[0]), IrYaml.read(docs[1]));
  }

  /** Through YAML and back, so both sides use the same Java number and collection types. */
  @SuppressWarnings("unchecked")
  static Object roundTrip(Object value) {
    return IrYaml.read(IrYaml.toYaml(Map.of("v", value))).get("v");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutSdkVersion(Map<String, Object> doc) {
    Map<String, Object> copy = new HashMap<>((Map<String, Object>) roundTrip(doc));
    copy.remove("sdkVersion");
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> doc, String... path) {
    Object node = doc;
    for (String key : path) {
      node = ((Map<String, Object>) node).get(key);
    }
    return node;
  }
}
