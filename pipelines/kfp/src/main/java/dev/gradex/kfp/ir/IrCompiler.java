package dev.gradex.kfp.ir;

import dev.gradex.kfp.dsl.Importer;
import dev.gradex.kfp.dsl.Node;
import dev.gradex.kfp.dsl.ParallelFor;
import dev.gradex.kfp.dsl.ParameterType;
import dev.gradex.kfp.dsl.Pipeline;
import dev.gradex.kfp.dsl.PipelineParameter;
import dev.gradex.kfp.dsl.Task;
import dev.gradex.kfp.dsl.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compiles a pipeline to KFP IR (PipelineSpec schema 2.1.0 and the Kubernetes platform document).
 * Each task gets its own component {@code comp-<task>} and executor {@code exec-<task>}, because
 * KFP keeps resources and platform settings per executor. All problems are reported at once.
 */
public final class IrCompiler {
  public static final String SCHEMA_VERSION = "2.1.0";

  /** Written as {@code sdkVersion}; names this compiler, not the Python SDK. */
  public static final String SDK_VERSION = "gradex-kfp-1.0";

  private final Pipeline pipeline;
  private final Map<String, PipelineParameter> parameters = new HashMap<>();
  private final Map<String, Integer> loopOf = new HashMap<>();
  private final Map<Integer, LoopContext> loops = new TreeMap<>();
  private final Map<String, Object> components = new TreeMap<>();
  private final Map<String, Object> executors = new TreeMap<>();
  private final Map<String, Object> platformExecutors = new TreeMap<>();
  private final List<String> problems = new ArrayList<>();

  private IrCompiler(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** Compiles {@code pipeline}; throws IllegalArgumentException naming every problem. */
  public static CompiledPipeline compile(Pipeline pipeline) {
    return new IrCompiler(pipeline).run();
  }

  private CompiledPipeline run() {
    pipeline.parameters().forEach(p -> parameters.put(p.name(), p));
    int next = 1;
    for (Node node : pipeline.nodes()) {
      if (node instanceof ParallelFor loop) {
        LoopContext ctx = new LoopContext(next++, loop);
        loops.put(ctx.index, ctx);
        loop.tasks().forEach(t -> loopOf.put(t.name(), ctx.index));
      } else {
        loopOf.put(node.name(), 0);
      }
    }
    Map<String, Object> rootTasks = new TreeMap<>();
    for (Node node : pipeline.nodes()) {
      if (node instanceof Task task) {
        rootTasks.put(task.name(), task(task, null));
      } else if (node instanceof Importer importer) {
        rootTasks.put(importer.name(), importer(importer));
      } else if (node instanceof ParallelFor loop) {
        LoopContext ctx = loops.get(loopOf.get(loop.tasks().get(0).name()));
        loop.tasks().forEach(t -> ctx.tasks.put(t.name(), task(t, ctx)));
      }
    }
    for (LoopContext ctx : loops.values()) {
      components.put("comp-" + ctx.name, ctx.component());
      rootTasks.put(ctx.name, ctx.task());
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "pipeline " + pipeline.name() + ": " + String.join("; ", problems));
    }
    return new CompiledPipeline(spec(rootTasks), platform(), Header.of(pipeline));
  }

  private Map<String, Object> spec(Map<String, Object> rootTasks) {
    Map<String, Object> info = new TreeMap<>();
    info.put("name", pipeline.name());
    pipeline.description().ifPresent(d -> info.put("description", d));
    Map<String, Object> root = new TreeMap<>();
    root.put("dag", Map.of("tasks", rootTasks));
    Map<String, Object> inputs = new TreeMap<>();
    for (PipelineParameter p : pipeline.parameters()) {
      Map<String, Object> def = Dags.parameterDefinition(p.type());
      if (p.defaultValue() != null) {
        def.put("defaultValue", Numbers.toProtoValue(p.defaultValue()));
        def.put("isOptional", true);
      }
      inputs.put(p.name(), def);
    }
    if (!inputs.isEmpty()) {
      root.put("inputDefinitions", Map.of("parameters", inputs));
    }
    Map<String, Object> spec = new TreeMap<>();
    spec.put("components", components);
    spec.put("deploymentSpec", Map.of("executors", executors));
    spec.put("pipelineInfo", info);
    spec.put("root", root);
    spec.put("schemaVersion", SCHEMA_VERSION);
    spec.put("sdkVersion", SDK_VERSION);
    return spec;
  }

