package dev.gradex.tests.deploy;

import dev.gradex.watch.ConfigMapStateStore;
import dev.gradex.watch.LocalDigester;
import dev.gradex.watch.RunLauncher;
import dev.gradex.watch.SourceDigests;
import dev.gradex.watch.SourceSpec;
import dev.gradex.watch.WatchOutcome;
import dev.gradex.watch.Watcher;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Drives the watcher through every path that touches Kubernetes (first run, unchanged, changed)
 * against a mock API server and returns the RBAC verbs its requests needed.
 */
final class WatcherRequests {
  private WatcherRequests() {}

  static Set<String> verbsUsed(
      KubernetesClient client, KubernetesMockServer server, String namespace, Path dir)
      throws Exception {
    return verbsUsed(client, server, namespace, "gradex-watch-state", dir);
  }

  /** As above, with the state in ConfigMap {@code stateName}. */
  static Set<String> verbsUsed(
      KubernetesClient client,
      KubernetesMockServer server,
      String namespace,
      String stateName,
      Path dir)
      throws Exception {
    drain(server);
    Path source = Files.writeString(dir.resolve("source.jsonl"), "{\"text\":\"a\"}\n");
    RunLauncher runs =
        new RunLauncher() {
          private int n;

          @Override
          public Optional<String> activeRun() {
            return Optional.empty();
          }

          @Override
          public String start(SortedMap<String, String> d, SortedMap<String, String> c) {
            return "run-" + ++n;
          }
        };
    Watcher watcher =
        new Watcher(
            List.of(new SourceSpec("s", source.toString())),
            new SourceDigests(new LocalDigester(), null),
            new ConfigMapStateStore(client, namespace, stateName),
            runs,
            Clock.systemUTC());
    expect(watcher.run(false), WatchOutcome.Action.STARTED);
    expect(watcher.run(false), WatchOutcome.Action.UNCHANGED);
    Files.writeString(source, "{\"text\":\"b\"}\n");
    expect(watcher.run(false), WatchOutcome.Action.STARTED);
    Set<String> verbs = new TreeSet<>();
    for (RecordedRequest r; (r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) {
      verbs.add(verb(r, namespace));
    }
    return verbs;
  }

  private static void expect(WatchOutcome o, WatchOutcome.Action action) {
    if (o.action() != action) {
      throw new AssertionError("expected " + action + " but " + o.summary());
    }
  }

  private static void drain(KubernetesMockServer server) throws InterruptedException {
    while (server.takeRequest(50, TimeUnit.MILLISECONDS) != null) {
      // requests of earlier tests
    }
  }

  /** "verb resource[/name]" as RBAC sees the request. */
  static String verb(RecordedRequest r, String namespace) {
    URI uri = URI.create(r.getPath());
    String path = uri.getRawPath();
    String prefix = "/api/v1/namespaces/" + namespace + "/";
    if (!path.startsWith(prefix)) {
      return r.getMethod() + " " + path + " (outside the namespace)";
    }
    String[] parts = path.substring(prefix.length()).split("/");
    String resource = parts[0] + (parts.length > 1 ? "/" + parts[1] : "");
    boolean watch = uri.getRawQuery() != null && uri.getRawQuery().contains("watch=true");
    String verb =
        switch (r.getMethod()) {
          case "GET" -> watch ? "watch" : parts.length > 1 ? "get" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> parts.length > 1 ? "delete" : "deletecollection";
          default -> r.getMethod();
        };
    return verb + " " + resource;
  }
}
