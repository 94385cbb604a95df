package dev.gradex.watch;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;

/**
 * State in a ConfigMap (key {@code state.json}). Uses only get, create and update on that one
 * ConfigMap: the watcher's Role grants exactly these, and a test checks it. Updates carry the
 * resourceVersion read, so two concurrent watchers cannot both record.
 */
public final class ConfigMapStateStore implements StateStore {
  static final String KEY = "state.json";
  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private ConfigMap last;

  public ConfigMapStateStore(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
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
      ConfigMap created =
          new ConfigMapBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(namespace)
              .addToLabels("app.kubernetes.io/part-of", "gradex")
              .addToLabels("app.kubernetes.io/component", "watch-state")
              .endMetadata()
              .withData(data)
              .build();
      last = client.configMaps().inNamespace(namespace).resource(created).create();
    } else {
      ConfigMap updated = new ConfigMapBuilder(last).withData(data).build();
      last = client.configMaps().inNamespace(namespace).resource(updated).update();
    }
  }

  @Override
  public String describe() {
    return "ConfigMap " + namespace + "/" + name;
  }
}
