package dev.gradex.kfp.gradex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The KFP 2.17 backend's caching, reproduced over a compiled pipeline: runs its DAG (root tasks,
 * importers, ParallelFor iterations) as the driver does, without executing anything.
 *
 * <p>Why a model: {@code kfp.local} has no cache, and the backend needs MLMD, the API server and
 * Argo, so the rule itself is reproduced here (written from reading {@code
 * backend/src/v2/cacheutils/cache.go} and {@code backend/src/v2/driver/cache.go} at tag 2.17.0):
 *
 * <ul>
 *   <li>a container task's fingerprint is the SHA-256 of its cache key: for every input artifact
 *       the MLMD ids of its artifacts (a runtime artifact's name is its MLMD id), every resolved
 *       input parameter value, the output artifact specs without URIs (name, type, metadata), the
 *       output parameter types, the image, command and args as written in the spec (placeholders
 *       unsubstituted) and the sorted PVC names; the lookup is scoped by pipeline name and
 *       namespace (one pipeline here);
 *   <li>a task with {@code enableCache} whose fingerprint has an entry reuses that execution's
 *       output artifacts (same ids) and does not run; otherwise it runs, its outputs get new ids,
 *       and with {@code enableCache} its fingerprint is recorded;
 *   <li>an importer with {@code reimport} false returns the artifact already imported with the same
 *       URI, type and metadata (metadata as written: the backend does not resolve placeholders in
 *       it), else a new one;
 *   <li>a ParallelFor item is converted to the loop's declared item type, and every resolved input
 *       parameter is type-checked against the component's declared type (the run fails otherwise).
 * </ul>
 */
final class BackendCacheModel {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final Map<String, Object> spec;
  private final Map<String, Object> platformExecutors;
  private final Map<String, Map<String, List<String>>> cache = new HashMap<>();
  private final Map<String, String> imported = new HashMap<>();
  private long nextId = 1;

  /** One run's outcome: for each container task (loop iterations as {@code task[i]}), a hit? */
  record Run(Map<String, Boolean> cached, Map<String, Map<String, List<String>>> outputs) {
    Set<String> misses() {
      Set<String> out = new java.util.TreeSet<>();
      cached.forEach(
          (task, hit) -> {
            if (!hit) {
              out.add(task);
            }
          });
      return out;
    }
  }

  /** A scope: a DAG's input parameters and artifacts, and its tasks' outputs so far. */
  private record Scope(
      Map<String, Object> params,
      Map<String, List<String>> artifacts,
      Map<String, Map<String, List<String>>> outputs,
      String suffix) {}

  BackendCacheModel(Map<String, Object> spec, Map<String, Object> platform) {
    this.spec = spec;
    this.platformExecutors =
        platform == null
            ? Map.of()
            : map(platform, "platforms", "kubernetes", "deploymentSpec", "executors");
  }

  /** Runs the pipeline with its defaults, overridden by {@code parameters}. */
  Run run(Map<String, Object> parameters) {
    Map<String, Object> params = new TreeMap<>();
    map(spec, "root", "inputDefinitions", "parameters")
        .forEach((name, def) -> params.put(name, ((Map<?, ?>) def).get("defaultValue")));
    params.putAll(parameters);
    Map<String, Boolean> cached = new TreeMap<>();
    Scope root = new Scope(params, Map.of(), new LinkedHashMap<>(), "");
    runDag(map(spec, "root", "dag", "tasks"), root, cached);
    return new Run(cached, root.outputs());
  }

  private void runDag(Map<String, Object> tasks, Scope scope, Map<String, Boolean> cached) {
    List<String> pending = new ArrayList<>(tasks.keySet());
    while (!pending.isEmpty()) {
      String next =
          pending.stream()
              .filter(t -> scope.outputs().keySet().containsAll(producers(map(tasks, t))))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("cycle among " + pending));
      pending.remove(next);
      scope.outputs().put(next, runTask(next, map(tasks, next), scope, cached));
    }
  }

  private Map<String, List<String>> runTask(
      String name, Map<String, Object> task, Scope scope, Map<String, Boolean> cached) {
    Map<String, Object> component =
        map(spec, "components", (String) map(task, "componentRef").get("name"));
    if (component.containsKey("dag")) {
      return runLoop(task, component, scope, cached);
    }
    Map<String, Object> executor =
        map(spec, "deploymentSpec", "executors", (String) component.get("executorLabel"));
    Map<String, Object> params = parameters(task, scope);
    if (executor.containsKey("importer")) {
      Map<String, Object> importer = map(executor, "importer");
      String key =
          params.get("uri") + "|" + importer.get("typeSchema") + "|" + importer.get("metadata");
      return Map.of("artifact", List.of(imported.computeIfAbsent(key, k -> newId())));
    }
    typeCheck(name, component, params);
    Map<String, Object> key = new TreeMap<>();
    key.put("inputArtifactNames", artifacts(task, scope));
    key.put("inputParameterValues", params);
    key.put(
        "outputArtifactsSpec",
        map(component, "outputDefinitions").getOrDefault("artifacts", Map.of()));
    key.put(
        "outputParametersSpec",
        map(component, "outputDefinitions").getOrDefault("parameters", Map.of()));
    Map<String, Object> container = map(executor, "container");
    List<Object> cmdArgs = new ArrayList<>((List<?>) container.getOrDefault("command", List.of()));
    cmdArgs.addAll((List<?>) container.getOrDefault("args", List.of()));
    key.put(
        "containerSpec",
        Map.of(
            "image", container.get("image"), "cmdArgs", cmdArgs, "pvcNames", pvcNames(component)));
    String fingerprint = sha256(key);
    boolean enabled = Boolean.TRUE.equals(map(task, "cachingOptions").get("enableCache"));
    Map<String, List<String>> hit = enabled ? cache.get(fingerprint) : null;
    cached.put(name + scope.suffix(), hit != null);
    if (hit != null) {
      return hit;
    }
    Map<String, List<String>> outputs = new TreeMap<>();
    ((Map<?, ?>) map(component, "outputDefinitions").getOrDefault("artifacts", Map.of()))
        .keySet()
        .forEach(k -> outputs.put((String) k, List.of(newId())));
    if (enabled) {
      cache.put(fingerprint, outputs);
    }
    return outputs;
  }

  private Map<String, List<String>> runLoop(
      Map<String, Object> task,
      Map<String, Object> component,
      Scope scope,
      Map<String, Boolean> cached) {
    Map<String, Object> channels = parameters(task, scope);
    Map<String, List<String>> artifactChannels = artifacts(task, scope);
    Map<String, Object> iterator = map(task, "parameterIterator");
    String itemInput = (String) iterator.get("itemInput");
    Map<String, Object> items = map(iterator, "items");
    List<?> values =
        items.containsKey("inputParameter")
            ? (List<?>) channels.get(items.get("inputParameter"))
            : read((String) items.get("raw"));
    String itemType =
        (String) map(component, "inputDefinitions", "parameters", itemInput).get("parameterType");
    Map<String, List<String>> collected = new TreeMap<>();
    Map<String, Object> selectors = map(component, "dag", "outputs", "artifacts");
    for (int i = 0; i < values.size(); i++) {
      Map<String, Object> params = new TreeMap<>(channels);
      params.put(itemInput, convert(values.get(i), itemType));
      Scope inner = new Scope(params, artifactChannels, new LinkedHashMap<>(), "[" + i + "]");
      runDag(map(component, "dag", "tasks"), inner, cached);
      selectors.forEach(
          (channel, sel) -> {
            Map<?, ?> s = (Map<?, ?>) ((List<?>) ((Map<?, ?>) sel).get("artifactSelectors")).get(0);
            collected
                .computeIfAbsent(channel, c -> new ArrayList<>())
                .addAll(
                    inner
                        .outputs()
                        .get((String) s.get("producerSubtask"))
                        .get((String) s.get("outputArtifactKey")));
          });
    }
    return collected;
  }

  private Map<String, Object> parameters(Map<String, Object> task, Scope scope) {
    Map<String, Object> out = new TreeMap<>();
    Map<String, Object> inputs = map(task, "inputs");
    ((Map<?, ?>) inputs.getOrDefault("parameters", Map.of()))
        .forEach(
            (name, binding) -> {
              Map<?, ?> b = (Map<?, ?>) binding;
              Object value =
                  b.containsKey("componentInputParameter")
                      ? scope.params().get(b.get("componentInputParameter"))
                      : ((Map<?, ?>) b.get("runtimeValue")).get("constant");
              out.put((String) name, normalize(value));
            });
    return out;
  }

  private Map<String, List<String>> artifacts(Map<String, Object> task, Scope scope) {
    Map<String, List<String>> out = new TreeMap<>();
    ((Map<?, ?>) map(task, "inputs").getOrDefault("artifacts", Map.of()))
        .forEach(
            (name, binding) -> {
              Map<?, ?> b = (Map<?, ?>) binding;
              if (b.containsKey("componentInputArtifact")) {
                out.put((String) name, scope.artifacts().get(b.get("componentInputArtifact")));
              } else {
                Map<?, ?> ref = (Map<?, ?>) b.get("taskOutputArtifact");
                out.put(
                    (String) name,
                    scope.outputs().get(ref.get("producerTask")).get(ref.get("outputArtifactKey")));
              }
            });
    return out;
  }

  private static Set<String> producers(Map<String, Object> task) {
    Set<String> out = new java.util.TreeSet<>();
    ((List<?>) task.getOrDefault("dependentTasks", List.of())).forEach(t -> out.add((String) t));
    ((Map<?, ?>) map(task, "inputs").getOrDefault("artifacts", Map.of()))
        .values()
        .forEach(
            b -> {
              Object ref = ((Map<?, ?>) b).get("taskOutputArtifact");
              if (ref != null) {
                out.add((String) ((Map<?, ?>) ref).get("producerTask"));
              }
            });
    return out;
  }

  private List<String> pvcNames(Map<String, Object> component) {
    Object exec = platformExecutors.get(component.get("executorLabel"));
    List<String> out = new ArrayList<>();
    if (exec instanceof Map<?, ?> e && e.get("pvcMount") instanceof List<?> mounts) {
      mounts.forEach(m -> out.add((String) ((Map<?, ?>) m).get("constant")));
    }
    return out.stream().distinct().sorted().toList();
  }

  /** The driver's check: a resolved value of the wrong kind fails the task before it runs. */
  private static void typeCheck(
      String task, Map<String, Object> component, Map<String, Object> params) {
    map(component, "inputDefinitions", "parameters")
        .forEach(
            (name, def) -> {
              String type = (String) ((Map<?, ?>) def).get("parameterType");
              Object v = params.get(name);
              boolean ok =
                  switch (type) {
                    case "NUMBER_INTEGER", "NUMBER_DOUBLE" -> v instanceof Number;
                    case "STRING" -> v instanceof String;
                    case "BOOLEAN" -> v instanceof Boolean;
                    case "LIST" -> v instanceof List;
                    default -> v instanceof Map;
                  };
              if (!ok) {
                throw new IllegalStateException(
                    task
                        + ": input parameter \""
                        + name
                        + "\" type mismatch: expect "
                        + type
                        + ", got "
                        + v);
              }
            });
  }

  /** A loop item as the driver hands it on: converted to the loop's declared item type. */
  private static Object convert(Object item, String type) {
    if ("STRING".equals(type) && !(item instanceof String)) {
      return item instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
          ? Long.toString(n.longValue())
          : String.valueOf(item);
    }
    return normalize(item);
  }

  /** Parameter values travel as protobuf Values: every number is a double. */
  private static Object normalize(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof List<?> list) {
      return list.stream().map(BackendCacheModel::normalize).toList();
    }
    return v;
  }

  private String newId() {
    return Long.toString(nextId++);
  }

  private static String sha256(Object key) {
    try {
      byte[] json = JSON.writeValueAsString(key).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<?> read(String json) {
    try {
      return JSON.readValue(json, List.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> doc, String... path) {
    Object node = doc;
    for (String key : path) {
      node = ((Map<String, Object>) node).getOrDefault(key, Map.of());
    }
    return (Map<String, Object>) node;
  }
}
