package dev.gradex.tests.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.tests.deploy.Helm;
import dev.gradex.tests.deploy.Tools;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * k8s/base, k8s/with-mlflow (rendered by {@link Kustomize}) and the chart (real helm) with default
 * and with full values, applied to a real kube-apiserver by server-side apply with strict field
 * validation, as a dry run and then for real: every object is accepted. An edit with a misspelt
 * field or a wrong type is rejected, so the check can fail.
 */
@Tag("kube")
class KubeManifestsIT {
  @RegisterExtension static final KubeApiServer kube = new KubeApiServer();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void kustomizeBaseThenWithMlflow_strictDryRunThenApply_everyObjectIsAccepted() throws Exception {
    List<GenericKubernetesResource> base = Kustomize.render(Tools.root().resolve("k8s/base"));
    List<GenericKubernetesResource> withMlflow =
        Kustomize.render(Tools.root().resolve("k8s/with-mlflow"));

    KubeYaml.dryRunThenApply(kube.admin(), base);
    KubeYaml.dryRunThenApply(kube.admin(), withMlflow);

    assertThat(base)
        .extracting(KubeYaml::describe)
        .containsExactly(
            "Namespace/gradex",
            "ServiceAccount/gradex-watcher",
            "Role/gradex-watcher",
            "RoleBinding/gradex-watcher",
            "PersistentVolumeClaim/gradex-data",
            "ConfigMap/gradex-watch-config",
            "CronJob/gradex-watch");
    assertThat(withMlflow)
        .extracting(KubeYaml::describe)
        .containsAll(base.stream().map(KubeYaml::describe).toList())
        .contains(
            "Secret/gradex-mlflow",
            "StatefulSet/gradex-mlflow-postgres",
            "Deployment/gradex-mlflow",
            "Service/gradex-mlflow");
    var cronJob =
        kube.admin().batch().v1().cronjobs().inNamespace("gradex").withName("gradex-watch").get();
    assertThat(cronJob.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/part-of", "gradex");
    assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
  }

  @Test
  void chartWithDefaultAndFullValues_strictDryRunThenApply_everyObjectIsAccepted()
      throws Exception {
    kube.namespace("chart-default", Map.of());
    kube.namespace("chart-full", Map.of());
    List<GenericKubernetesResource> defaults =
        KubeYaml.parse(Helm.yamlIn("chart-default", "default"));
    List<GenericKubernetesResource> full =
        KubeYaml.parse(Helm.yamlIn("chart-full", "full", "-f", Helm.path(Helm.CI_VALUES)));

    KubeYaml.dryRunThenApply(kube.admin(), defaults);
    KubeYaml.dryRunThenApply(kube.admin(), full);

    assertThat(defaults).hasSize(7);
    assertThat(full)
        .extracting(KubeYaml::describe)
        .contains(
            "CronJob/gradex-watch",
            "Job/gradex-publish-pipeline",
            "Deployment/gradex-mlflow",
            "StatefulSet/gradex-mlflow-postgres");
    assertThat(
            kube.admin()
                .batch()
                .v1()
                .jobs()
                .inNamespace("chart-full")
                .withName("gradex-publish-pipeline")
                .get())
        .isNotNull();
  }

  @Test
  void invalidEdits_misspeltFieldsAndAWrongType_areRejectedWithTheFieldNamed() throws Exception {
    kube.namespace("invalid-edits", Map.of());
    GenericKubernetesResource cronJob = baseCronJob();
    KubernetesClient admin = kube.admin();

    String topLevel = rejected(admin, edit(cronJob, "/spec", "concurrencyPolcy", "Forbid"));
    String deep =
        rejected(
            admin,
            edit(
                cronJob,
                "/spec/jobTemplate/spec/template/spec/containers/0",
                "imagePulPolicy",
                "Always"));
    String wrongType =
        rejected(admin, edit(cronJob, "/spec", "successfulJobsHistoryLimit", "three"));
    KubeYaml.dryRunThenApply(admin, List.of(cronJob));

    assertThat(topLevel).contains("concurrencyPolcy");
    assertThat(deep).contains("imagePulPolicy");
    assertThat(wrongType).contains("successfulJobsHistoryLimit");
  }

  /** The message of the server's refusal, as a dry run and for real; nothing is stored. */
  private static String rejected(KubernetesClient admin, GenericKubernetesResource o) {
    for (boolean dryRun : List.of(true, false)) {
      assertThatThrownBy(() -> KubeYaml.apply(admin, o, dryRun))
          .as("%s (dry run: %s)", KubeYaml.describe(o), dryRun)
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              // Server-side apply answers an undeclared field with 500 ("field not declared in
              // schema"), a create with 400 (strict decoding error): the message names it.
              e -> assertThat(e.getCode()).as(e.getMessage()).isIn(400, 422, 500));
    }
    assertThat(admin.resource(o).get()).isNull();
    try {
      KubeYaml.apply(admin, o, true);
      throw new AssertionError("unreachable");
    } catch (KubernetesClientException e) {
      return e.getMessage();
    }
  }

  private static GenericKubernetesResource baseCronJob() throws Exception {
    GenericKubernetesResource cj =
        Kustomize.render(Tools.root().resolve("k8s/base")).stream()
            .filter(o -> "CronJob".equals(o.getKind()))
            .findFirst()
            .orElseThrow();
    cj.getMetadata().setNamespace("invalid-edits");
    return cj;
  }

  /** A copy of {@code o} with {@code field} set to {@code value} in the object at {@code at}. */
  private static GenericKubernetesResource edit(
      GenericKubernetesResource o, String at, String field, Object value) throws Exception {
    JsonNode tree = JSON.valueToTree(o);
    JsonNode target = tree.at(at);
    assertThat(target.isObject()).as("%s in %s", at, KubeYaml.describe(o)).isTrue();
    ((ObjectNode) target).set(field, JSON.valueToTree(value));
    return JSON.treeToValue(tree, GenericKubernetesResource.class);
  }
}
