package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.watch.ObjectStore;
import dev.gradex.watch.ObjectStoreDigester;
import dev.gradex.watch.S3ObjectStore;
import dev.gradex.watch.WatchConfig;
import dev.gradex.watch.WatchMain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher's S3 listing (AWS SDK v2) against moto's S3 and STS server: every page of a prefix,
 * the digest, errors, and the SDK's default credential chain as a pod sees it: static keys with a
 * session token, and web identity (IRSA) exchanged at STS for temporary credentials. The watcher
 * runs as its own JVM with only the environment given here (no profile files, no instance
 * metadata).
 */
@Tag("fast")
class S3ObjectStoreIT {
  /** More than one ListObjectsV2 page (1,000 keys). */
  private static final int OBJECTS = 1001;

  @TempDir static Path dir;
  private static MotoServer moto;
  private static String expectedDigest;

  @BeforeAll
  static void startMotoWithABucket() throws Exception {
    moto = MotoServer.start(dir);
    moto.createBucket("data");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < OBJECTS; i++) {
      String key = String.format("web/part-%04d.jsonl", i);
      String content = "{\"i\": " + i + "}\n";
      moto.put("data", key, content);
      lines.add(md5(content) + "  " + key + "\n");
    }
    moto.put("data", "other/x.jsonl", "not under the prefix\n");
    expectedDigest = "sha256:" + sha256(String.join("", lines)); // keys are put in sorted order
  }

  @AfterAll
  static void stopMoto() throws Exception {
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void anonymousListing_returnsEveryObjectOfThePrefixWithItsMd5Etag() throws Exception {
    try (S3ObjectStore store = anonymous()) {
      List<ObjectStore.Entry> entries = store.list("data", "web/");

      assertThat(entries).hasSize(OBJECTS);
      assertThat(entries.get(0))
          .isEqualTo(new ObjectStore.Entry("web/part-0000.jsonl", md5("{\"i\": 0}\n"), 9));
      assertThat(entries.get(OBJECTS - 1).key()).isEqualTo("web/part-1000.jsonl");
      assertThat(new ObjectStoreDigester(store).digest("s3://data/web/")).isEqualTo(expectedDigest);
    }
  }

  @Test
  void rewrittenObject_changesTheDigest() throws Exception {
    moto.createBucket("rewrite");
    moto.put("rewrite", "web/a.jsonl", "one\n");
    try (S3ObjectStore store = anonymous()) {
      String before = new ObjectStoreDigester(store).digest("s3://rewrite/web/");
      moto.put("rewrite", "web/a.jsonl", "two\n");

      assertThat(before).isEqualTo("sha256:" + sha256(md5("one\n") + "  web/a.jsonl\n"));
      assertThat(new ObjectStoreDigester(store).digest("s3://rewrite/web/"))
          .isEqualTo("sha256:" + sha256(md5("two\n") + "  web/a.jsonl\n"));
    }
  }

  @Test
  void missingBucket_isAnIoErrorWithStatusAndCode() throws Exception {
    try (S3ObjectStore store = anonymous()) {
      assertThatThrownBy(() -> store.list("missing", "web/"))
          .hasMessageContaining(
              "S3 list s3://missing/web/ at " + moto.endpoint() + ": HTTP 404 NoSuchBucket");
    }
  }

  @Test
  void staticKeysWithSessionToken_signEveryPageAndSendTheToken() throws Exception {
    String out =
        watchDryRun(
            Map.of(
                "AWS_ACCESS_KEY_ID", "AKIDSESSIONTEST",
                "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "session-token-of-the-test"));

    assertThat(out).contains("\"web\"").contains(expectedDigest);
    List<JsonNode> lists = listRequestsSignedBy("Credential=AKIDSESSIONTEST/");
    assertThat(lists).hasSize(2);
    assertThat(lists.get(1).get("url").asText()).contains("continuation-token=");
    assertThat(lists)
        .allSatisfy(
            r ->
                assertThat(header(r, "X-Amz-Security-Token"))
                    .isEqualTo("session-token-of-the-test"));
  }

  @Test
  void webIdentity_assumesTheRoleAtStsAndListsWithTheTemporaryCredentials() throws Exception {
    Path token = Files.writeString(dir.resolve("web-identity-token"), "eyJ.test-service-account");
    String out =
        watchDryRun(
            Map.of(
                "AWS_ROLE_ARN",
                "arn:aws:iam::123456789012:role/gradex-watch",
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                token.toString(),
                "AWS_ROLE_SESSION_NAME",
                "gradex-watch-it",
                "AWS_ENDPOINT_URL_STS",
                moto.endpoint()));

    assertThat(out).contains(expectedDigest);
    List<String> stsBodies =
        moto.requests().stream()
            .map(S3ObjectStoreIT::body)
            .filter(b -> b.contains("Action=AssumeRoleWithWebIdentity"))
            .toList();
    assertThat(stsBodies)
        .singleElement()
        .satisfies(b -> assertThat(b).contains("WebIdentityToken=eyJ.test-service-account"));
    // moto's temporary access keys start with ASIA, as AWS's do; the token comes with them.
    List<JsonNode> lists = listRequestsSignedBy("Credential=ASIA");
    assertThat(lists).hasSize(2);
    assertThat(lists).allSatisfy(r -> assertThat(header(r, "X-Amz-Security-Token")).isNotBlank());
  }

  private S3ObjectStore anonymous() {
    return S3ObjectStore.create(new WatchConfig.S3(moto.endpoint(), "us-east-1", null, true));
  }

  /** {@code gradex watch --dry-run} in a child JVM whose AWS environment is exactly {@code env}. */
  private String watchDryRun(Map<String, String> env) throws Exception {
    Path config = dir.resolve("watch-" + System.nanoTime() + ".yaml");
    Files.writeString(
        config,
        "sources: [{name: web, uri: 's3://data/web/'}]\n"
            + "s3: {endpoint: '"
            + moto.endpoint()
            + "', region: eu-west-1}\n"
            + "kfp: {host: 'http://127.0.0.1:9'}\n"
            + "pipeline: gradex\n"
            + "state: {file: '"
            + dir.resolve("state.json")
            + "'}\n");
    Path log = dir.resolve(config.getFileName() + ".log");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            WatchMain.class.getName(),
            "--config",
            config.toString(),
            "--dry-run");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("AWS_"));
    e.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
    e.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
    e.put("AWS_EC2_METADATA_DISABLED", "true");
    e.put("AWS_REGION", "eu-west-1");
    e.putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("watch --dry-run finished").isTrue();
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  /** The ListObjectsV2 requests for {@code data/web/} whose Authorization contains {@code part}. */
  private List<JsonNode> listRequestsSignedBy(String part) throws Exception {
    return moto.requests().stream()
        .filter(r -> r.get("method").asText().equals("GET"))
        .filter(r -> r.get("url").asText().contains("list-type=2"))
        .filter(r -> header(r, "Authorization").contains(part))
        .toList();
  }

  private static String header(JsonNode request, String name) {
    Iterator<Map.Entry<String, JsonNode>> it = request.get("headers").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> h = it.next();
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue().asText();
      }
    }
    return "";
  }

  private static String body(JsonNode request) {
    JsonNode b = request.get("body");
    if (b == null || b.isNull()) {
      return "";
    }
    return request.path("body_encoded").asBoolean()
        ? new String(Base64.getDecoder().decode(b.asText()), StandardCharsets.UTF_8)
        : b.asText();
  }

  private static String md5(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
