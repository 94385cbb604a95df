package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@link KfpClient#createRun} sends: a one-off run of a pipeline version. */
public final class RunRequest {
  private final ObjectNode body;

  private RunRequest(ObjectNode body) {
    this.body = body;
  }

  public static Builder builder() {
    return new Builder();
  }

  ObjectNode body() {
    return body.deepCopy();
  }

  /** Builder: display name and pipeline are required. */
  public static final class Builder {
    private String displayName;
    private String pipelineId;
    private String pipelineVersionId;
    private String experimentId;
    private String description;
    private String serviceAccount;
    private String pipelineRoot;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private Builder() {}

    public Builder setDisplayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    /** The pipeline; without a version, KFP runs its latest version. */
    public Builder setPipeline(String pipelineId, String pipelineVersionId) {
      this.pipelineId = pipelineId;
      this.pipelineVersionId = pipelineVersionId;
      return this;
    }

    public Builder optExperimentId(String experimentId) {
      this.experimentId = experimentId;
      return this;
    }

    public Builder optDescription(String description) {
      this.description = description;
      return this;
    }

    /** The Kubernetes service account the run's pods use (default: the namespace's KFP one). */
    public Builder optServiceAccount(String serviceAccount) {
      this.serviceAccount = serviceAccount;
      return this;
    }

    /**
     * Where the run writes its artifacts, e.g. {@code s3://bucket/gradex} or {@code
     * minio://mlpipeline/v2/artifacts} (default: the pipeline's, else the server's).
     */
    public Builder optPipelineRoot(String pipelineRoot) {
      this.pipelineRoot = pipelineRoot;
      return this;
    }

    /** A pipeline parameter: String, Number, Boolean, List or Map. */
    public Builder optParameter(String name, Object value) {
      parameters.put(name, value);
      return this;
    }

    public Builder optParameters(Map<String, ?> values) {
      parameters.putAll(values);
      return this;
    }

    public RunRequest build() {
      List<String> problems = new ArrayList<>();
      Requests.required(problems, "display_name", displayName);
      Requests.required(problems, "pipeline_id", pipelineId);
      if (pipelineRoot != null
          && !pipelineRoot.isBlank()
          && !pipelineRoot.matches("[a-z][a-z0-9+.-]*://.+")) {
        problems.add(
            "runtime_config.pipeline_root '"
                + pipelineRoot
                + "' is not a URI like s3://bucket/path");
      }
      Requests.throwIfAny("run", problems);
      ObjectNode b = KfpHttp.JSON.createObjectNode();
      b.put("display_name", displayName);
      Requests.putIfSet(b, "description", description);
      Requests.putIfSet(b, "experiment_id", experimentId);
      Requests.putIfSet(b, "service_account", serviceAccount);
      b.set("pipeline_version_reference", Requests.reference(pipelineId, pipelineVersionId));
      b.set("runtime_config", Requests.runtimeConfig(parameters, pipelineRoot));
      return new RunRequest(b);
    }
  }
}
