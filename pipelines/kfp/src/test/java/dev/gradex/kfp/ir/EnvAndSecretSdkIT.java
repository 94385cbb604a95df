package dev.gradex.kfp.ir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.KfpFixtures;
import dev.gradex.kfp.dsl.ContainerComponent;
import dev.gradex.kfp.dsl.KubernetesSettings;
import dev.gradex.kfp.dsl.Pipeline;
import dev.gradex.kfp.dsl.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task with container env ({@code set_env_variable}) and a secret as env (kfp-kubernetes {@code
 * use_secret_as_env}), compiled by the official SDK and by our compiler: both documents must be
 * equal. This is how the object-store options reach every GradEx step.
 */
class EnvAndSecretSdkIT {
  private static final String PYTHON =
      """
      import sys
      from kfp import dsl, compiler, kubernetes

      @dsl.container_component
      def step():
          return dsl.ContainerSpec(image="alpine", command=["echo"])

      @dsl.pipeline(name="object-store")
      def object_store():
          t = step()
          t.set_env_variable("AWS_ENDPOINT_URL", "http://minio-service.kubeflow:9000")
          kubernetes.use_secret_as_env(
              t,
              secret_name="mlpipeline-minio-artifact",
              secret_key_to_env={"accesskey": "AWS_ACCESS_KEY_ID",
                                 "secretkey": "AWS_SECRET_ACCESS_KEY"})

      compiler.Compiler().compile(object_store, sys.argv[1])
      """;

  @Test
  void envAndSecretAsEnv_compileLikeTheSdkAndKfpKubernetes(@TempDir Path tmp) throws Exception {
    Path script = Files.writeString(tmp.resolve("object_store.py"), PYTHON);
    Path sdkYaml = tmp.resolve("sdk.yaml");
    KfpFixtures.run(List.of(KfpFixtures.kfpPython(), script.toString(), sdkYaml.toString()));
    String[] sdk = Files.readString(sdkYaml).split("\n---\n");

    Task task =
        Task.builder()
            .setName("step")
            .setComponent(
                ContainerComponent.builder().setImage("alpine").setCommand(List.of("echo")).build())
            .optEnv("AWS_ENDPOINT_URL", "http://minio-service.kubeflow:9000")
            .optKubernetes(
                KubernetesSettings.builder()
                    .optSecretAsEnv(
                        "mlpipeline-minio-artifact",
                        Map.of(
                            "accesskey", "AWS_ACCESS_KEY_ID",
                            "secretkey", "AWS_SECRET_ACCESS_KEY"))
                    .build())
            .build();
    CompiledPipeline ours =
        IrCompiler.compile(Pipeline.builder().setName("object-store").addNode(task).build());
    assertThat(withoutSdkVersion(ours.pipelineSpec()))
        .isEqualTo(withoutSdkVersion(IrYaml.read(sdk[0])));
    assertThat(IrShapeTest.roundTrip(ours.platformSpec())).isEqualTo(IrYaml.read(sdk[1]));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutSdkVersion(Map<String, Object> doc) {
    Map<String, Object> copy = new HashMap<>((Map<String, Object>) IrShapeTest.roundTrip(doc));
    copy.remove("sdkVersion");
    return copy;
  }
}