  private Map<String, Object> platform() {
    if (platformExecutors.isEmpty()) {
      return null;
    }
    Map<String, Object> k8s = Map.of("deploymentSpec", Map.of("executors", platformExecutors));
    return Map.of("platforms", Map.of("kubernetes", k8s));
  }

  private Map<String, Object> task(Task task, LoopContext ctx) {
    String comp = "comp-" + task.name();
    String exec = "exec-" + task.name();
    Map<String, Object> component = new TreeMap<>();
    component.put("executorLabel", exec);
    putIfNotEmpty(component, "inputDefinitions", Dags.inputDefinitions(task.component()));
    putIfNotEmpty(component, "outputDefinitions", Dags.outputDefinitions(task.component()));
    components.put(comp, component);
    executors.put(exec, ExecutorSpecs.container(task));
    Map<String, Object> platform = PlatformSpecs.executor(task.kubernetes());
    if (!platform.isEmpty()) {
      platformExecutors.put(exec, platform);
    }

    Set<String> deps = new TreeSet<>();
    for (String after : task.after()) {
      dependOn(task.name(), after, ctx, deps);
    }
    Map<String, Object> params = new TreeMap<>();
    Map<String, Object> artifacts = new TreeMap<>();
    task.inputs()
        .forEach((input, value) -> bind(task.name(), input, value, ctx, params, artifacts, deps));
    checkLoopItemTypes(task, ctx);

    Map<String, Object> spec = new TreeMap<>();
    Map<String, Object> caching = new TreeMap<>();
    if (task.caching()) {
      caching.put("enableCache", true);
    }
    task.cacheKey().ifPresent(k -> caching.put("cacheKey", k));
    spec.put("cachingOptions", caching);
    spec.put("componentRef", Map.of("name", comp));
    if (!deps.isEmpty()) {
      spec.put("dependentTasks", new ArrayList<>(deps));
    }
    putIfNotEmpty(spec, "inputs", Dags.definitions(params, artifacts));
    task.retry().ifPresent(r -> spec.put("retryPolicy", Dags.retry(r)));
    spec.put("taskInfo", Map.of("name", task.displayName().orElse(task.name())));
    return spec;
  }

  private void dependOn(String task, String after, LoopContext ctx, Set<String> deps) {
    Integer where = loopOf.get(after);
    int here = ctx == null ? 0 : ctx.index;
    if (where == null) {
      problems.add(task + " runs after unknown task " + after);
    } else if (where == here) {
      deps.add(after);
    } else if (where == 0) {
      ctx.dependencies.add(after);
    } else {
      deps.add(loops.get(where).name);
    }
  }

  private void bind(
      String task,
      String input,
      Value value,
      LoopContext ctx,
      Map<String, Object> params,
      Map<String, Object> artifacts,
      Set<String> deps) {
    int here = ctx == null ? 0 : ctx.index;
    String where = task + "." + input;
    if (value instanceof Value.Constant c) {
      params.put(
          input, Map.of("runtimeValue", Map.of("constant", Numbers.toProtoValue(c.value()))));
    } else if (value instanceof Value.PipelineInput pi) {
      String name = pi.parameter().name();
      if (!parameters.containsKey(name)) {
        problems.add(where + " uses undeclared pipeline parameter " + name);
      } else if (ctx == null) {
        params.put(input, Map.of("componentInputParameter", name));
      } else {
        Object binding = Map.of("componentInputParameter", name);
        String channel = ctx.addParameter(name, pi.parameter().type(), binding);
        params.put(input, Map.of("componentInputParameter", channel));
      }
    } else if (value instanceof Value.ArtifactOutput a) {
      Integer from = loopOf.get(a.producer());
      if (from == null) {
        problems.add(where + " reads from unknown task " + a.producer());
      } else if (from == here) {
        artifacts.put(input, Dags.taskOutput("artifact", a.producer(), a.key()));
        deps.add(a.producer());
      } else if (from == 0) {
        String channel = ctx.addArtifact(a.producer(), a.key(), a.type());
        artifacts.put(input, Map.of("componentInputArtifact", channel));
      } else {
        problems.add(where + " reads " + a.producer() + " inside a ParallelFor: use Collected");
      }
    } else if (value instanceof Value.ParameterOutput o) {
      Integer from = loopOf.get(o.producer());
      if (from == null || from != here) {
        problems.add(where + " reads parameter output of " + o.producer() + " from another scope");
      } else {
        params.put(input, Dags.taskOutput("parameter", o.producer(), o.key()));
        deps.add(o.producer());
      }
    } else if (value instanceof Value.LoopItem item) {
      if (ctx == null || !sameItems(item, ctx.loop)) {
        problems.add(where + " uses the item of a ParallelFor it is not in");
      } else {
        params.put(input, Map.of("componentInputParameter", ctx.itemInput));
      }
    } else if (value instanceof Value.Collected c) {
      Integer from = loopOf.get(c.inner().producer());
      if (ctx != null || from == null || from == 0) {
        problems.add(where + " collects " + c.inner().producer() + ", which is not in a loop");
      } else {
        LoopContext loop = loops.get(from);
        String channel = loop.collect(c.inner().producer(), c.inner().key(), c.inner().type());
        artifacts.put(input, Dags.taskOutput("artifact", loop.name, channel));
        deps.add(loop.name);
      }
    }
  }

