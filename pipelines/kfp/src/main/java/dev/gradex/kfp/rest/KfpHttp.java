package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.retry.Retrier;
import dev.gradex.core.retry.RetriesExhausted;
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
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * JSON and multipart requests to {@code <host>/apis/v2beta1}, with auth, error mapping and bounded
 * retries ({@link KfpRetry}). GET and DELETE are retried on any transient failure; a POST only when
 * it cannot have reached the server, unless it is a {@link #create create} guarded by a look-up.
 * When the attempts run out, the one-line message names method, host and path, the attempts, the
 * time they took and the last status or error.
 */
final class KfpHttp {
  static final ObjectMapper JSON = dev.gradex.core.Json.JSON;
  private static final String PREFIX = "/apis/v2beta1";

  private final URI host;
  private final KfpAuth auth;
  private final HttpClient http;
  private final Duration timeout;
  private final KfpRetry retry;

  KfpHttp(URI host, KfpAuth auth, HttpClient http, Duration timeout, KfpRetry retry) {
    String h = host.toString();
    this.host = URI.create(h.endsWith("/") ? h.substring(0, h.length() - 1) : h);
    this.auth = auth;
    this.http = http;
    this.timeout = timeout;
    this.retry = retry;
  }

  JsonNode get(String path, Map<String, String> query) {
    return send(request(path, query).GET().build(), true, () -> Optional.empty());
  }

  /** POSTs {@code body} as JSON; a null body sends none (for the {@code :verb} actions). */
  JsonNode post(String path, Map<String, String> query, Object body) {
    return send(postRequest(path, query, body), false, () -> Optional.empty());
  }

  /**
   * POSTs a create that is made idempotent by {@code existing}: before every retry (after a 5xx or
   * a timeout the server may have created it all the same) the look-up runs, and what it finds is
   * returned instead of creating again. Callers check before the first attempt themselves.
   */
  JsonNode create(
      String path, Map<String, String> query, Object body, Supplier<Optional<JsonNode>> existing) {
    return send(postRequest(path, query, body), true, existing);
  }

  private HttpRequest postRequest(String path, Map<String, String> query, Object body) {
    HttpRequest.Builder b = request(path, query);
    if (body == null) {
      return b.POST(HttpRequest.BodyPublishers.noBody()).build();
    }
    return b.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json(body)))
        .build();
  }

  JsonNode delete(String path, Map<String, String> query) {
    return send(request(path, query).DELETE().build(), true, () -> Optional.empty());
  }

  /**
   * POSTs one file as {@code multipart/form-data} field {@code field}, guarded by {@code existing}
   * as {@link #create} is.
   */
  JsonNode upload(
      String path,
      Map<String, String> query,
      String field,
      String fileName,
      byte[] content,
      Supplier<Optional<JsonNode>> existing) {
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
            .build(),
        true,
        existing);
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

  private JsonNode send(
      HttpRequest request, boolean repeatable, Supplier<Optional<JsonNode>> existing) {
    boolean guarded = request.method().equals("POST") && repeatable;
    Retrier retrier =
        new Retrier(
            retry.backoff(),
            retry.random(),
            retry.sleeper(),
            e -> KfpRetry.retryable(e, repeatable),
            e ->
                e instanceof KfpRetry.RetryableStatus r
                    ? r.retryAfter
                    : Optional.<Duration>empty());
    try {
      return retrier.call(
          attempt -> {
            if (guarded && attempt > 1) {
              Optional<JsonNode> found = existing.get();
              if (found.isPresent()) {
                return found.get();
              }
            }
            return once(request);
          });
    } catch (RetriesExhausted e) {
      throw failure(request, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private JsonNode once(HttpRequest request)
      throws IOException, InterruptedException, KfpRetry.RetryableStatus {
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode body = parse(response.body());
    int status = response.statusCode();
    if (status / 100 != 2) {
      KfpApiException error =
          new KfpApiException(
              status,
              ErrorBody.grpcCode(body),
              request.method() + " " + request.uri().getPath() + ": " + ErrorBody.message(body));
      if (KfpRetry.retriedStatus(status)) {
        throw new KfpRetry.RetryableStatus(
            error, KfpRetry.retryAfter(response.headers().firstValue("Retry-After")));
      }
      throw error;
    }
    return body;
  }

  /** The exception a caller sees: the server's error as before, or one line after the retries. */
  private RuntimeException failure(HttpRequest request, RetriesExhausted e) {
    Exception last = e.last();
    String where = "KFP API " + request.method() + " " + host + request.uri().getRawPath() + ": ";
    String after = " " + RetriesExhausted.describe(e.attempts(), e.elapsed());
    if (last instanceof KfpRetry.RetryableStatus r) {
      String server = r.error.getMessage().replaceFirst("^KFP API error \\d+: [A-Z]+ \\S+: ", "");
      return KfpApiException.afterRetries(
          r.error.httpStatus(),
          r.error.grpcCode(),
          where + r.error.httpStatus() + after + ": " + server);
    }
    if (last instanceof IOException io) {
      String what =
          io.getClass().getSimpleName() + (io.getMessage() == null ? "" : " " + io.getMessage());
      return new UncheckedIOException(where + what + after, io);
    }
    if (last instanceof RuntimeException re) {
      return re;
    }
    return new IllegalStateException(where + last + after, last);
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
