package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link RecurringRuns#create} sends: a cron-triggered schedule of a pipeline. Defaults suit
 * periodic reselection: at most one run at a time and no catch-up after downtime.
 */
public final class RecurringRunRequest {
  /** KFP's accepted range for {@code max_concurrency}. */
  public static final int MAX_CONCURRENCY_LIMIT = 10;

  private final ObjectNode body;

  private RecurringRunRequest(ObjectNode body) {
    this.body = body;
  }

  public static Builder builder() {
    return new Builder();
  }

  ObjectNode body() {
    return body.deepCopy();
  }

  /** Builder: display name, pipeline and cron are required; all problems are reported at once. */
  public static final class Builder {
    private String displayName;
    private String pipelineId;
    private String pipelineVersionId;
    private String cron;
    private int maxConcurrency = 1;
    private boolean noCatchup = true;
    private boolean enabled = true;
    private String experimentId;
    private String description;
    private String serviceAccount;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private Builder() {}

    public Builder setDisplayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    /** The pipeline; without a version every trigger runs the latest version. */
    public Builder setPipeline(String pipelineId, String pipelineVersionId) {
      this.pipelineId = pipelineId;
      this.pipelineVersionId = pipelineVersionId;
      return this;
    }

    /** Six fields, seconds first (see {@link CronSchedule}). */
    public Builder setCron(String cron) {
      this.cron = cron;
      return this;
    }

    public Builder optMaxConcurrency(int maxConcurrency) {
      this.maxConcurrency = maxConcurrency;
      return this;
    }

    public Builder optNoCatchup(boolean noCatchup) {
      this.noCatchup = noCatchup;
      return this;
    }

    public Builder optEnabled(boolean enabled) {
      this.enabled = enabled;
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

    public Builder optServiceAccount(String serviceAccount) {
      this.serviceAccount = serviceAccount;
      return this;
    }

    public Builder optParameters(Map<String, ?> values) {
      parameters.putAll(values);
      return this;
    }

    public RecurringRunRequest build() {
      List<String> problems = new ArrayList<>();
      Requests.required(problems, "display_name", displayName);
      Requests.required(problems, "pipeline_id", pipelineId);
      if (cron == null) {
        problems.add("trigger.cron_schedule.cron is required");
      } else {
        CronSchedule.problems(cron)
            .forEach(p -> problems.add("trigger.cron_schedule.cron '" + cron + "' " + p));
      }
      if (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY_LIMIT) {
        problems.add(
            "max_concurrency " + maxConcurrency + " is outside 1-" + MAX_CONCURRENCY_LIMIT);
      }
      Requests.throwIfAny("recurring run", problems);
      ObjectNode b = KfpHttp.JSON.createObjectNode();
      b.put("display_name", displayName);
      Requests.putIfSet(b, "description", description);
      Requests.putIfSet(b, "experiment_id", experimentId);
      Requests.putIfSet(b, "service_account", serviceAccount);
      b.set("pipeline_version_reference", Requests.reference(pipelineId, pipelineVersionId));
      b.set("runtime_config", Requests.runtimeConfig(parameters, null));
      // int64 fields travel as JSON strings in proto3 JSON (the API description says so too).
      b.put("max_concurrency", Integer.toString(maxConcurrency));
      b.putObject("trigger").putObject("cron_schedule").put("cron", cron.trim());
      b.put("mode", enabled ? "ENABLE" : "DISABLE");
      b.put("no_catchup", noCatchup);
      return new RecurringRunRequest(b);
    }
  }
}