  /**
   * The KFP driver converts a loop item to the loop's declared item type and then type-checks it
   * against the consuming input, failing the run; refuse the mismatch at compile time instead.
   */
  private void checkLoopItemTypes(Task task, LoopContext ctx) {
    if (ctx == null) {
      return;
    }
    task.inputs()
        .forEach(
            (input, value) -> {
              ParameterType wanted = task.component().inputParameters().get(input);
              ParameterType item = ctx.itemType();
              if (value instanceof Value.LoopItem && wanted != null && wanted != item) {
                problems.add(
                    task.name()
                        + "."
                        + input
                        + ": the ParallelFor item "
                        + ctx.itemInput
                        + " is "
                        + item
                        + " but input "
                        + input
                        + " is "
                        + wanted
                        + " (declare the list's element type, e.g. with addListParameter)");
              }
            });
  }

  private static boolean sameItems(Value.LoopItem item, ParallelFor loop) {
    return item.itemsParameter() == loop.itemsParameter().orElse(null)
        && java.util.Objects.equals(item.rawItems(), loop.rawItems().orElse(null));
  }

  private Map<String, Object> importer(Importer importer) {
    Map<String, String> metadataInputs = ExecutorSpecs.metadataInputs(importer);
    String comp = "comp-" + importer.name();
    String exec = "exec-" + importer.name();
    Map<String, Object> inputDefs = new TreeMap<>();
    inputDefs.put("uri", Dags.parameterDefinition(ParameterType.STRING));
    metadataInputs
        .values()
        .forEach(n -> inputDefs.put(n, Dags.parameterDefinition(ParameterType.STRING)));
    Map<String, Object> component = new TreeMap<>();
    component.put("executorLabel", exec);
    component.put("inputDefinitions", Map.of("parameters", inputDefs));
    component.put(
        "outputDefinitions",
        Map.of("artifacts", Map.of("artifact", Dags.artifactDefinition(importer.type(), false))));
    components.put(comp, component);
    executors.put(exec, ExecutorSpecs.importer(importer, metadataInputs));

    Map<String, Object> params = new TreeMap<>();
    Set<String> deps = new TreeSet<>();
    bind(importer.name(), "uri", importer.uri(), null, params, new TreeMap<>(), deps);
    importer
        .metadata()
        .forEach(
            (key, v) ->
                bind(
                    importer.name(),
                    metadataInputs.get(key),
                    v,
                    null,
                    params,
                    new TreeMap<>(),
                    deps));
    Map<String, Object> spec = new TreeMap<>();
    spec.put("cachingOptions", Map.of("enableCache", true));
    spec.put("componentRef", Map.of("name", comp));
    spec.put("inputs", Map.of("parameters", params));
    spec.put("taskInfo", Map.of("name", importer.name()));
    return spec;
  }

  private static void putIfNotEmpty(
      Map<String, Object> map, String key, Map<String, Object> value) {
    if (!value.isEmpty()) {
      map.put(key, value);
    }
  }
}
