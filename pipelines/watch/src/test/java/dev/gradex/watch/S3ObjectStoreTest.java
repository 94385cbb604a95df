package dev.gradex.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ListObjectsV2 against a loopback fake that re-derives the signature from what it received. */
class S3ObjectStoreTest {
  private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
  private HttpServer server;
  private final List<String> requests = new ArrayList<>();
  private final List<String> badSignatures = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void signedListing_followsPagesAndSendsAValidSignature() throws Exception {
    S3ObjectStore store = new S3ObjectStore(uri(), "eu-west-1", "AK", "SK", fixedClock());

    List<ObjectStore.Entry> entries = store.list("data", "web/");

    assertThat(entries)
        .containsExactly(
            new ObjectStore.Entry("web/a.jsonl", "e1", 11),
            new ObjectStore.Entry("web/b.jsonl", "e2"),
            new ObjectStore.Entry("web/c.jsonl", "e3"));
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1)).contains("continuation-token=page%202");
    assertThat(badSignatures).isEmpty();
  }

  @Test
  void objectStoreDigest_changesWhenAnObjectIsRewritten() throws Exception {
    S3ObjectStore store = new S3ObjectStore(uri(), null, null, null, fixedClock());
    String before = new ObjectStoreDigester(store).digest("s3://data/web/");
    etagOfC = "e4";

    assertThat(new ObjectStoreDigester(store).digest("s3://data/web/")).isNotEqualTo(before);
  }

  @Test
  void httpError_isReportedWithStatusAndBody() {
    S3ObjectStore store = new S3ObjectStore(uri(), null, null, null, fixedClock());

    assertThatThrownBy(() -> store.list("missing", ""))
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("NoSuchBucket");
  }

  private String etagOfC = "e3";

  private void handle(HttpExchange ex) throws IOException {
    URI u = ex.getRequestURI();
    requests.add(u.getRawPath() + "?" + u.getRawQuery());
    Map<String, String> q = new LinkedHashMap<>();
    for (String kv : u.getRawQuery().split("&")) {
      String[] p = kv.split("=", 2);
      q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null) {
      String expected =
          SigV4.sign(
                  "GET",
                  ex.getRequestHeaders().getFirst("Host"),
                  u.getRawPath(),
                  q,
                  "eu-west-1",
                  "AK",
                  "SK",
                  NOW)
              .get("Authorization");
      if (!auth.equals(expected)) {
        badSignatures.add(auth);
      }
    }
    String body;
    int status = 200;
    if (!u.getRawPath().equals("/data")) {
      status = 404;
      body = "<Error><Code>NoSuchBucket</Code></Error>";
    } else if (!q.containsKey("continuation-token")) {
      body =
          page(
              true,
              "<Contents><Key>web/a.jsonl</Key><ETag>\"e1\"</ETag><Size>11</Size></Contents>"
                  + "<Contents><Key>web/b.jsonl</Key><ETag>\"e2\"</ETag></Contents>");
    } else {
      body =
          page(
              false, "<Contents><Key>web/c.jsonl</Key><ETag>\"" + etagOfC + "\"</ETag></Contents>");
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private static String page(boolean truncated, String contents) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>data</Name>"
        + contents
        + "<IsTruncated>"
        + truncated
        + "</IsTruncated>"
        + (truncated ? "<NextContinuationToken>page 2</NextContinuationToken>" : "")
        + "</ListBucketResult>";
  }

  private URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static Clock fixedClock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }
}
