package dev.gradex.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads back what was logged, through MLflow's REST API, independently of the code under test. */
public final class MlflowReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  public MlflowReader(String base) {
    this.base = base;
  }

  /** GET {@code /api/2.0/mlflow/<endpoint>?query}; fails on a non-200 answer. */
  public JsonNode get(String endpoint, Map<String, String> query) {
    String q =
        query.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return parse(text(base + "/api/2.0/mlflow/" + endpoint + "?" + q));
  }

  /** The body of a GET, failing on a non-200 answer. */
  public String text(String url) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError("GET " + url + " -> " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The experiment's id. */
  public String experimentId(String name) {
    return get("experiments/get-by-name", Map.of("experiment_name", name))
        .path("experiment")
        .path("experiment_id")
        .asText();
  }

  /** All runs of an experiment, by run name. */
  public Map<String, JsonNode> runsByName(String experimentName) {
    JsonNode r =
        post(
            "runs/search",
            "{\"experiment_ids\":[\"" + experimentId(experimentName) + "\"],\"max_results\":100}");
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode run : r.path("runs")) {
      byName.put(run.path("info").path("run_name").asText(), run);
    }
    return byName;
  }

  /** A run's tags, params or latest metrics as a map. */
  public static Map<String, String> data(JsonNode run, String field) {
    Map<String, String> m = new LinkedHashMap<>();
    for (JsonNode kv : run.path("data").path(field)) {
      m.put(kv.path("key").asText(), kv.path("value").asText());
    }
    return m;
  }

  /** {@code step=value} for each point of a metric, in the server's order. */
  public List<String> history(String runId, String key) {
    JsonNode h =
        get(
            "metrics/get-history",
            Map.of("run_id", runId, "metric_key", key, "max_results", "1000"));
    List<String> points = new ArrayList<>();
    for (JsonNode m : h.path("metrics")) {
      points.add(m.path("step").asLong() + "=" + m.path("value").asDouble());
    }
    return points;
  }

  /** Paths listed under {@code path} of a run's artifacts, with a trailing slash for dirs. */
  public List<String> artifacts(String runId, String path) {
    JsonNode r = get("artifacts/list", Map.of("run_id", runId, "path", path));
    List<String> out = new ArrayList<>();
    for (JsonNode f : r.path("files")) {
      out.add(f.path("path").asText() + (f.path("is_dir").asBoolean() ? "/" : ""));
    }
    return out;
  }

  /** The content of a run's artifact, read through the artifact proxy. */
  public String artifact(JsonNode run, String path) {
    String root = run.path("info").path("artifact_uri").asText().replace("mlflow-artifacts:/", "");
    return text(base + "/api/2.0/mlflow-artifacts/artifacts/" + root + "/" + path);
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode post(String endpoint, String body) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow/" + endpoint))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError("POST " + endpoint + " -> " + r.statusCode() + ": " + r.body());
      }
      return parse(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
