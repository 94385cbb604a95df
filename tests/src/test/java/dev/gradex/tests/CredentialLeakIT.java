package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.local.ArithmeticSources;
import dev.gradex.watch.FakeKfp;
import dev.gradex.watch.WatchMain;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, credentials: a distinct random secret in every credential variable GradEx reads (MLflow
 * token, user and password; KFP token and its token file; KFP session cookie; AWS keys and session
 * token), then {@code gradex run} with a real MLflow server up, the same with it down (the tracking
 * buffer is written) and {@code gradex tracking flush}, the watcher against a fake KFP with an S3
 * source on moto, and {@code estimate-subsets}. No secret, raw, URL-encoded or as the base64 of
 * {@code user:password}, may appear in any file the processes wrote (run and output directories,
 * buffer, temporary directory, the MLflow server's SQLite store and artifact root), in their
 * output, or in anything MLflow returns over REST. A canary passed where values are recorded
 * ({@code GRADEX_GIT_COMMIT}) is found by the same scan, so the scan can fail.
 */
@Tag("mlflow")
class CredentialLeakIT {
  @TempDir static Path dir;
  static MlflowServer mlflow;
  static MotoServer moto;
  static FakeKfp kfp;
  static final Map<String, String> SECRETS = new LinkedHashMap<>();
  static String canary;
  static final List<String> outputs = new ArrayList<>();
  static Path buffered;
  static String bufferedText;

  @BeforeAll
  static void plantSecretsAndRunEverything() throws Exception {
    for (String v :
        List.of(
            "MLFLOW_TRACKING_TOKEN",
            "MLFLOW_TRACKING_USERNAME",
            "MLFLOW_TRACKING_PASSWORD",
            "KFP_TOKEN",
            "KFP_SESSION_COOKIE",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN")) {
      // '+', '/' and '=' make the URL-encoded form differ from the raw one (as in AWS secrets).
      SECRETS.put(v, "gx" + v.length() + random() + "+/=");
    }
    SECRETS.put("AWS_ACCESS_KEY_ID", "AKIA" + random().toUpperCase());
    SECRETS.put("KFP_TOKEN_FILE", "kfp-file-" + random() + "+/=");
    canary = "canary" + random();
    Files.createDirectories(dir.resolve("secrets"));
    Files.createDirectories(dir.resolve("tmp"));
    Files.createDirectories(dir.resolve("logs"));
    mlflow = MlflowServer.start(dir.resolve("mlflow"));

    runPipeline("up", mlflow.uri(), env(true));
    runPipeline("down", "http://127.0.0.1:" + freePort(), env(true));
    try (Stream<Path> s = Files.list(dir.resolve("buffer"))) {
      buffered = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).findFirst().get();
    }
    bufferedText = Files.readString(buffered);
    // Without the token, MLflow's Basic credentials are the ones sent.
    child(
        "flush",
        env(false),
        "tracking",
        "flush",
        "--buffer",
        dir.resolve("buffer").toString(),
        "--tracking-uri",
        mlflow.uri());
    watch();
    Path store = Cli.synthStore(dir.resolve("estimate/store"), 120, 4, 16, 1, 7);
    Map<String, String> e = env(true);
    e.put("MLFLOW_TRACKING_URI", mlflow.uri());
    child(
        "estimate",
        e,
        "estimate-subsets",
        "--store",
        store.toString(),
        "--out",
        dir.resolve("estimate/out").toString(),
        "--subsets",
        "8",
        "--metrics-out",
        dir.resolve("estimate/metrics.json").toString(),
        "--report-html",
        dir.resolve("estimate/report.html").toString());
  }

  @AfterAll
  static void stopPeers() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {kfp, moto, mlflow}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void noPlantedSecretAppearsInAnyFileOutputOrMlflowRecord() throws Exception {
    LeakScan scan = scan();
    Set<Path> peers = Set.of(dir.resolve("secrets"), dir.resolve("moto"));
    assertThat(LeakScan.count(dir, peers)).as("files scanned").isGreaterThan(50);
    assertThat(dir.resolve("mlflow/mlflow.db")).exists();
    List<String> hits = new ArrayList<>(scan.files(dir, peers));
    for (int i = 0; i < outputs.size(); i++) {
      hits.addAll(scan.text("output of process " + i, outputs.get(i)));
    }
    hits.addAll(scan.text("tracking buffer before flush", bufferedText));
    hits.addAll(scan.text("MLflow REST", mlflowRecords()));
    hits.addAll(scan.text("runs the watcher created in KFP", kfp.createdRuns().toString()));
    assertThat(hits).isEmpty();
  }

  @Test
  void theSecretsWereSentToThePeersThatUseThem() throws Exception {
    assertThat(kfp.createdRuns()).hasSize(1);
    assertThat(kfp.authorizations())
        .contains(bearer("KFP_TOKEN"), bearer("KFP_TOKEN_FILE"))
        .allMatch(a -> a.equals(bearer("KFP_TOKEN")) || a.equals(bearer("KFP_TOKEN_FILE")));
    List<JsonNode> signed =
        moto.requests().stream()
            .filter(r -> r.path("url").asText().contains("list-type=2"))
            .filter(r -> header(r, "Authorization").contains(SECRETS.get("AWS_ACCESS_KEY_ID")))
            .toList();
    assertThat(signed).isNotEmpty();
    assertThat(signed)
        .allMatch(r -> header(r, "X-Amz-Security-Token").equals(SECRETS.get("AWS_SESSION_TOKEN")));
  }

  @Test
  void negativeControl_aCanaryInAValueThatIsRecordedIsFoundByTheSameScan() throws Exception {
    LeakScan scan = new LeakScan(Map.of("GRADEX_GIT_COMMIT", canary), List.of("u:" + canary));
    assertThat(scan.text("MLflow REST", mlflowRecords())).isNotEmpty();
    assertThat(scan.files(dir.resolve("mlflow"), Set.of())).anyMatch(h -> h.endsWith("mlflow.db"));
    assertThat(scan.text("buffer", bufferedText)).isNotEmpty();
    Path planted = Files.writeString(dir.resolve("tmp/control.txt"), bearer("KFP_TOKEN") + "\n");
    Files.writeString(
        dir.resolve("tmp/control-basic.txt"),
        java.util.Base64.getEncoder()
            .encodeToString(
                (SECRETS.get("MLFLOW_TRACKING_USERNAME")
                        + ":"
                        + SECRETS.get("MLFLOW_TRACKING_PASSWORD"))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      assertThat(scan().files(dir.resolve("tmp"), Set.of()))
          .anyMatch(h -> h.startsWith("KFP_TOKEN (raw)"))
          .anyMatch(h -> h.startsWith("base64 of"));
    } finally {
      Files.delete(planted);
      Files.delete(dir.resolve("tmp/control-basic.txt"));
    }
  }

  private static LeakScan scan() {
    return new LeakScan(
        SECRETS,
        List.of(
            SECRETS.get("MLFLOW_TRACKING_USERNAME")
                + ":"
                + SECRETS.get("MLFLOW_TRACKING_PASSWORD")));
  }

  private static String bearer(String secret) {
    return "Bearer " + SECRETS.get(secret);
  }

  /** Every experiment and every run (params, tags, metrics) and artifact listing, as JSON text. */
  private static String mlflowRecords() throws Exception {
    StringBuilder all = new StringBuilder();
    JsonNode experiments =
        mlflow.post("/api/2.0/mlflow/experiments/search", Map.of("max_results", 1000));
    all.append(experiments);
    List<String> ids = new ArrayList<>();
    experiments.path("experiments").forEach(x -> ids.add(x.path("experiment_id").asText()));
    JsonNode runs =
        mlflow.post(
            "/api/2.0/mlflow/runs/search", Map.of("experiment_ids", ids, "max_results", 1000));
    assertThat(runs.path("runs").size()).as("MLflow runs").isGreaterThan(3);
    all.append(runs);
    for (JsonNode r : runs.path("runs")) {
      String id = r.path("info").path("run_id").asText();
      all.append(mlflow.get("/api/2.0/mlflow/artifacts/list?run_id=" + id));
    }
    return all.toString();
  }

  private static void runPipeline(String name, String trackingUri, Map<String, String> env)
      throws Exception {
    Path run = dir.resolve(name);
    new MiniatureRun(
            new ArithmeticSources(5, 1, 1, 0, 40, 20, 20),
            60,
            List.of("clean-00", "noisy-00"),
            48,
            1,
            1,
            0,
            4,
            1,
            0)
        .write(run);
    env.put("MLFLOW_TRACKING_URI", trackingUri);
    env.put("MLFLOW_EXPERIMENT_NAME", "gradex-leak-it");
    child("run-" + name, env, "run", run.resolve("run.yaml").toString());
  }

  /** One pass of the watcher (WatchMain, a child JVM) against the fake KFP and moto. */
  private static void watch() throws Exception {
    moto = MotoServer.start(Files.createDirectories(dir.resolve("moto")));
    moto.createBucket("data");
    moto.put("data", "web/part-0.jsonl", "{\"text\": \"a\", \"label\": 1}\n");
    kfp = new FakeKfp();
    Path tokenFile =
        Files.writeString(dir.resolve("secrets/kfp-token"), SECRETS.get("KFP_TOKEN_FILE"));
    Path config = Files.createDirectories(dir.resolve("watch")).resolve("watch.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "sources: [{name: web, uri: 's3://data/web/'}]",
            "s3: {endpoint: '" + moto.endpoint() + "', region: us-east-1}",
            "kfp: {host: '" + kfp.uri() + "', tokenFile: '" + tokenFile + "'}",
            "pipeline: gradex",
            "state: {file: '" + dir.resolve("watch/state.json") + "'}",
            ""));
    Map<String, String> e = env(true);
    e.put("AWS_CONFIG_FILE", dir.resolve("secrets/no-aws-config").toString());
    e.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("secrets/no-aws-credentials").toString());
    e.put("AWS_EC2_METADATA_DISABLED", "true");
    Cli.Outcome o =
        Cli.runChild(
            WatchMain.class.getName(),
            jvm(),
            dir.resolve("logs/watch.log"),
            3,
            e,
            "--config",
            config.toString());
    outputs.add(o.stdout());
    assertThat(o.exitCode()).as(o.stdout()).isZero();
    assertThat(o.stdout()).contains("web");
    // A second pass after a change, without KFP_TOKEN: the token file is what it sends.
    moto.put("data", "web/part-1.jsonl", "{\"text\": \"b\", \"label\": 0}\n");
    e.remove("KFP_TOKEN");
    Cli.Outcome second =
        Cli.runChild(
            WatchMain.class.getName(),
            jvm(),
            dir.resolve("logs/watch-2.log"),
            3,
            e,
            "--config",
            config.toString());
    outputs.add(second.stdout());
    assertThat(second.exitCode()).as(second.stdout()).isZero();
  }

  private static void child(String log, Map<String, String> env, String... args) throws Exception {
    Cli.Outcome o = Cli.runChild(jvm(), dir.resolve("logs/" + log + ".log"), 10, env, args);
    outputs.add(o.stdout());
    assertThat(o.exitCode()).as(String.join(" ", args) + "\n" + o.stdout()).isZero();
  }

  private static List<String> jvm() {
    return List.of("-Xmx1g", "-Djava.io.tmpdir=" + dir.resolve("tmp"));
  }

  /** Every planted credential variable (the MLflow token only with {@code token}). */
  private static Map<String, String> env(boolean token) {
    Map<String, String> e = new LinkedHashMap<>(SECRETS);
    e.remove("KFP_TOKEN_FILE");
    if (!token) {
      e.remove("MLFLOW_TRACKING_TOKEN");
    }
    e.put("AWS_REGION", "us-east-1");
    e.put("GRADEX_TRACKING_BUFFER_DIR", dir.resolve("buffer").toString());
    e.put("GRADEX_GIT_COMMIT", canary);
    return e;
  }

  private static String header(JsonNode request, String name) {
    var it = request.path("headers").fields();
    while (it.hasNext()) {
      var h = it.next();
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue().asText();
      }
    }
    return "";
  }

  private static String random() {
    byte[] b = new byte[12];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
