package dev.gradex.kfp.dsl;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings an existing object (a URI) into the pipeline as an artifact, so that runs can be started
 * from the KFP UI with plain string parameters. Its output key is {@code artifact}.
 */
public final class Importer implements Node {
  private final String name;
  private final Value uri;
  private final ArtifactType type;
  private final boolean reimport;
  private final Map<String, Value> metadata;

  private Importer(Builder b) {
    name = b.name;
    uri = b.uri;
    type = b.type;
    reimport = b.reimport;
    metadata = Collections.unmodifiableMap(new TreeMap<>(b.metadata));
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  public Value uri() {
    return uri;
  }

  public ArtifactType type() {
    return type;
  }

  public boolean reimport() {
    return reimport;
  }

  /** Artifact metadata entries bound to pipeline parameters or constants. */
  public Map<String, Value> metadata() {
    return metadata;
  }

  /** The imported artifact. */
  public Value.ArtifactOutput output() {
    return new Value.ArtifactOutput(name, "artifact", type);
  }

  /** Builder: name, uri and type are required. */
  public static final class Builder {
    private String name;
    private Value uri;
    private ArtifactType type;
    private boolean reimport;
    private final Map<String, Value> metadata = new TreeMap<>();

    private Builder() {}

    public Builder setName(String name) {
      this.name = name;
      return this;
    }

    /** The URI: a pipeline parameter or a constant string. */
    public Builder setUri(Value uri) {
      this.uri = uri;
      return this;
    }

    public Builder setType(ArtifactType type) {
      this.type = type;
      return this;
    }

    /** Registers a new artifact on every run instead of reusing one with the same URI. */
    public Builder optReimport(boolean reimport) {
      this.reimport = reimport;
      return this;
    }

    public Builder optMetadata(String key, Value value) {
      metadata.put(key, value);
      return this;
    }

    public Importer build() {
      Problems p =
          new Problems("importer " + name)
              .required("name", name)
              .required("uri", uri)
              .required("type", type)
              .name("name", name)
              .check(
                  uri == null
                      || uri instanceof Value.PipelineInput
                      || uri instanceof Value.Constant,
                  "uri must be a pipeline parameter or a constant");
      for (Value v : metadata.values()) {
        p.check(
            v instanceof Value.PipelineInput,
            "importer metadata must be bound to pipeline parameters");
      }
      p.throwIfAny();
      return new Importer(this);
    }
  }
}
