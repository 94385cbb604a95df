package dev.gradex.kfp.crd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.gradex.GradexPipeline;
import dev.gradex.kfp.gradex.ImageNames;
import dev.gradex.kfp.gradex.PipelineOptions;
import dev.gradex.kfp.ir.CompiledPipeline;
import dev.gradex.kfp.ir.IrCompiler;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PipelinePublisherTest {
  private static final CompiledPipeline GRADEX = IrCompiler.compile(GradexPipeline.build());

  KubernetesClient client;

  @Test
  void publish_createsPipelineAndVersionHoldingTheCompiledSpecs() {
    PipelinePublisher publisher = new PipelinePublisher(client, "kubeflow");
    PipelinePublisher.Published result = publisher.publish("gradex", "GradEx selection", GRADEX);

    GenericKubernetesResource pipeline = publisher.pipeline("gradex").orElseThrow();
    assertThat(pipeline.getApiVersion()).isEqualTo("pipelines.kubeflow.org/v2beta1");
    assertThat(spec(pipeline)).containsEntry("description", "GradEx selection");
    assertThat(result.versionCreated()).isTrue();
    assertThat(result.version()).matches("gradex-[0-9a-f]{10}");

    GenericKubernetesResource version = publisher.versions("gradex").get(0);
    assertThat(version.getKind()).isEqualTo("PipelineVersion");
    assertThat(version.getMetadata().getName()).isEqualTo(result.version());
    assertThat(version.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(pipeline.getMetadata().getUid()));
    Map<String, Object> spec = spec(version);
    assertThat(spec).containsEntry("pipelineName", "gradex");
    assertThat(((Map<?, ?>) ((Map<?, ?>) spec.get("pipelineSpec")).get("pipelineInfo")).get("name"))
        .isEqualTo("gradex");
    assertThat(((Map<?, ?>) spec.get("pipelineSpec")).get("schemaVersion")).isEqualTo("2.1.0");
    assertThat(((Map<?, ?>) spec.get("platformSpec")).containsKey("platforms")).isTrue();
  }

  @Test
  void publishingTheSamePipelineTwice_keepsOneVersion_andAChangedOneAddsAVersion() {
    PipelinePublisher publisher = new PipelinePublisher(client, "team-a");
    publisher.publish("gradex", null, GRADEX);
    PipelinePublisher.Published again = publisher.publish("gradex", null, GRADEX);
    CompiledPipeline retagged =
        IrCompiler.compile(
            GradexPipeline.build(
                PipelineOptions.builder()
                    .optImages(new ImageNames("ghcr.io/gradex", "0.2.0"))
                    .build()));
    PipelinePublisher.Published changed = publisher.publish("gradex", null, retagged);

    assertThat(again.versionCreated()).isFalse();
    assertThat(changed.versionCreated()).isTrue();
    assertThat(publisher.versions("gradex")).hasSize(2);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource r) {
    return (Map<String, Object>) r.getAdditionalProperties().get("spec");
  }
}
