package dev.gradex.kfp.ir;

import dev.gradex.kfp.dsl.ArtifactType;
import dev.gradex.kfp.dsl.ParallelFor;
import dev.gradex.kfp.dsl.ParameterType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the compiler learns about one ParallelFor while compiling its tasks and their consumers: the
 * channels that carry outer values in, and the collected outputs that leave it.
 */
final class LoopContext {
  final int index;
  final ParallelFor loop;
  final String name;
  final String itemInput;
  final Map<String, Object> tasks = new TreeMap<>();
  final Map<String, Object> inParameters = new TreeMap<>();
  final Map<String, Object> inArtifacts = new TreeMap<>();
  final Map<String, Object> parameterBindings = new TreeMap<>();
  final Map<String, Object> artifactBindings = new TreeMap<>();
  final Set<String> dependencies = new TreeSet<>();
  final Map<String, Object> outDefinitions = new TreeMap<>();
  final Map<String, Object> outSelectors = new TreeMap<>();

  LoopContext(int index, ParallelFor loop) {
    this.index = index;
    this.loop = loop;
    this.name = "for-loop-" + index;
    this.itemInput =
        loop.itemsParameter()
            .map(p -> Dags.CHANNEL + p.name() + "-loop-item")
            .orElse(Dags.CHANNEL + "loop-item-param-" + index);
    loop.itemsParameter()
        .ifPresent(
            p ->
                addParameter(
                    p.name(), ParameterType.LIST, Map.of("componentInputParameter", p.name())));
    inParameters.put(itemInput, Dags.parameterDefinition(itemType()));
  }

  /** Adds a channel for an outer parameter; returns the channel's name. */
  String addParameter(String source, ParameterType type, Object binding) {
    String channel = Dags.CHANNEL + source;
    inParameters.put(channel, Dags.parameterDefinition(type));
    parameterBindings.put(channel, binding);
    return channel;
  }

  /** Adds a channel for an outer task's artifact; returns the channel's name. */
  String addArtifact(String producer, String key, ArtifactType type) {
    String channel = Dags.CHANNEL + producer + "-" + key;
    inArtifacts.put(channel, Dags.artifactDefinition(type, false));
    artifactBindings.put(channel, Dags.taskOutput("artifact", producer, key));
    dependencies.add(producer);
    return channel;
  }

  /** Declares that the outputs {@code key} of inner task {@code producer} leave as a list. */
  String collect(String producer, String key, ArtifactType type) {
    String channel = Dags.CHANNEL + producer + "-" + key;
    outDefinitions.put(channel, Dags.artifactDefinition(type, true));
    Map<String, Object> selector = new TreeMap<>();
    selector.put("outputArtifactKey", key);
    selector.put("producerSubtask", producer);
    outSelectors.put(channel, Map.of("artifactSelectors", List.of(selector)));
    return channel;
  }

  Map<String, Object> component() {
    Map<String, Object> dag = new TreeMap<>();
    dag.put("tasks", tasks);
    if (!outSelectors.isEmpty()) {
      dag.put("outputs", Map.of("artifacts", outSelectors));
    }
    Map<String, Object> out = new TreeMap<>();
    out.put("dag", dag);
    out.put("inputDefinitions", Dags.definitions(inParameters, inArtifacts));
    if (!outDefinitions.isEmpty()) {
      out.put("outputDefinitions", Map.of("artifacts", outDefinitions));
    }
    return out;
  }

  Map<String, Object> task() {
    Map<String, Object> out = new TreeMap<>();
    out.put("componentRef", Map.of("name", "comp-" + name));
    if (!dependencies.isEmpty()) {
      out.put("dependentTasks", new ArrayList<>(dependencies));
    }
    Map<String, Object> inputs = Dags.definitions(parameterBindings, artifactBindings);
    if (!inputs.isEmpty()) {
      out.put("inputs", inputs);
    }
    if (loop.parallelism() > 0) {
      out.put("iteratorPolicy", Map.of("parallelismLimit", loop.parallelism()));
    }
    Map<String, Object> items =
        loop.itemsParameter().isPresent()
            ? Map.of("inputParameter", Dags.CHANNEL + loop.itemsParameter().get().name())
            : Map.of("raw", rawJson(loop.rawItems().orElseThrow()));
    out.put("parameterIterator", Map.of("itemInput", itemInput, "items", items));
    out.put("taskInfo", Map.of("name", name));
    return out;
  }

  /**
   * The declared type of the loop item: a typed LIST parameter's element type (else STRING, as the
   * SDK declares for a bare {@code list}); for literal items, the type all of them share.
   */
  ParameterType itemType() {
    List<Object> raw = loop.rawItems().orElse(null);
    if (raw == null) {
      return loop.itemsParameter().flatMap(p -> p.element()).orElse(ParameterType.STRING);
    }
    if (raw.stream().allMatch(o -> o instanceof Integer || o instanceof Long)) {
      return ParameterType.NUMBER_INTEGER;
    }
    return raw.stream().allMatch(o -> o instanceof Number)
        ? ParameterType.NUMBER_DOUBLE
        : ParameterType.STRING;
  }

  /** The items as Python's {@code json.dumps} writes them, which is what the SDK stores. */
  private static String rawJson(List<Object> items) {
    List<String> parts = new ArrayList<>();
    for (Object o : items) {
      parts.add(o instanceof String s ? "\"" + s.replace("\"", "\\\"") + "\"" : String.valueOf(o));
    }
    return "[" + String.join(", ", parts) + "]";
  }
}
