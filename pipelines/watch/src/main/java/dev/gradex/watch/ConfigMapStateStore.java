package dev.gradex.watch;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * State in a ConfigMap (key {@code state.json}). Uses only get, create and update on that one
 * ConfigMap: the watcher's Role grants exactly these, and a test checks it.
 *
 * <p>Passes in different pods exclude each other through the API server's optimistic concurrency: a
 * pass first claims the ConfigMap, writing the annotation {@value #CLAIM} ({@code <holder>
 * <expiry>}) by an update that carries the resourceVersion it read (or by creating the ConfigMap).
 * Of two passes that read the same version, the server accepts one write and answers the other 409
 * Conflict; the loser, like a pass that finds a live claim, throws {@link StateContendedException}
 * before it starts anything. The winner records its run and removes the claim. A claim left by a
 * pass that died expires after {@link #CLAIM_TTL}.
 */
public final class ConfigMapStateStore implements StateStore {
  static final String KEY = "state.json";

  /** The annotation that holds a pass's claim. */
  public static final String CLAIM = "gradex.dev/pass-claim";

  /** How long a claim holds if its pass never removes it (longer than any pass takes). */
  public static final Duration CLAIM_TTL = Duration.ofMinutes(30);

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final Clock clock;
  private ConfigMap last;

  public ConfigMapStateStore(KubernetesClient client, String namespace, String name) {
    this(client, namespace, name, Clock.systemUTC());
  }

  ConfigMapStateStore(KubernetesClient client, String namespace, String name, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.clock = clock;
  }

  @Override
  public <T> T exclusively(Pass<T> pass) throws IOException {
    return PassLocks.inThisJvm(
        describe(),
        () -> {
          String holder = claim();
          try {
            return pass.run();
          } finally {
            release(holder);
          }
        });
  }

  @Override
  public Optional<WatchState> load() {
    last = client.configMaps().inNamespace(namespace).withName(name).get();
    if (last == null || last.getData() == null || !last.getData().containsKey(KEY)) {
      return Optional.empty();
    }
    return Optional.of(WatchState.fromJson(last.getData().get(KEY)));
  }

  @Override
  public void save(WatchState state) {
    Map<String, String> data = Map.of(KEY, state.toJson());
    if (last == null) {
      last = client.configMaps().inNamespace(namespace).resource(fresh(data, null)).create();
    } else {
      ConfigMap updated = new ConfigMapBuilder(last).withData(data).build();
      last = client.configMaps().inNamespace(namespace).resource(updated).update();
    }
  }

  @Override
  public String describe() {
    return "ConfigMap " + namespace + "/" + name;
  }

  /** Writes this pass's claim; returns the holder id it wrote. */
  private String claim() throws StateContendedException {
    String holder = UUID.randomUUID().toString();
    String value = holder + " " + clock.instant().plus(CLAIM_TTL);
    ConfigMap current = client.configMaps().inNamespace(namespace).withName(name).get();
    try {
      if (current == null) {
        last = client.configMaps().inNamespace(namespace).resource(fresh(null, value)).create();
      } else {
        String held = annotation(current);
        if (held != null && live(held)) {
          throw new StateContendedException(
              describe() + " is claimed by another pass (" + held + ")");
        }
        ConfigMap claimed =
            new ConfigMapBuilder(current)
                .editMetadata()
                .addToAnnotations(CLAIM, value)
                .endMetadata()
                .build();
        last = client.configMaps().inNamespace(namespace).resource(claimed).update();
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new StateContendedException(
            describe() + " was claimed by another pass at the same time (409 Conflict)", e);
      }
      throw e;
    }
    return holder;
  }

  /** Removes this pass's claim (if it is still this pass's). */
  private void release(String holder) {
    ConfigMap current = client.configMaps().inNamespace(namespace).withName(name).get();
    String held = current == null ? null : annotation(current);
    if (held == null || !held.startsWith(holder + " ")) {
      return;
    }
    ConfigMap released =
        new ConfigMapBuilder(current)
            .editMetadata()
            .removeFromAnnotations(CLAIM)
            .endMetadata()
            .build();
    try {
      last = client.configMaps().inNamespace(namespace).resource(released).update();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // Another pass took over an expired claim meanwhile: the claim is no longer ours to remove.
    }
  }

  private boolean live(String held) {
    int space = held.lastIndexOf(' ');
    try {
      return Instant.parse(held.substring(space + 1)).isAfter(clock.instant());
    } catch (DateTimeParseException e) {
      return false; // unreadable: treat as expired
    }
  }

  private static String annotation(ConfigMap cm) {
    Map<String, String> a = cm.getMetadata().getAnnotations();
    return a == null ? null : a.get(CLAIM);
  }

  private ConfigMap fresh(Map<String, String> data, String claim) {
    ConfigMapBuilder b =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels("app.kubernetes.io/part-of", "gradex")
            .addToLabels("app.kubernetes.io/component", "watch-state")
            .endMetadata();
    if (claim != null) {
      b.editMetadata().addToAnnotations(CLAIM, claim).endMetadata();
    }
    return b.withData(data).build();
  }
}
