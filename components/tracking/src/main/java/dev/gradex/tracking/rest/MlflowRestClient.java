package dev.gradex.tracking.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.gradex.core.Json;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Raw MLflow REST calls: JSON in, JSON out, every failure an {@link MlflowApiException} with its
 * {@link MlflowApiException.Kind}. Thread-safe. Typed calls are in {@link MlflowCalls}.
 */
public final class MlflowRestClient {
  private static final String API = "/api/2.0/mlflow/";
  private static final ObjectMapper JSON = Json.JSON;

  private final URI trackingUri;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Optional<String> authorization;

  /**
   * @param trackingUri {@code http(s)://host:port}, optionally with a path prefix
   * @param authorization the {@code Authorization} header value, e.g. {@code Bearer ...}
   */
  public MlflowRestClient(
      URI trackingUri,
      Duration connectTimeout,
      Duration requestTimeout,
      Optional<String> authorization) {
    this.trackingUri = URI.create(ArtifactUris.stripSlashes(trackingUri.toString()));
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.requestTimeout = requestTimeout;
    this.authorization = authorization;
  }

  public URI trackingUri() {
    return trackingUri;
  }

  /** POSTs {@code body} to {@code /api/2.0/mlflow/<endpoint>}. */
  public JsonNode post(String endpoint, JsonNode body) throws MlflowApiException {
    return send(
        request(URI.create(trackingUri + API + endpoint))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build());
  }

  /** GETs {@code /api/2.0/mlflow/<endpoint>?query}. */
  public JsonNode get(String endpoint, Map<String, String> query) throws MlflowApiException {
    return send(request(URI.create(trackingUri + API + endpoint + query(query))).GET().build());
  }

  /**
   * DELETEs {@code /api/2.0/mlflow/<endpoint>} with a JSON body (as MLflow's DELETE calls expect).
   */
  public JsonNode delete(String endpoint, JsonNode body) throws MlflowApiException {
    return withBody("DELETE", endpoint, body);
  }

  /** PATCHes {@code /api/2.0/mlflow/<endpoint>} with a JSON body (LoggedModel finalize). */
  public JsonNode patch(String endpoint, JsonNode body) throws MlflowApiException {
    return withBody("PATCH", endpoint, body);
  }

  private JsonNode withBody(String method, String endpoint, JsonNode body)
      throws MlflowApiException {
    return send(
        request(URI.create(trackingUri + API + endpoint))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
            .build());
  }

  /** PUTs a file to the artifact proxy under the run's {@code artifactUri}. */
  public void putArtifact(String artifactUri, String relativePath, Path file)
      throws MlflowApiException {
    URI url = ArtifactUris.proxyUrl(trackingUri, artifactUri, relativePath);
    HttpRequest.BodyPublisher body;
    try {
      body = HttpRequest.BodyPublishers.ofFile(file);
    } catch (FileNotFoundException e) {
      throw MlflowApiException.rejected("artifact file is gone: " + file);
    }
    // Large files get longer than a JSON call: the request timeout plus 1 s per MiB.
    Duration timeout = requestTimeout.plusSeconds(body.contentLength() >> 20);
    send(
        request(url)
            .timeout(timeout)
            .header("Content-Type", "application/octet-stream")
            .PUT(body)
            .build());
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout);
    authorization.ifPresent(a -> b.header("Authorization", a));
    return b;
  }

  private JsonNode send(HttpRequest request) throws MlflowApiException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (NoSuchFileException e) {
      throw MlflowApiException.rejected("artifact file is gone: " + e.getFile());
    } catch (IOException e) {
      throw new MlflowApiException(
          MlflowApiException.Kind.UNREACHABLE,
          "no answer from " + trackingUri + " (" + e.getClass().getSimpleName() + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MlflowApiException(MlflowApiException.Kind.UNREACHABLE, "interrupted", e);
    }
    int status = response.statusCode();
    String text = response.body();
    if (status / 100 == 2) {
      return parse(text);
    }
    JsonNode error = parse(text);
    String code = error.path("error_code").asText("");
    String message = error.path("message").asText("");
    if (message.isEmpty()) {
      message = text.length() > 200 ? text.substring(0, 200) : text;
    }
    throw new MlflowApiException(
        MlflowApiException.kindOf(status),
        status,
        code,
        request.method()
            + " "
            + request.uri().getPath()
            + ": HTTP "
            + status
            + (code.isEmpty() ? "" : " " + code)
            + ": "
            + message.strip());
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return NullNode.getInstance();
    }
  }

  private static String query(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringJoiner j = new StringJoiner("&", "?", "");
    query.forEach(
        (k, v) ->
            j.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }
}
