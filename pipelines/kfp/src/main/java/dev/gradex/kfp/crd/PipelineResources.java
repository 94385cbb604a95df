package dev.gradex.kfp.crd;

import dev.gradex.core.Sha256;
import dev.gradex.kfp.ir.CompiledPipeline;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds KFP's Pipeline and PipelineVersion custom resources (schema: KFP's CRDs
 * pipelines.pipelines.kubeflow.org and pipelineversions.pipelines.kubeflow.org, version v2beta1).
 */
public final class PipelineResources {
  public static final String GROUP = "pipelines.kubeflow.org";
  public static final String VERSION = "v2beta1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** Label on versions naming their pipeline, for listing. */
  public static final String PIPELINE_LABEL = GROUP + "/pipeline-name";

  public static final ResourceDefinitionContext PIPELINES = context("Pipeline", "pipelines");
  public static final ResourceDefinitionContext PIPELINE_VERSIONS =
      context("PipelineVersion", "pipelineversions");

  private PipelineResources() {}

  public static GenericKubernetesResource pipeline(String name, String description) {
    GenericKubernetesResource r =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(API_VERSION)
            .withKind("Pipeline")
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .build();
    Map<String, Object> spec = new LinkedHashMap<>();
    if (description != null) {
      spec.put("description", description);
    }
    r.setAdditionalProperty("spec", spec);
    return r;
  }

  /**
   * A version of {@code pipeline} holding the compiled PipelineSpec and platform spec; owned by the
   * Pipeline so that deleting it deletes its versions.
   */
  public static GenericKubernetesResource version(
      GenericKubernetesResource pipeline, String versionName, CompiledPipeline compiled) {
    String pipelineName = pipeline.getMetadata().getName();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("pipelineName", pipelineName);
    spec.put("displayName", versionName);
    spec.put("pipelineSpec", compiled.pipelineSpec());
    compiled.platform().ifPresent(p -> spec.put("platformSpec", p));
    GenericKubernetesResourceBuilder b =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(API_VERSION)
            .withKind("PipelineVersion")
            .withNewMetadata()
            .withName(versionName)
            .addToLabels(PIPELINE_LABEL, pipelineName)
            .endMetadata();
    if (pipeline.getMetadata().getUid() != null) {
      b.editMetadata()
          .addToOwnerReferences(
              new OwnerReferenceBuilder()
                  .withApiVersion(API_VERSION)
                  .withKind("Pipeline")
                  .withName(pipelineName)
                  .withUid(pipeline.getMetadata().getUid())
                  .build())
          .endMetadata();
    }
    GenericKubernetesResource r = b.build();
    r.setAdditionalProperty("spec", spec);
    return r;
  }

  /**
   * A content-addressed version name, {@code <pipeline>-<first 10 hex of SHA-256 of the YAML>}:
   * publishing the same pipeline twice is a no-op, a changed pipeline gets a new version.
   */
  public static String versionName(String pipelineName, CompiledPipeline compiled) {
    String name = pipelineName + "-" + Sha256.of(compiled.toYaml()).substring(0, 10);
    if (name.length() > 253) {
      throw new IllegalArgumentException("pipeline name too long for a version: " + pipelineName);
    }
    return name;
  }

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(GROUP)
        .withVersion(VERSION)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }
}
