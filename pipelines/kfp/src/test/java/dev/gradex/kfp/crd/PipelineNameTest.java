package dev.gradex.kfp.crd;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.kfp.gradex.GradexPipeline;
import dev.gradex.kfp.ir.IrCompiler;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

/**
 * A pipeline name that is not a Kubernetes resource name is refused before any request: the client
 * points at a port nothing listens on, so a request would fail with a connection error instead.
 * (Kept apart from {@link PipelinePublisherTest}: it needs no mock API server, whose event loop
 * shutting down between tests under load failed this test once with "event executor terminated".)
 */
class PipelineNameTest {
  @Test
  void invalidPipelineName_isRejectedNamingItBeforeAnyRequest() {
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("https://127.0.0.1:1")
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build()) {
      PipelinePublisher publisher = new PipelinePublisher(client, "kubeflow");
      assertThatThrownBy(
              () ->
                  publisher.publish(
                      "GradEx_Pipeline", null, IrCompiler.compile(GradexPipeline.build())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("pipeline name 'GradEx_Pipeline' is not a Kubernetes resource name");
    }
  }
}
