package dev.gradex.kfp.ir;

import dev.gradex.kfp.dsl.ContainerComponent;
import dev.gradex.kfp.dsl.Importer;
import dev.gradex.kfp.dsl.Resources;
import dev.gradex.kfp.dsl.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds {@code deploymentSpec.executors} entries: containers with resources, and importers. */
final class ExecutorSpecs {
  private ExecutorSpecs() {}

  static Map<String, Object> container(Task task) {
    ContainerComponent c = task.component();
    Map<String, Object> container = new TreeMap<>();
    container.put("image", c.image());
    container.put("command", c.command());
    if (!c.args().isEmpty()) {
      container.put("args", c.args());
    }
    if (!task.env().isEmpty()) {
      List<Object> env = new ArrayList<>();
      task.env()
          .forEach((name, value) -> env.add(new TreeMap<>(Map.of("name", name, "value", value))));
      container.put("env", env);
    }
    task.resources()
        .map(ExecutorSpecs::resources)
        .filter(r -> !r.isEmpty())
        .ifPresent(r -> container.put("resources", r));
    return Map.of("container", container);
  }

  static Map<String, Object> resources(Resources r) {
    Map<String, Object> out = new TreeMap<>();
    r.cpuRequest().ifPresent(q -> cpu(out, "Request", q));
    r.cpuLimit().ifPresent(q -> cpu(out, "Limit", q));
    r.memoryRequest().ifPresent(q -> memory(out, "Request", q));
    r.memoryLimit().ifPresent(q -> memory(out, "Limit", q));
    r.acceleratorType()
        .ifPresent(
            type -> {
              String count = Integer.toString(r.acceleratorCount());
              Map<String, Object> acc = new TreeMap<>();
              acc.put("count", count);
              acc.put("resourceCount", count);
              acc.put("resourceType", type);
              acc.put("type", type);
              out.put("accelerator", acc);
            });
    return out;
  }

  private static void cpu(Map<String, Object> out, String which, String q) {
    out.put("cpu" + which, Numbers.cpu(q));
    out.put("resourceCpu" + which, q);
  }

  private static void memory(Map<String, Object> out, String which, String q) {
    out.put("memory" + which, Numbers.memoryGb(q));
    out.put("resourceMemory" + which, q);
  }

  /**
   * Importer executor; metadata entries read the component inputs named by {@code metadataInputs}.
   */
  static Map<String, Object> importer(Importer importer, Map<String, String> metadataInputs) {
    Map<String, Object> spec = new TreeMap<>();
    spec.put("artifactUri", Map.of("runtimeParameter", "uri"));
    spec.put("typeSchema", Dags.artifactType(importer.type()));
    if (importer.reimport()) {
      spec.put("reimport", true);
    }
    if (!metadataInputs.isEmpty()) {
      Map<String, Object> metadata = new TreeMap<>();
      metadataInputs.forEach(
          (key, input) -> metadata.put(key, "{{$.inputs.parameters['" + input + "']}}"));
      spec.put("metadata", metadata);
    }
    return Map.of("importer", spec);
  }

  /** Names the importer's metadata inputs as the SDK does: metadata, metadata-2, ... */
  static Map<String, String> metadataInputs(Importer importer) {
    Map<String, String> names = new TreeMap<>();
    List<String> keys = new ArrayList<>(importer.metadata().keySet());
    for (int i = 0; i < keys.size(); i++) {
      names.put(keys.get(i), i == 0 ? "metadata" : "metadata-" + (i + 1));
    }
    return names;
  }
}
