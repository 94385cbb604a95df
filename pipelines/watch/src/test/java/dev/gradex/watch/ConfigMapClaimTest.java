package dev.gradex.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim {@link ConfigMapStateStore} writes before a pass: a live claim of another pass makes
 * this one back off without starting anything; an expired one is taken over, and the pass removes
 * its own claim when it ends. (Two passes racing for the claim on a real API server:
 * KubeWatcherRaceIT in the tests module.)
 */
@EnableKubernetesMockClient(crud = true)
class ConfigMapClaimTest {
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  static KubernetesClient client;

  @TempDir Path dir;

  @Test
  void liveClaimOfAnotherPass_backsOffStartingNothing() throws Exception {
    String name = "live";
    claimedBy(name, "other " + NOW.plusSeconds(60));
    List<String> started = new ArrayList<>();

    WatchOutcome o = watcher(name, started).run(false);

    assertThat(o.action()).isEqualTo(WatchOutcome.Action.CONTENDED);
    assertThat(o.summary())
        .isEqualTo(
            "backed off, none started: ConfigMap gradex/live is claimed by another pass (other "
                + NOW.plusSeconds(60)
                + ")");
    assertThat(started).isEmpty();
    assertThat(state(name).getData()).doesNotContainKey(ConfigMapStateStore.KEY);
  }

  @Test
  void expiredClaim_isTakenOver_andTheClaimIsRemovedAfterThePass() throws Exception {
    String name = "expired";
    claimedBy(name, "dead " + NOW.minusSeconds(1));
    List<String> started = new ArrayList<>();

    WatchOutcome o = watcher(name, started).run(false);

    assertThat(o.action()).as(o.summary()).isEqualTo(WatchOutcome.Action.STARTED);
    assertThat(started).containsExactly("run-1");
    ConfigMap cm = state(name);
    assertThat(cm.getData().get(ConfigMapStateStore.KEY)).contains("run-1");
    assertThat(cm.getMetadata().getAnnotations()).doesNotContainKey(ConfigMapStateStore.CLAIM);
  }

  private Watcher watcher(String name, List<String> started) throws Exception {
    Path source = Files.writeString(dir.resolve("s.jsonl"), "{\"text\":\"a\"}\n");
    RunLauncher runs =
        new RunLauncher() {
          @Override
          public Optional<String> activeRun() {
            return Optional.empty();
          }

          @Override
          public String start(SortedMap<String, String> d, SortedMap<String, String> c) {
            started.add("run-" + (started.size() + 1));
            return started.get(started.size() - 1);
          }
        };
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    return new Watcher(
        List.of(new SourceSpec("s", source.toString())),
        new SourceDigests(new LocalDigester(), null),
        new ConfigMapStateStore(client, "gradex", name, clock),
        runs,
        clock);
  }

  private static void claimedBy(String name, String claim) {
    client
        .configMaps()
        .inNamespace("gradex")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("gradex")
                .addToAnnotations(ConfigMapStateStore.CLAIM, claim)
                .endMetadata()
                .addToData("other", "x")
                .build())
        .create();
  }

  private static ConfigMap state(String name) {
    return client.configMaps().inNamespace("gradex").withName(name).get();
  }
}
