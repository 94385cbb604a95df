package dev.gradex.kfp.crd;

import dev.gradex.kfp.ir.CompiledPipeline;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Publishes compiled pipelines as Pipeline/PipelineVersion resources in one namespace. */
public final class PipelinePublisher {
  private static final Pattern DNS_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private final KubernetesClient client;
  private final String namespace;

  public PipelinePublisher(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** What {@link #publish} did. */
  public record Published(String pipeline, String version, boolean versionCreated) {}

  /**
   * Creates or updates the Pipeline, then creates the content-addressed PipelineVersion unless it
   * already exists (versions are immutable in KFP).
   */
  public Published publish(String pipelineName, String description, CompiledPipeline compiled) {
    if (pipelineName == null || !DNS_NAME.matcher(pipelineName).matches()) {
      throw new IllegalArgumentException(
          "pipeline name '" + pipelineName + "' is not a Kubernetes resource name");
    }
    GenericKubernetesResource pipeline =
        client
            .genericKubernetesResources(PipelineResources.PIPELINES)
            .inNamespace(namespace)
            .resource(PipelineResources.pipeline(pipelineName, description))
            .createOr(NonDeletingOperation::update);
    String versionName = PipelineResources.versionName(pipelineName, compiled);
    var versions =
        client
            .genericKubernetesResources(PipelineResources.PIPELINE_VERSIONS)
            .inNamespace(namespace);
    if (versions.withName(versionName).get() != null) {
      return new Published(pipelineName, versionName, false);
    }
    versions.resource(PipelineResources.version(pipeline, versionName, compiled)).create();
    return new Published(pipelineName, versionName, true);
  }

  public Optional<GenericKubernetesResource> pipeline(String name) {
    return Optional.ofNullable(
        client
            .genericKubernetesResources(PipelineResources.PIPELINES)
            .inNamespace(namespace)
            .withName(name)
            .get());
  }

  /** Versions of a pipeline, by name. */
  public List<GenericKubernetesResource> versions(String pipelineName) {
    return client
        .genericKubernetesResources(PipelineResources.PIPELINE_VERSIONS)
        .inNamespace(namespace)
        .withLabel(PipelineResources.PIPELINE_LABEL, pipelineName)
        .list()
        .getItems()
        .stream()
        .sorted(Comparator.comparing(r -> r.getMetadata().getName()))
        .toList();
  }
}
