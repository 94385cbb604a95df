package dev.gradex.tests.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.cli.GradexCli;
import dev.gradex.kfp.crd.PipelineResources;
import dev.gradex.kfp.ir.IrYaml;
import dev.gradex.tests.deploy.Tools;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * KFP's Pipeline and PipelineVersion CRDs as the project writes them (k8s/crds, with a schema)
 * installed on a real API server; {@code gradex submit --kubernetes} publishes the compiled
 * pipeline there, and the server stores every field as sent (nothing pruned) and validates it: the
 * objects {@link PipelineResources} builds pass a strict dry run, and a version without its
 * pipeline or with a misspelt field is refused.
 */
@Tag("kube")
class KubeKfpCrdIT {
  @RegisterExtension static final KubeApiServer kube = new KubeApiServer();
  private static final String NS = "kubeflow";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Equal JSON, numbers by value: the server keeps untyped numbers as Go's int64 or float64, so the
   * compiled 1.0 comes back as 1, and Jackson's IntNode 1 differs from its LongNode 1.
   */
  private static final java.util.Comparator<JsonNode> NUMERIC =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  @TempDir Path dir;

  @BeforeAll
  static void crds() throws Exception {
    List<GenericKubernetesResource> crds = Kustomize.render(Tools.root().resolve("k8s/crds"));
    KubeYaml.dryRunThenApply(kube.admin(), crds);
    for (GenericKubernetesResource crd : crds) {
      kube.admin()
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(KubeKfpCrdIT::established, 60, TimeUnit.SECONDS);
    }
    kube.namespace(NS, Map.of());
  }

  @Test
  void submitKubernetes_publishesTheCompiledPipeline_storedAsSentThenCurrent() throws Exception {
    Path kubeconfig = kube.adminKubeconfig(dir.resolve("kubeconfig"), NS);
    Path pipeline = Tools.root().resolve("pipelines/gradex-pipeline.yaml");

    String first = submit(kubeconfig, pipeline);
    String second = submit(kubeconfig, pipeline);

    assertThat(first).contains("published in namespace " + NS);
    assertThat(second).contains("is current");
    List<GenericKubernetesResource> versions =
        kube.admin()
            .genericKubernetesResources(PipelineResources.PIPELINE_VERSIONS)
            .inNamespace(NS)
            .list()
            .getItems();
    assertThat(versions).hasSize(1);
    Map<?, ?> spec = (Map<?, ?>) versions.get(0).getAdditionalProperties().get("spec");
    String[] docs = Files.readString(pipeline).split("\n---\n", 2);
    JsonNode storedSpec = JSON.valueToTree(spec.get("pipelineSpec"));
    JsonNode storedPlatform = JSON.valueToTree(spec.get("platformSpec"));
    JsonNode compiledSpec = JSON.valueToTree(IrYaml.read(docs[0]));
    JsonNode compiledPlatform = JSON.valueToTree(IrYaml.read(docs[1]));
    assertThat(storedSpec.equals(NUMERIC, compiledSpec))
        .as("the PipelineSpec as stored equals the compiled one (nothing pruned)")
        .isTrue();
    assertThat(storedPlatform.equals(NUMERIC, compiledPlatform)).as("platform spec").isTrue();
    assertThat(storedSpec.equals(NUMERIC, compiledPlatform))
        .as("the comparison can fail")
        .isFalse();
    assertThat(spec.get("pipelineName")).isEqualTo("gradex");
    GenericKubernetesResource owner =
        kube.admin()
            .genericKubernetesResources(PipelineResources.PIPELINES)
            .inNamespace(NS)
            .withName("gradex")
            .get();
    assertThat(versions.get(0).getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(owner.getMetadata().getUid()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void resourcesThePublisherBuilds_passAStrictDryRun_andBrokenVersionsAreRefused()
      throws Exception {
    KubernetesClient admin = kube.admin();
    var compiled =
        new dev.gradex.kfp.ir.CompiledPipeline(
            IrYaml.read(
                Files.readString(Tools.root().resolve("pipelines/gradex-pipeline.yaml"))
                    .split("\n---\n", 2)[0]),
            null,
            "");
    GenericKubernetesResource pipeline = PipelineResources.pipeline("strict-check", "d");
    pipeline.getMetadata().setNamespace(NS);
    GenericKubernetesResource version =
        PipelineResources.version(pipeline, "strict-check-v1", compiled);
    version.getMetadata().setNamespace(NS);

    KubeYaml.apply(admin, pipeline, true);
    KubeYaml.apply(admin, version, true);
    GenericKubernetesResource noPipeline = copy(version);
    ((Map<String, Object>) noPipeline.getAdditionalProperties().get("spec")).remove("pipelineName");
    GenericKubernetesResource misspelt = copy(version);
    ((Map<String, Object>) misspelt.getAdditionalProperties().get("spec"))
        .put("pipelineSpc", Map.of("a", 1));

    assertThatThrownBy(() -> KubeYaml.apply(admin, noPipeline, false))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage()).contains("pipelineName");
            });
    assertThatThrownBy(() -> KubeYaml.apply(admin, misspelt, false))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> assertThat(e.getMessage()).contains("pipelineSpc"));
    assertThat(admin.resource(version).get()).isNull();
  }

  private static String submit(Path kubeconfig, Path pipeline) {
    String before = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", kubeconfig.toString());
    try {
      CommandLine cl = dev.gradex.component.CommandLines.create(new GradexCli());
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int code =
          cl.execute(
              "submit", "--kubernetes", "--namespace", NS, "--pipeline-file", pipeline.toString());
      assertThat(code).as(err.toString()).isZero();
      return out.toString();
    } finally {
      if (before == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", before);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static GenericKubernetesResource copy(GenericKubernetesResource o) {
    GenericKubernetesResource c =
        JSON.convertValue(JSON.valueToTree(o), GenericKubernetesResource.class);
    c.getAdditionalProperties()
        .put(
            "spec",
            new java.util.LinkedHashMap<>(
                (Map<String, Object>) c.getAdditionalProperties().get("spec")));
    return c;
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
