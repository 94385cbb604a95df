package dev.gradex.tests.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.tests.deploy.Helm;
import dev.gradex.tests.deploy.Tools;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pod Security admission by a real API server: in a namespace labelled {@code
 * pod-security.kubernetes.io/enforce: restricted}, a Pod made from every pod template the chart
 * renders (default and full values) and k8s/ holds, and from every container step of the compiled
 * pipeline ({@link ComponentPods}), is admitted; a privileged pod is refused there (and admitted in
 * a namespace without the label), so the check can fail.
 */
@Tag("kube")
class KubePodSecurityIT {
  @RegisterExtension static final KubeApiServer kube = new KubeApiServer();
  private static final String RESTRICTED = "psa-restricted";
  private static final Map<String, String> ENFORCE =
      Map.of(
          "pod-security.kubernetes.io/enforce", "restricted",
          "pod-security.kubernetes.io/enforce-version", "latest");

  @TempDir Path dir;

  @BeforeAll
  static void namespaces() {
    kube.namespace(RESTRICTED, ENFORCE);
    kube.serviceAccount(RESTRICTED, "gradex-watcher");
    kube.namespace("psa-unlabelled", Map.of());
  }

  @Test
  void everyPodTemplateOfTheChartAndOfK8s_isAdmittedAtRestricted() throws Exception {
    Map<String, PodSpec> templates = new LinkedHashMap<>();
    templates.putAll(templates("chart-default", KubeYaml.parse(Helm.yamlIn(RESTRICTED, "d"))));
    templates.putAll(
        templates(
            "chart-full",
            KubeYaml.parse(Helm.yamlIn(RESTRICTED, "f", "-f", Helm.path(Helm.CI_VALUES)))));
    templates.putAll(templates("k8s", Kustomize.render(Tools.root().resolve("k8s/with-mlflow"))));

    List<String> admitted = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, PodSpec> t : templates.entrySet()) {
      Pod pod =
          new PodBuilder()
              .withNewMetadata()
              .withName("template-" + i++)
              .withNamespace(RESTRICTED)
              .endMetadata()
              .withSpec(t.getValue())
              .build();
      kube.admin().resource(pod).create();
      admitted.add(t.getKey());
    }

