package dev.gradex.tests.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.tests.Cli;
import dev.gradex.tests.deploy.Helm;
import dev.gradex.tests.faults.FaultProxy;
import dev.gradex.watch.ConfigMapStateStore;
import dev.gradex.watch.FakeKfp;
import dev.gradex.watch.WatchMain;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two watchers (two WatchMain JVMs, as two CronJob pods would be) started at once on one ConfigMap
 * state on a real API server, as the chart's ServiceAccount. A proxy in front of the server holds
 * each watcher's first read of the state until both have sent it, so both act on the same
 * resourceVersion: first when the ConfigMap does not exist yet (both create it), then after a
 * change of the source (both update it). Each time exactly one run is started in KFP (the watcher's
 * fake KFP server), and the other watcher is answered 409 by the server and backs off.
 */
@Tag("kube")
class KubeWatcherRaceIT {
  @RegisterExtension static final KubeApiServer kube = new KubeApiServer();
  private static final String NS = "gradex";
  private static final String STATE = "gradex-watch-state";
  private static final String STATE_PATH = "/api/v1/namespaces/" + NS + "/configmaps/" + STATE;

  @TempDir static Path dir;
  private static FakeKfp kfp;
  private static FaultProxy proxy;

  @BeforeAll
  static void chartAndPeers() throws Exception {
    kube.namespace(NS, Map.of());
    KubeYaml.dryRunThenApply(kube.admin(), KubeYaml.parse(Helm.yamlIn(NS, "gradex")));
    kfp = new FakeKfp();
    proxy =
        new FaultProxy(
            java.net.URI.create(kube.url()),
            (i, m, p) -> FaultProxy.Action.forward(),
            kube.sslContext());
  }

  @AfterAll
  static void stopPeers() {
    if (proxy != null) {
      proxy.close();
    }
    if (kfp != null) {
      kfp.close();
    }
  }

  @Test
  void twoWatchersAtOnce_createThenUpdate_oneRunPerSourceVersion_theLoserSees409()
      throws Exception {
    Path source = Files.writeString(dir.resolve("source.jsonl"), "{\"text\":\"a\"}\n");
    Path config = watchConfig(source);
    Path kubeconfig = kubeconfig(kube.token(NS, "gradex-watcher"));

    List<String> first = race("create", config, kubeconfig);
    assertThat(kfp.createdRuns()).as(String.join("\n", first)).hasSize(1);
    ConfigMap afterFirst = state();
    kfp.setAllRunStates("SUCCEEDED");
    Files.writeString(source, "{\"text\":\"b\"}\n");
    List<String> second = race("update", config, kubeconfig);

    assertThat(kfp.createdRuns()).as(String.join("\n", second)).hasSize(2);
    for (List<String> outputs : List.of(first, second)) {
      assertThat(outputs).filteredOn(o -> o.contains("started run")).hasSize(1);
      assertThat(outputs)
          .filteredOn(o -> o.contains("backed off, none started") && o.contains("409 Conflict"))
          .hasSize(1);
    }
    assertThat(proxy.seen())
        .filteredOn(s -> s.status() == 409)
        .extracting(s -> s.method() + " " + s.path())
        .containsExactly("POST /api/v1/namespaces/" + NS + "/configmaps", "PUT " + STATE_PATH);
    ConfigMap last = state();
    assertThat(afterFirst.getData().get("state.json"))
        .contains(kfp.createdRuns().get(0).get("run_id").asText());
    assertThat(last.getData().get("state.json"))
        .contains(kfp.createdRuns().get(1).get("run_id").asText());
    assertThat(last.getMetadata().getAnnotations()).doesNotContainKey(ConfigMapStateStore.CLAIM);
  }

  /** Both watchers at once, their first reads of the state held until both arrived; outputs. */
  private static List<String> race(String round, Path config, Path kubeconfig) throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    AtomicInteger reads = new AtomicInteger();
    proxy.script(
        (i, method, path) -> {
          if ("GET".equals(method) && path.equals(STATE_PATH) && reads.getAndIncrement() < 2) {
            both.countDown();
            try {
              both.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return FaultProxy.Action.forward();
        });
    List<Process> watchers = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      Path log = dir.resolve("watch-" + round + "-" + w + ".log");
      logs.add(log);
      watchers.add(
          Cli.start(
              WatchMain.class.getName(),
              List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
              Map.of("KUBECONFIG", kubeconfig.toString(), "POD_NAMESPACE", NS),
              log,
              "--config",
              config.toString()));
    }
    List<String> outputs = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      boolean done = watchers.get(w).waitFor(3, TimeUnit.MINUTES);
      String out = Files.readString(logs.get(w), StandardCharsets.UTF_8);
      assertThat(done).as("watcher %d ended: %s", w, out).isTrue();
      assertThat(watchers.get(w).exitValue()).as(out).isZero();
      outputs.add(out);
    }
    assertThat(both.getCount()).as("both watchers read the state at once").isZero();
    return outputs;
  }

  private static ConfigMap state() {
    return kube.admin().configMaps().inNamespace(NS).withName(STATE).get();
  }

  private static Path watchConfig(Path source) throws Exception {
    return Files.writeString(
        dir.resolve("watch.yaml"),
        String.join(
            "\n",
            "sources: [{name: web, uri: '" + source + "'}]",
            "kfp: {host: '" + kfp.uri() + "'}",
            "pipeline: gradex",
            "state: {configMap: " + STATE + ", namespace: " + NS + "}",
            ""));
  }

  /** The watchers reach the API server through the proxy, with the ServiceAccount's token. */
  private static Path kubeconfig(String token) throws Exception {
    return Files.writeString(
        dir.resolve("kubeconfig"),
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters: [{name: race, cluster: {server: '" + proxy.uri() + "'}}]",
            "users: [{name: watcher, user: {token: '" + token + "'}}]",
            "contexts: [{name: race, context: {cluster: race, user: watcher, namespace: "
                + NS
                + "}}]",
            "current-context: race",
            ""));
  }
}
