package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * moto's server (PyPI {@code moto[server]}, pinned in tests/python/requirements.txt) on a loopback
 * port: a real implementation of the S3 and STS REST APIs, written by others. It records every
 * request it receives, headers included, so a test can see what a client sent.
 */
final class MotoServer implements AutoCloseable {
  private static final Pattern RUNNING =
      Pattern.compile("Running on (http://127\\.0\\.0\\.1:\\d+)");
  private final Process process;
  private final String endpoint;
  private final Path recording;
  private final HttpClient http = HttpClient.newHttpClient();

  private MotoServer(Process process, String endpoint, Path recording) {
    this.process = process;
    this.endpoint = endpoint;
    this.recording = recording;
  }

  /**
   * Starts a server on a free loopback port; its log and request recording go under {@code dir}.
   */
  static MotoServer start(Path dir) throws IOException, InterruptedException {
    Path log = dir.resolve("moto.log");
    Path recording = dir.resolve("moto-requests.jsonl");
    ProcessBuilder pb =
        new ProcessBuilder(Python.interpreter(), "-m", "moto.server", "-H", "127.0.0.1", "-p", "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("MOTO_ENABLE_RECORDING", "true");
    pb.environment().put("MOTO_RECORDER_FILEPATH", recording.toString());
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive()) {
      Matcher m = RUNNING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        return new MotoServer(p, m.group(1), recording);
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new AssertionError(
        "moto server did not start in 60 s:\n" + Files.readString(log, StandardCharsets.UTF_8));
  }

  /** {@code http://127.0.0.1:<port>}. */
  String endpoint() {
    return endpoint;
  }

  /**
   * Creates a bucket (path-style). moto checks no signatures, but treats an unsigned request as
   * anonymous, which may not overwrite an object: the seeding requests carry a dummy one.
   */
  void createBucket(String bucket) throws Exception {
    send("PUT", "/" + bucket, new byte[0]);
  }

  /** Writes one object. */
  void put(String bucket, String key, String content) throws Exception {
    send("PUT", "/" + bucket + "/" + key, content.getBytes(StandardCharsets.UTF_8));
  }

  private void send(String method, String path, byte[] body) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(endpoint + path))
            .header("Content-Type", "application/octet-stream")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=SEED/20260101/us-east-1/s3/aws4_request,"
                    + " SignedHeaders=host, Signature=0")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    assertThat(resp.statusCode()).as(method + " " + path + ": " + resp.body()).isEqualTo(200);
  }

  /** Every request recorded so far: {@code method}, {@code url}, {@code headers}, {@code body}. */
  List<JsonNode> requests() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (Files.exists(recording)) {
      ObjectMapper json = new ObjectMapper();
      for (String line : Files.readAllLines(recording, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(json.readTree(line));
        }
      }
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
