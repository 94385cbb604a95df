package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Function;

/** JSON and multipart requests to {@code <host>/apis/v2beta1}, with auth and error mapping. */
final class KfpHttp {
  static final ObjectMapper JSON = dev.gradex.core.Json.JSON;
  private static final String PREFIX = "/apis/v2beta1";

  private final URI host;
  private final KfpAuth auth;
  private final HttpClient http;
  private final Duration timeout;

  KfpHttp(URI host, KfpAuth auth, HttpClient http, Duration timeout) {
    String h = host.toString();
    this.host = URI.create(h.endsWith("/") ? h.substring(0, h.length() - 1) : h);
    this.auth = auth;
    this.http = http;
    this.timeout = timeout;
  }

  JsonNode get(String path, Map<String, String> query) {
    return send(request(path, query).GET().build());
  }

  /** POSTs {@code body} as JSON; a null body sends none (for the {@code :verb} actions). */
  JsonNode post(String path, Map<String, String> query, Object body) {
    HttpRequest.Builder b = request(path, query);
    if (body == null) {
      return send(b.POST(HttpRequest.BodyPublishers.noBody()).build());
    }
    return send(
        b.header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json(body)))
            .build());
  }

  JsonNode delete(String path, Map<String, String> query) {
    return send(request(path, query).DELETE().build());
  }

  /** POSTs one file as {@code multipart/form-data} field {@code field}. */
  JsonNode upload(
      String path, Map<String, String> query, String field, String fileName, byte[] content) {
    String boundary = "gradex-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + field
            + "\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: application/x-yaml\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        request(path, query)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  /**
   * Every item of a paged listing: follows {@code next_page_token} until the server sends none or
   * {@code limit} items are read. A token the server repeats ends the loop instead of spinning.
   */
  <T> List<T> list(
      String path, Map<String, String> query, String field, Function<JsonNode, T> from, int limit) {
    List<T> out = new ArrayList<>();
    Map<String, String> q = new HashMap<>(query);
    Set<String> seen = new HashSet<>();
    while (out.size() < limit) {
      JsonNode page = get(path, q);
      for (JsonNode item : page.path(field)) {
        if (out.size() < limit) {
          out.add(from.apply(item));
        }
      }
      String token = Json.text(page, "next_page_token");
      if (token == null || token.isEmpty() || !seen.add(token)) {
        break;
      }
      q.put("page_token", token);
    }
    return out;
  }

  private HttpRequest.Builder request(String path, Map<String, String> query) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach(
        (k, v) -> {
          if (v != null) {
            q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
          }
        });
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(host + PREFIX + path + q))
            .timeout(timeout)
            .header("Accept", "application/json");
    auth.authorization().ifPresent(a -> b.header("Authorization", a));
    auth.cookie().ifPresent(c -> b.header("Cookie", c));
    return b;
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("KFP API " + request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      throw new KfpApiException(
          response.statusCode(),
          ErrorBody.grpcCode(body),
          request.method() + " " + request.uri().getPath() + ": " + ErrorBody.message(body));
    }
    return body;
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("message", new String(body, StandardCharsets.UTF_8));
    }
  }

  private static byte[] json(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
