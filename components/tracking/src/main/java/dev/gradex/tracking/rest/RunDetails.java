package dev.gradex.tracking.rest;

import java.util.Map;

/**
 * What a LoggedModel takes from its source run.
 *
 * @param experimentId the run's experiment
 * @param params the run's params as logged
 */
public record RunDetails(String experimentId, Map<String, String> params) {
  /** Copies the params. */
  public RunDetails {
    params = Map.copyOf(params);
  }
}
