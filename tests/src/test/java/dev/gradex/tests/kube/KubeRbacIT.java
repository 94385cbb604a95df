package dev.gradex.tests.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.tests.deploy.Helm;
import dev.gradex.watch.ConfigMapStateStore;
import dev.gradex.watch.LocalDigester;
import dev.gradex.watch.RunLauncher;
import dev.gradex.watch.SourceDigests;
import dev.gradex.watch.SourceSpec;
import dev.gradex.watch.WatchOutcome;
import dev.gradex.watch.Watcher;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher's RBAC evaluated by a real authoriser: the chart (default values) is applied to
 * namespace gradex, and the watcher acts as the chart's ServiceAccount with a token from the
 * TokenRequest API. It can run its passes on its state ConfigMap; access reviews (self and by the
 * admin) and real requests show it can do nothing else tried: secrets here or elsewhere, pods/exec,
 * other ConfigMaps, other namespaces, cluster-scoped reads.
 */
@Tag("kube")
class KubeRbacIT {
  @RegisterExtension static final KubeApiServer kube = new KubeApiServer();
  private static final String NS = "gradex";
  private static final String SA = "gradex-watcher";
  private static final String STATE = "gradex-watch-state";
  private static final String USER = "system:serviceaccount:" + NS + ":" + SA;

  @TempDir Path dir;

