package dev.gradex.kfp.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.kfp.KfpFixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs tests/python/kfp/rest_checker.py with the kfp venv's python: a loopback KFP stand-in that
 * checks each request against the official generated client kfp_server_api and answers with its
 * models. Skipped (outside CI) when the venv is missing.
 */
public final class RestChecker implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final URI uri;

  private RestChecker(Process process, URI uri) {
    this.process = process;
    this.uri = uri;
  }

  /** Starts the checker serving pages of at most {@code pageSize} items. */
  public static RestChecker start(int pageSize) throws IOException {
    String python = KfpFixtures.kfpPython();
    String script = KfpFixtures.root().resolve("tests/python/kfp/rest_checker.py").toString();
    Process p =
        new ProcessBuilder(python, script, "--page-size", "" + pageSize, "--timeout", "300")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("PORT=")) {
      p.destroyForcibly();
      throw new IllegalStateException("rest_checker did not start: " + line);
    }
    return new RestChecker(p, URI.create("http://127.0.0.1:" + line.substring(5).trim()));
  }

  public URI uri() {
    return uri;
  }

  /** Every request the checker received, in order, with its operation id and problems. */
  public List<JsonNode> requests() throws IOException, InterruptedException {
    List<JsonNode> out = new ArrayList<>();
    log().path("requests").forEach(out::add);
    return out;
  }

  /** The requests of one operation of the generated client, e.g. {@code run_service_create_run}. */
  public List<JsonNode> requests(String operation) throws IOException, InterruptedException {
    return requests().stream().filter(r -> operation.equals(r.path("operation").asText())).toList();
  }

  /** Fails when any request broke the generated client's contract. */
  public void assertNoProblems() throws IOException, InterruptedException {
    List<String> problems = new ArrayList<>();
    log().path("problems").forEach(p -> problems.add(p.asText()));
    assertThat(problems).as("requests kfp_server_api rejects").isEmpty();
  }

  private JsonNode log() throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri.resolve("/_checker/log")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    return JSON.readTree(r.body());
  }

  @Override
  public void close() throws Exception {
    try {
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(uri.resolve("/_checker/stop"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // Already gone; make sure below.
    }
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
