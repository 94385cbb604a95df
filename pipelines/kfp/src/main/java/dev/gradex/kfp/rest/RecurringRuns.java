package dev.gradex.kfp.rest;

import java.util.List;
import java.util.Map;

/** Recurring runs: create, read, list, enable, disable and delete. */
public final class RecurringRuns {
  private final KfpHttp http;
  private final String namespace;

  RecurringRuns(KfpHttp http, String namespace) {
    this.http = http;
    this.namespace = namespace;
  }

  public RecurringRun create(RecurringRunRequest request) {
    return RecurringRun.from(http.post("/recurringruns", Map.of(), request.body()));
  }

  public RecurringRun get(String recurringRunId) {
    return RecurringRun.from(http.get("/recurringruns/" + id(recurringRunId), Map.of()));
  }

  /**
   * Recurring runs of an experiment (or of the namespace when {@code experimentId} is null), read
   * page by page.
   */
  public List<RecurringRun> list(String experimentId) {
    Map<String, String> q = KfpClient.query("page_size", "" + KfpClient.PAGE_SIZE);
    q.put("experiment_id", experimentId);
    if (experimentId == null) {
      q.put("namespace", namespace);
    }
    // The only camelCase field of the API (V2beta1ListRecurringRunsResponse.recurringRuns).
    return http.list("/recurringruns", q, "recurringRuns", RecurringRun::from, Integer.MAX_VALUE);
  }

  public void enable(String recurringRunId) {
    http.post("/recurringruns/" + id(recurringRunId) + ":enable", Map.of(), null);
  }

  public void disable(String recurringRunId) {
    http.post("/recurringruns/" + id(recurringRunId) + ":disable", Map.of(), null);
  }

  public void delete(String recurringRunId) {
    http.delete("/recurringruns/" + id(recurringRunId), Map.of());
  }

  private static String id(String recurringRunId) {
    if (recurringRunId == null || !recurringRunId.matches("[A-Za-z0-9-]+")) {
      throw new IllegalArgumentException("recurring run id '" + recurringRunId + "' is invalid");
    }
    return recurringRunId;
  }
}