  @BeforeAll
  static void chartAndNeighbours() throws Exception {
    kube.namespace(NS, Map.of("pod-security.kubernetes.io/enforce", "restricted"));
    KubeYaml.dryRunThenApply(kube.admin(), KubeYaml.parse(Helm.yamlIn(NS, "gradex")));
    kube.namespace("other", Map.of());
    for (String ns : List.of(NS, "other")) {
      kube.admin()
          .secrets()
          .inNamespace(ns)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("credentials")
                  .endMetadata()
                  .addToStringData("token", "not-for-the-watcher")
                  .build())
          .create();
    }
    kube.admin()
        .configMaps()
        .inNamespace("other")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(STATE)
                .endMetadata()
                .addToData("state.json", "{}")
                .build())
        .create();
  }

  @Test
  void watcherServiceAccount_runsFirstUnchangedAndChangedPassesOnItsStateConfigMap()
      throws Exception {
    KubernetesClient watcherClient = kube.clientAs(NS, SA);
    Path source = Files.writeString(dir.resolve("source.jsonl"), "{\"text\":\"a\"}\n");
    List<String> started = new ArrayList<>();
    Watcher watcher =
        new Watcher(
            List.of(new SourceSpec("s", source.toString())),
            new SourceDigests(new LocalDigester(), null),
            new ConfigMapStateStore(watcherClient, NS, STATE),
            launcher(started),
            Clock.systemUTC());

    WatchOutcome first = watcher.run(false);
    WatchOutcome unchanged = watcher.run(false);
    Files.writeString(source, "{\"text\":\"b\"}\n");
    WatchOutcome changed = watcher.run(false);

    assertThat(first.action()).as(first.summary()).isEqualTo(WatchOutcome.Action.STARTED);
    assertThat(unchanged.action()).as(unchanged.summary()).isEqualTo(WatchOutcome.Action.UNCHANGED);
    assertThat(changed.action()).as(changed.summary()).isEqualTo(WatchOutcome.Action.STARTED);
    assertThat(started).containsExactly("run-1", "run-2");
    ConfigMap state = kube.admin().configMaps().inNamespace(NS).withName(STATE).get();
    assertThat(state.getData().get("state.json")).contains("run-2");
    assertThat(state.getMetadata().getAnnotations()).doesNotContainKey(ConfigMapStateStore.CLAIM);
  }

  @Test
  void accessReviews_allowTheStateConfigMapOnly_denyEverythingElseTried() {
    KubernetesClient watcherClient = kube.clientAs(NS, SA);
    List<ResourceAttributes> allowed =
        List.of(
            attrs(NS, "get", "configmaps", STATE, null),
            attrs(NS, "update", "configmaps", STATE, null),
            attrs(NS, "create", "configmaps", null, null));
    List<ResourceAttributes> denied =
        List.of(
            attrs(NS, "get", "secrets", "credentials", null),
            attrs(NS, "list", "secrets", null, null),
            attrs("other", "get", "secrets", "credentials", null),
            attrs("kube-system", "list", "secrets", null, null),
            attrs(NS, "create", "pods", "watch-pod", "exec"),
            attrs(NS, "get", "pods", null, null),
            attrs(NS, "get", "configmaps", "gradex-watch-config", null),
            attrs(NS, "update", "configmaps", "gradex-pipeline-options", null),
            attrs(NS, "delete", "configmaps", STATE, null),
            attrs(NS, "patch", "configmaps", STATE, null),
            attrs(NS, "list", "configmaps", null, null),
            attrs(NS, "watch", "configmaps", null, null),
            attrs("other", "get", "configmaps", STATE, null),
            attrs("other", "update", "configmaps", STATE, null),
            attrs("other", "create", "configmaps", null, null),
            attrs(NS, "update", "roles", SA, null),
            attrs(null, "list", "namespaces", null, null),
            attrs(null, "list", "nodes", null, null),
            attrs(null, "get", "clusterroles", "cluster-admin", null));

    for (ResourceAttributes a : allowed) {
      assertThat(self(watcherClient, a)).as("self review %s", a).isTrue();
      assertThat(byAdmin(a)).as("review of %s by the admin: %s", USER, a).isTrue();
    }
    for (ResourceAttributes a : denied) {
      assertThat(self(watcherClient, a)).as("self review %s", a).isFalse();
      assertThat(byAdmin(a)).as("review of %s by the admin: %s", USER, a).isFalse();
    }
  }

  @Test
  void realRequests_outsideTheStateConfigMap_areForbidden() {
    KubernetesClient c = kube.clientAs(NS, SA);
    List<Consumer<KubernetesClient>> calls =
        List.of(
            k -> k.secrets().inNamespace(NS).withName("credentials").get(),
            k -> k.secrets().inNamespace("other").withName("credentials").get(),
            k -> k.secrets().inNamespace("kube-system").list(),
            k -> k.configMaps().inNamespace(NS).withName("gradex-watch-config").get(),
            k -> k.configMaps().inNamespace(NS).list(),
            k -> k.configMaps().inNamespace("other").withName(STATE).get(),
            k -> k.configMaps().inNamespace(NS).withName("gradex-pipeline-options").delete(),
            k -> k.pods().inNamespace(NS).list(),
            k ->
                k.raw(
                    "/api/v1/namespaces/" + NS + "/pods/any/exec?command=id&stdout=true",
                    "POST",
                    null),
            k -> k.namespaces().list(),
            k -> k.nodes().list(),
            k -> k.rbac().clusterRoles().withName("cluster-admin").get());

    for (int i = 0; i < calls.size(); i++) {
      Consumer<KubernetesClient> call = calls.get(i);
      assertThatThrownBy(() -> call.accept(c))
          .as("request %d", i)
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> assertThat(e.getCode()).as(e.getMessage()).isEqualTo(403));
    }
  }

  private static boolean self(KubernetesClient c, ResourceAttributes a) {
    return c.authorization()
        .v1()
        .selfSubjectAccessReview()
        .create(
            new SelfSubjectAccessReviewBuilder()
                .withNewSpec()
                .withResourceAttributes(a)
                .endSpec()
                .build())
        .getStatus()
        .getAllowed();
  }

  private static boolean byAdmin(ResourceAttributes a) {
    return kube.admin()
        .authorization()
        .v1()
        .subjectAccessReview()
        .create(
            new SubjectAccessReviewBuilder()
                .withNewSpec()
                .withUser(USER)
                .withGroups(
                    "system:serviceaccounts",
                    "system:serviceaccounts:" + NS,
                    "system:authenticated")
                .withResourceAttributes(a)
                .endSpec()
                .build())
        .getStatus()
        .getAllowed();
  }

  private static ResourceAttributes attrs(
      String namespace, String verb, String resource, String name, String subresource) {
    String group =
        List.of("roles", "clusterroles").contains(resource) ? "rbac.authorization.k8s.io" : "";
    return new ResourceAttributesBuilder()
        .withNamespace(namespace)
        .withVerb(verb)
        .withGroup(group)
        .withResource(resource)
        .withName(name)
        .withSubresource(subresource)
        .build();
  }

  private static RunLauncher launcher(List<String> started) {
    return new RunLauncher() {
      @Override
      public Optional<String> activeRun() {
        return Optional.empty();
      }

      @Override
      public String start(SortedMap<String, String> digests, SortedMap<String, String> changes) {
        started.add("run-" + (started.size() + 1));
        return started.get(started.size() - 1);
      }
    };
  }
}
