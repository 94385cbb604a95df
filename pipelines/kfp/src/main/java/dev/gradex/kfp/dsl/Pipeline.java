package dev.gradex.kfp.dsl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A KFP pipeline: name, parameters and a graph of tasks, importers and loops. */
public final class Pipeline {
  private final String name;
  private final String description;
  private final List<PipelineParameter> parameters;
  private final List<Node> nodes;

  private Pipeline(Builder b) {
    name = b.name;
    description = b.description;
    parameters = List.copyOf(b.parameters);
    nodes = List.copyOf(b.nodes);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String name() {
    return name;
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  public List<PipelineParameter> parameters() {
    return parameters;
  }

  public List<Node> nodes() {
    return nodes;
  }

  /** Builder: name and at least one node are required; names must be unique. */
  public static final class Builder {
    private String name;
    private String description;
    private final List<PipelineParameter> parameters = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    private Builder() {}

    public Builder setName(String name) {
      this.name = name;
      return this;
    }

    public Builder optDescription(String description) {
      this.description = description;
      return this;
    }

    /** Declares a parameter and returns it, for binding to task inputs. */
    public PipelineParameter addParameter(String name, ParameterType type, Object defaultValue) {
      PipelineParameter p = PipelineParameter.of(name, type, defaultValue);
      parameters.add(p);
      return p;
    }

    /**
     * Declares a LIST parameter of {@code elementType} elements (a ParallelFor over it declares its
     * item with that type) and returns it.
     */
    public PipelineParameter addListParameter(
        String name, ParameterType elementType, List<?> defaultValue) {
      PipelineParameter p = PipelineParameter.listOf(name, elementType, defaultValue);
      parameters.add(p);
      return p;
    }

    public Builder addNode(Node node) {
      nodes.add(node);
      return this;
    }

    public Pipeline build() {
      Problems p =
          new Problems("pipeline " + name)
              .required("name", name)
              .name("name", name)
              .check(!nodes.isEmpty(), "has no tasks");
      Set<String> seen = new HashSet<>();
      for (PipelineParameter param : parameters) {
        p.check(seen.add(param.name()), "parameter declared twice: " + param.name());
      }
      Set<String> names = new HashSet<>();
      for (Node node : nodes) {
        List<Node> members = new ArrayList<>();
        if (node instanceof ParallelFor loop) {
          members.addAll(loop.tasks());
        } else {
          members.add(node);
        }
        for (Node m : members) {
          p.check(names.add(m.name()), "task name used twice: " + m.name());
          p.check(!m.name().startsWith("for-loop"), "task name reserved for loops: " + m.name());
        }
      }
      p.throwIfAny();
      return new Pipeline(this);
    }
  }
}