    assertThat(admitted)
        .containsExactlyInAnyOrder(
            "chart-default CronJob/gradex-watch",
            "chart-full CronJob/gradex-watch",
            "chart-full Job/gradex-publish-pipeline",
            "chart-full Deployment/gradex-mlflow",
            "chart-full StatefulSet/gradex-mlflow-postgres",
            "k8s CronJob/gradex-watch",
            "k8s Deployment/gradex-mlflow",
            "k8s StatefulSet/gradex-mlflow-postgres");
    assertThat(kube.admin().pods().inNamespace(RESTRICTED).list().getItems())
        .filteredOn(p -> p.getMetadata().getName().startsWith("template-"))
        .hasSize(8);
  }

  @Test
  void everyComponentPodOfTheCompiledPipeline_isAdmittedAtRestricted() throws Exception {
    String pipeline = Files.readString(Tools.root().resolve("pipelines/gradex-pipeline.yaml"));
    Map<String, Pod> pods = ComponentPods.of(pipeline, RESTRICTED);

    for (Pod pod : pods.values()) {
      kube.admin().resource(pod).create();
    }

    assertThat(new TreeSet<>(pods.keySet()))
        .containsExactly(
            "exec-estimate-subsets",
            "exec-extract-gradients",
            "exec-fine-tune",
            "exec-merge-stores",
            "exec-meta-train",
            "exec-promote");
    for (String name : pods.keySet()) {
      assertThat(kube.admin().pods().inNamespace(RESTRICTED).withName(name).get())
          .as(name)
          .isNotNull();
    }
  }

  /** The pipeline as the chart's full values compile it: GPU placement and the cache PVC. */
  @Test
  void everyComponentPodOfAPipelineWithGpuPlacementAndCachePvc_isAdmittedAtRestricted()
      throws Exception {
    kube.namespace("psa-restricted-full", ENFORCE);
    Path out = dir.resolve("pipeline.yaml");
    int code =
        dev.gradex.component.CommandLines.run(
            new dev.gradex.cli.GradexCli(),
            "compile-pipeline",
            "--out",
            out.toString(),
            "--cache-pvc",
            "gradex-cache",
            "--gpu-node-selector",
            "cloud.google.com/gke-accelerator=nvidia-l4",
            "--gpu-tolerations",
            "[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"gpu-pool\","
                + "\"effect\":\"NoSchedule\"}]");
    assertThat(code).isZero();
    Map<String, Pod> pods = ComponentPods.of(Files.readString(out), "psa-restricted-full");

    for (Pod pod : pods.values()) {
      kube.admin().resource(pod).create();
    }

    assertThat(pods).hasSize(6);
    Pod merge =
        kube.admin().pods().inNamespace("psa-restricted-full").withName("exec-merge-stores").get();
    assertThat(merge.getSpec().getVolumes())
        .filteredOn(v -> v.getPersistentVolumeClaim() != null)
        .extracting(v -> v.getPersistentVolumeClaim().getClaimName())
        .containsExactly("gradex-cache");
    Pod train =
        kube.admin().pods().inNamespace("psa-restricted-full").withName("exec-meta-train").get();
    assertThat(train.getSpec().getNodeSelector())
        .containsEntry("cloud.google.com/gke-accelerator", "nvidia-l4");
  }

  @Test
  void privilegedOrRootPods_areRefusedAtRestricted_andAdmittedWithoutTheLabel() throws Exception {
    String pipeline = Files.readString(Tools.root().resolve("pipelines/gradex-pipeline.yaml"));
    Pod step = ComponentPods.of(pipeline, RESTRICTED).get("exec-merge-stores");
    Pod privileged =
        new PodBuilder(step)
            .editMetadata()
            .withName("privileged")
            .endMetadata()
            .editSpec()
            .editFirstContainer()
            .editSecurityContext()
            .withPrivileged(true)
            .withAllowPrivilegeEscalation(null)
            .endSecurityContext()
            .endContainer()
            .endSpec()
            .build();
    Pod root =
        new PodBuilder(step)
            .editMetadata()
            .withName("root")
            .endMetadata()
            .editSpec()
            .editSecurityContext()
            .withRunAsNonRoot(false)
            .withRunAsUser(0L)
            .endSecurityContext()
            .endSpec()
            .build();

    String refusedPrivileged = refused(privileged);
    String refusedRoot = refused(root);
    Pod elsewhere =
        new PodBuilder(privileged)
            .editMetadata()
            .withNamespace("psa-unlabelled")
            .endMetadata()
            .build();
    kube.admin().resource(elsewhere).create();

    assertThat(refusedPrivileged)
        .contains("violates PodSecurity \"restricted:latest\"")
        .contains("privileged");
    assertThat(refusedRoot).contains("violates PodSecurity").contains("runAsNonRoot");
    assertThat(kube.admin().pods().inNamespace("psa-unlabelled").withName("privileged").get())
        .isNotNull();
  }

  private static String refused(Pod pod) {
    try {
      kube.admin().resource(pod).create();
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).as(e.getMessage()).isEqualTo(403);
      assertThat(kube.admin().resource(pod).get()).isNull();
      return e.getMessage();
    }
    throw new AssertionError(pod.getMetadata().getName() + " was admitted at restricted");
  }

  /** "SOURCE Kind/name" to the pod spec of every workload among the objects. */
  private static Map<String, PodSpec> templates(
      String source, List<GenericKubernetesResource> objects) {
    Map<String, PodSpec> out = new LinkedHashMap<>();
    for (GenericKubernetesResource o : objects) {
      Object spec = o.getAdditionalProperties().get("spec");
      String at =
          switch (o.getKind()) {
            case "CronJob" -> "/jobTemplate/spec/template";
            case "Job", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet" -> "/template";
            default -> null;
          };
      if (at != null) {
        var tree = Serialization.jsonMapper().valueToTree(spec).at(at);
        PodTemplateSpec t = Serialization.jsonMapper().convertValue(tree, PodTemplateSpec.class);
        out.put(source + " " + KubeYaml.describe(o), t.getSpec());
      }
    }
    return out;
  }
}
