package dev.gradex.kfp.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container component: an image, its command and arguments (with {@link Placeholders}), and typed
 * inputs and outputs. Every placeholder must name a declared input or output.
 */
public final class ContainerComponent {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\$\\.(inputs|outputs)\\.(parameters|artifacts)\\['([^']+)'\\]");

  private final String image;
  private final List<String> command;
  private final List<String> args;
  private final Map<String, ParameterType> inputParameters;
  private final Map<String, ArtifactType> inputArtifacts;
  private final Set<String> listInputs;
  private final Map<String, ParameterType> outputParameters;
  private final Map<String, ArtifactType> outputArtifacts;

  private ContainerComponent(Builder b) {
    image = b.image;
    command = List.copyOf(b.command);
    args = List.copyOf(b.args);
    inputParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.inputParameters));
    inputArtifacts = Collections.unmodifiableMap(new LinkedHashMap<>(b.inputArtifacts));
    listInputs = Collections.unmodifiableSet(new LinkedHashSet<>(b.listInputs));
    outputParameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.outputParameters));
    outputArtifacts = Collections.unmodifiableMap(new LinkedHashMap<>(b.outputArtifacts));
  }

  public static Builder builder() {
    return new Builder();
  }

  public String image() {
    return image;
  }

  public List<String> command() {
    return command;
  }

  public List<String> args() {
    return args;
  }

  public Map<String, ParameterType> inputParameters() {
    return inputParameters;
  }

  public Map<String, ArtifactType> inputArtifacts() {
    return inputArtifacts;
  }

  /** Names of input artifacts that take a list (e.g. the outputs collected from a ParallelFor). */
  public Set<String> listInputs() {
    return listInputs;
  }

  public Map<String, ParameterType> outputParameters() {
    return outputParameters;
  }

  public Map<String, ArtifactType> outputArtifacts() {
    return outputArtifacts;
  }

  /** Builder: {@code setImage} and {@code setCommand} are required. */
  public static final class Builder {
    private String image;
    private List<String> command;
    private final List<String> args = new ArrayList<>();
    private final Map<String, ParameterType> inputParameters = new LinkedHashMap<>();
    private final Map<String, ArtifactType> inputArtifacts = new LinkedHashMap<>();
    private final Set<String> listInputs = new LinkedHashSet<>();
    private final Map<String, ParameterType> outputParameters = new LinkedHashMap<>();
    private final Map<String, ArtifactType> outputArtifacts = new LinkedHashMap<>();
    private final List<String> duplicates = new ArrayList<>();

    private Builder() {}

    public Builder setImage(String image) {
      this.image = image;
      return this;
    }

    public Builder setCommand(List<String> command) {
      this.command = List.copyOf(command);
      return this;
    }

    /** Appends arguments (literal strings and {@link Placeholders}). */
    public Builder optArgs(String... more) {
      args.addAll(List.of(more));
      return this;
    }

    public Builder optInputParameter(String name, ParameterType type) {
      return add(inputParameters, name, type);
    }

    public Builder optInputArtifact(String name, ArtifactType type) {
      return add(inputArtifacts, name, type);
    }

    /**
     * An input that receives a list of artifacts (KFP's {@code dsl.Collected}). No OSS KFP backend
     * substitutes a placeholder for the list, so the component reads it from its executor input
     * ({@code inputs.artifacts.<name>.artifacts[*].uri}; pass {@link
     * Placeholders#executorInput()}).
     */
    public Builder optInputArtifactList(String name, ArtifactType type) {
      listInputs.add(name);
      return add(inputArtifacts, name, type);
    }

    public Builder optOutputParameter(String name, ParameterType type) {
      return add(outputParameters, name, type);
    }

    public Builder optOutputArtifact(String name, ArtifactType type) {
      return add(outputArtifacts, name, type);
    }

    private <T> Builder add(Map<String, T> map, String name, T type) {
      boolean taken =
          inputParameters.containsKey(name)
              || inputArtifacts.containsKey(name)
              || outputParameters.containsKey(name)
              || outputArtifacts.containsKey(name);
      if (taken) {
        duplicates.add(name);
      }
      map.put(name, type);
      return this;
    }

    public ContainerComponent build() {
      Problems p =
          new Problems("container component")
              .required("image", image)
              .required("command", command)
              .check(command == null || !command.isEmpty(), "command must not be empty")
              .check(duplicates.isEmpty(), "input/output names declared twice: " + duplicates);
      for (String name : allNames()) {
        p.identifier("input/output name", name);
      }
      List<String> all = new ArrayList<>(args);
      if (command != null) {
        all.addAll(command);
      }
      for (String arg : all) {
        Matcher m = PLACEHOLDER.matcher(arg);
        while (m.find()) {
          p.check(declared(m.group(1), m.group(2), m.group(3)), "undeclared placeholder " + arg);
        }
      }
      p.throwIfAny();
      return new ContainerComponent(this);
    }

    private List<String> allNames() {
      List<String> names = new ArrayList<>(inputParameters.keySet());
      names.addAll(inputArtifacts.keySet());
      names.addAll(outputParameters.keySet());
      names.addAll(outputArtifacts.keySet());
      return names;
    }

    private boolean declared(String direction, String kind, String name) {
      boolean in = direction.equals("inputs");
      if (kind.equals("parameters")) {
        return (in ? inputParameters : outputParameters).containsKey(name);
      }
      return (in ? inputArtifacts : outputArtifacts).containsKey(name);
    }
  }
}
