package dev.gradex.kfp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.KfpFixtures;
import dev.gradex.kfp.crd.PipelinePublisher;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SubmitToKubernetesTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void submitKubernetes_publishesTheGoldenPipelineAsCustomResources_once() {
    SubmitCommand first = new SubmitCommand();
    first.kubernetesClient = server::createClient;
    SubmitCommand second = new SubmitCommand();
    second.kubernetesClient = server::createClient;
    String file = KfpFixtures.goldenPipeline().toString();

    Cli r1 = Cli.run(first, "--kubernetes", "--namespace", "kubeflow", "--pipeline-file", file);
    Cli r2 = Cli.run(second, "--kubernetes", "--namespace", "kubeflow", "--pipeline-file", file);

    assertThat(r1.exitCode()).as(r1.err()).isZero();
    assertThat(r1.out()).contains("published in namespace kubeflow");
    assertThat(r2.out()).contains("is current");
    var versions = new PipelinePublisher(client, "kubeflow").versions("gradex");
    assertThat(versions).hasSize(1);
    Map<?, ?> spec = (Map<?, ?>) versions.get(0).getAdditionalProperties().get("spec");
    assertThat(((Map<?, ?>) spec.get("pipelineSpec")).get("sdkVersion"))
        .isEqualTo("gradex-kfp-1.0");
    assertThat(spec.get("platformSpec")).isNotNull();
  }
}
