package dev.gradex.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.Json;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the watcher records after starting a run: the digests the run was started with, the run's id
 * and when. With incremental reselection configured it also records the run's mode and where its
 * theta* comes from: when the full run that trained it started and which sources it covered.
 *
 * @param mode {@code full} or {@code incremental}; null when incremental reselection is off
 * @param thetaAt when the full run whose theta* this run uses was started; null when off
 * @param thetaSources the sources that full run trained theta* on; null when off
 */
public record WatchState(
    SortedMap<String, String> digests,
    String runId,
    String recordedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String mode,
    @JsonInclude(JsonInclude.Include.NON_NULL) String thetaAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> thetaSources) {
  private static final ObjectMapper JSON = Json.JSON;

  public WatchState {
    digests = new TreeMap<>(digests);
    thetaSources = thetaSources == null ? null : List.copyOf(thetaSources);
  }

  /** A state without incremental reselection. */
  public WatchState(SortedMap<String, String> digests, String runId, String recordedAt) {
    this(digests, runId, recordedAt, null, null, null);
  }

  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static WatchState fromJson(String json) {
    try {
      return JSON.readValue(json, WatchState.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("recorded watch state is not valid JSON: " + e, e);
    }
  }

  /** Names whose digest differs between the two maps (added, removed or changed), sorted. */
  public static SortedMap<String, String> changes(
      Map<String, String> before, Map<String, String> now) {
    SortedMap<String, String> out = new TreeMap<>();
    now.forEach(
        (k, v) -> {
          if (!v.equals(before.get(k))) {
            out.put(k, before.containsKey(k) ? "changed" : "added");
          }
        });
    before.keySet().stream().filter(k -> !now.containsKey(k)).forEach(k -> out.put(k, "removed"));
    return out;
  }
}
