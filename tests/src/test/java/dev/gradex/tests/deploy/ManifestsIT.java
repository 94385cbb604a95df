package dev.gradex.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s/: every file a kustomization lists parses with fabric8's model; the watcher's Role grants
 * exactly the verbs the watcher sends (recorded by fabric8's mock API server). No kubectl needed.
 * That the objects are valid, admitted and authorised is proved on a real API server ({@code
 * dev.gradex.tests.kube.KubeManifestsIT}, {@code KubeRbacIT}, {@code KubePodSecurityIT}).
 */
@EnableKubernetesMockClient(crud = true)
@Tag("fast")
class ManifestsIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static KubernetesClient client;
  static KubernetesMockServer server;

  @TempDir Path dir;

  @Test
  void baseAndMlflow_parseAsTypedObjectsInTheGradexNamespace() throws Exception {
    List<HasMetadata> base = kustomization("k8s/base");
    List<HasMetadata> mlflow = kustomization("k8s/mlflow");

    assertThat(base)
        .extracting(KubeObjects::describe)
        .contains(
            "Namespace/gradex",
            "ServiceAccount/gradex-watcher",
            "Role/gradex-watcher",
            "RoleBinding/gradex-watcher",
            "PersistentVolumeClaim/gradex-data",
            "ConfigMap/gradex-watch-config",
            "CronJob/gradex-watch");
    assertThat(mlflow)
        .extracting(KubeObjects::describe)
        .contains(
            "Deployment/gradex-mlflow",
            "StatefulSet/gradex-mlflow-postgres",
            "Service/gradex-mlflow",
            "Secret/gradex-mlflow");
    for (HasMetadata o : concat(base, mlflow)) {
      if (!(o instanceof Namespace)) {
        assertThat(o.getMetadata().getNamespace()).as(KubeObjects.describe(o)).isEqualTo("gradex");
      }
    }
  }

  @Test
  void watcherCronJob_runsNonRootOneAtATimeWithTheWatcherServiceAccount() throws Exception {
    CronJob cj = KubeObjects.only(kustomization("k8s/base"), CronJob.class, "gradex-watch");

    assertThat(cj.getSpec().getSchedule()).isEqualTo("*/15 * * * *");
    assertThat(cj.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    var pod = cj.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("gradex-watcher");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getContainers().get(0).getCommand())
        .containsExactly("java", "-cp", "@/app/jib-classpath-file", "dev.gradex.watch.WatchMain");
  }

  @Test
  void watcherRole_grantsExactlyTheVerbsTheWatcherSends() throws Exception {
    Role role = KubeObjects.only(kustomization("k8s/base"), Role.class, "gradex-watcher");

    var used = WatcherRequests.verbsUsed(client, server, "gradex", dir);

    assertThat(used)
        .containsExactlyInAnyOrder(
            "get configmaps/gradex-watch-state",
            "update configmaps/gradex-watch-state",
            "create configmaps");
    assertThat(KubeObjects.grants(role)).isEqualTo(used);
  }

  @Test
  void withMlflowOverlay_referencesTheBaseAndTheComponent() throws Exception {
    JsonNode k = YAML.readTree(Tools.root().resolve("k8s/with-mlflow/kustomization.yaml").toFile());

    assertThat(k.at("/resources/0").asText()).isEqualTo("../base");
    assertThat(k.at("/components/0").asText()).isEqualTo("../mlflow");
    assertThat(
            YAML.readTree(Tools.root().resolve("k8s/mlflow/kustomization.yaml").toFile())
                .get("kind")
                .asText())
        .isEqualTo("Component");
  }

  /**
   * The objects of every file a kustomization lists, with its namespace applied as kustomize would.
   */
  static List<HasMetadata> kustomization(String folder) throws IOException {
    Path dir = Tools.root().resolve(folder);
    JsonNode k = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
    List<HasMetadata> out = new ArrayList<>();
    for (JsonNode r : k.path("resources")) {
      Path file = dir.resolve(r.asText());
      assertThat(file).as("%s lists %s", folder, r.asText()).isRegularFile();
      out.addAll(KubeObjects.parse(Files.readString(file)));
    }
    if (k.has("namespace")) {
      String ns = k.get("namespace").asText();
      out.stream()
          .filter(o -> !(o instanceof Namespace))
          .forEach(o -> o.getMetadata().setNamespace(ns));
    }
    return out;
  }

  private static List<HasMetadata> concat(List<HasMetadata> a, List<HasMetadata> b) {
    List<HasMetadata> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
