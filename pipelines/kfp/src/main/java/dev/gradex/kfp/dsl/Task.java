package dev.gradex.kfp.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a container component with its inputs bound, plus the task-level settings KFP keeps
 * per task: caching, retry, resources and Kubernetes platform settings.
 */
public final class Task implements Node {
  private final String name;
  private final String displayName;
  private final ContainerComponent component;
  private final Map<String, Value> inputs;
  private final List<String> after;
  private final boolean caching;
  private final String cacheKey;
  private final RetryPolicy retry;
  private final Resources resources;
  private final KubernetesSettings kubernetes;
  private final Map<String, String> env;

  private Task(Builder b) {
    name = b.name;
    displayName = b.displayName;
    component = b.component;
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.inputs));
    after = List.copyOf(b.after);
    caching = b.caching;
    cacheKey = b.cacheKey;
    retry = b.retry;
    resources = b.resources;
    kubernetes = b.kubernetes;
    env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  public Optional<String> displayName() {
    return Optional.ofNullable(displayName);
  }

  public ContainerComponent component() {
    return component;
  }

  public Map<String, Value> inputs() {
    return inputs;
  }

  /** Names of tasks this one runs after without consuming their outputs. */
  public List<String> after() {
    return after;
  }

  public boolean caching() {
    return caching;
  }

  public Optional<String> cacheKey() {
    return Optional.ofNullable(cacheKey);
  }

  public Optional<RetryPolicy> retry() {
    return Optional.ofNullable(retry);
  }

  public Optional<Resources> resources() {
    return Optional.ofNullable(resources);
  }

  public KubernetesSettings kubernetes() {
    return kubernetes;
  }

  /** Environment variables of the container, in declaration order (KFP's set_env_variable). */
  public Map<String, String> env() {
    return env;
  }

  /** Output artifact {@code key} of this task. */
  public Value.ArtifactOutput output(String key) {
    ArtifactType type = component.outputArtifacts().get(key);
    if (type == null) {
      throw new IllegalArgumentException(
          "task "
              + name
              + " has no output artifact '"
              + key
              + "'; it has "
              + component.outputArtifacts().keySet());
    }
    return new Value.ArtifactOutput(name, key, type);
  }

  /** Builder: name and component are required; every declared input must be bound. */
  public static final class Builder {
    private String name;
    private String displayName;
    private ContainerComponent component;
    private final Map<String, Value> inputs = new LinkedHashMap<>();
    private final List<String> after = new ArrayList<>();
    private boolean caching = true;
    private String cacheKey;
    private RetryPolicy retry;
    private Resources resources;
    private KubernetesSettings kubernetes = KubernetesSettings.none();
    private final Map<String, String> env = new LinkedHashMap<>();

    private Builder() {}

    public Builder setName(String name) {
      this.name = name;
      return this;
    }

    public Builder setComponent(ContainerComponent component) {
      this.component = component;
      return this;
    }

    public Builder optDisplayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder optInput(String input, Value value) {
      inputs.put(input, value);
      return this;
    }

    /** Binds {@code input} to a literal (String, Number, Boolean or List). */
    public Builder optConstant(String input, Object value) {
      return optInput(input, Value.constant(value));
    }

    public Builder optAfter(String taskName) {
      after.add(taskName);
      return this;
    }

    /** Turns KFP's result cache on (default) or off for this task. */
    public Builder optCaching(boolean caching) {
      this.caching = caching;
      return this;
    }

    public Builder optCacheKey(String cacheKey) {
      this.cacheKey = cacheKey;
      return this;
    }

    public Builder optRetry(RetryPolicy retry) {
      this.retry = retry;
      return this;
    }

    public Builder optResources(Resources resources) {
      this.resources = resources;
      return this;
    }

    public Builder optKubernetes(KubernetesSettings kubernetes) {
      this.kubernetes = kubernetes;
      return this;
    }

    /** Sets environment variable {@code name} of the container to a literal {@code value}. */
    public Builder optEnv(String name, String value) {
      env.put(name, value);
      return this;
    }

    public Task build() {
      Problems p =
          new Problems("task " + name)
              .required("name", name)
              .required("component", component)
              .name("name", name);
      if (component != null) {
        List<String> declared = new ArrayList<>(component.inputParameters().keySet());
        declared.addAll(component.inputArtifacts().keySet());
        List<String> unbound = new ArrayList<>(declared);
        unbound.removeAll(inputs.keySet());
        List<String> unknown = new ArrayList<>(inputs.keySet());
        unknown.removeAll(declared);
        p.check(unbound.isEmpty(), "inputs not bound: " + unbound)
            .check(unknown.isEmpty(), "inputs not declared by the component: " + unknown);
        inputs.forEach((input, value) -> checkKind(p, input, value));
      }
      env.forEach(
          (variable, value) ->
              p.identifier("environment variable", variable)
                  .check(value != null, "environment variable " + variable + " has no value"));
      p.throwIfAny();
      return new Task(this);
    }

    private void checkKind(Problems p, String input, Value value) {
      ArtifactType wanted = component.inputArtifacts().get(input);
      boolean list = component.listInputs().contains(input);
      if (wanted == null) {
        p.check(
            !(value instanceof Value.ArtifactOutput || value instanceof Value.Collected),
            "parameter input " + input + " is bound to an artifact");
      } else if (list) {
        p.check(
            value instanceof Value.Collected c && c.inner().type() == wanted,
            "list input " + input + " needs collected " + wanted + " outputs");
      } else {
        p.check(
            value instanceof Value.ArtifactOutput a && a.type() == wanted,
            "artifact input " + input + " needs a " + wanted + " output, got " + value);
      }
    }
  }
}
