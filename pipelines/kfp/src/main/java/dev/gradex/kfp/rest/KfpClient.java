package dev.gradex.kfp.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.retry.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Client for the KFP REST API v2beta1: pipelines and versions, experiments, runs and (through
 * {@link #recurringRuns()}) recurring runs. Thread-safe; one instance per KFP endpoint.
 */
public final class KfpClient {
  /** Items asked for per page (KFP's API server caps page_size at 200). */
  static final int PAGE_SIZE = 100;

  private final KfpHttp http;
  private final String namespace;
  private final RecurringRuns recurringRuns;

  private KfpClient(Builder b) {
    HttpClient client =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.http = new KfpHttp(b.host, b.auth, client, b.timeout, b.retry);
    this.namespace = b.namespace;
    this.recurringRuns = new RecurringRuns(http, namespace);
  }

  public static Builder builder() {
    return new Builder();
  }

  public RecurringRuns recurringRuns() {
    return recurringRuns;
  }

  /** Uploads a compiled pipeline YAML as a new pipeline (KFP also creates its first version). */
  public KfpPipeline uploadPipeline(String name, String description, byte[] yaml) {
    Map<String, String> q = query("name", name, "display_name", name, "description", description);
    q.put("namespace", namespace);
    return KfpPipeline.from(
        http.upload(
            "/pipelines/upload", q, "uploadfile", name + ".yaml", yaml, () -> pipelineNode(name)));
  }

  /**
   * Creates a pipeline without versions ({@code POST /pipelines}); add versions with {@link
   * #uploadVersion}. Unlike {@link #uploadPipeline}, which names the first version after the
   * pipeline, every version then gets the caller's name.
   */
  public KfpPipeline createPipeline(String name, String description) {
    ObjectNode body = KfpHttp.JSON.createObjectNode().put("name", name).put("display_name", name);
    Requests.putIfSet(body, "description", description);
    Requests.putIfSet(body, "namespace", namespace);
    return KfpPipeline.from(http.create("/pipelines", Map.of(), body, () -> pipelineNode(name)));
  }

  /** Uploads {@code yaml} as version {@code versionName} of an existing pipeline. */
  public KfpPipelineVersion uploadVersion(String pipelineId, String versionName, byte[] yaml) {
    Map<String, String> q = query("name", versionName, "display_name", versionName);
    q.put("pipelineid", pipelineId);
    return KfpPipelineVersion.from(
        http.upload(
            "/pipelines/upload_version",
            q,
            "uploadfile",
            versionName + ".yaml",
            yaml,
            () ->
                versionNodes(pipelineId).stream()
                    .filter(
                        v ->
                            versionName.equals(Json.text(v, "name"))
                                || versionName.equals(Json.text(v, "display_name")))
                    .findFirst()));
  }

  /** The pipeline named {@code name} in this client's namespace, if any. */
  public Optional<KfpPipeline> findPipeline(String name) {
    return pipelineNode(name).map(KfpPipeline::from);
  }

  private Optional<JsonNode> pipelineNode(String name) {
    try {
      return Optional.of(
          http.get("/pipelines/names/" + segment(name), query("namespace", namespace)));
    } catch (KfpApiException e) {
      if (e.httpStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Versions of a pipeline, newest first, read page by page. */
  public List<KfpPipelineVersion> listVersions(String pipelineId) {
    return versionNodes(pipelineId).stream().map(KfpPipelineVersion::from).toList();
  }

  private List<JsonNode> versionNodes(String pipelineId) {
    return http.list(
        "/pipelines/" + segment(pipelineId) + "/versions",
        query("sort_by", "created_at desc", "page_size", "" + PAGE_SIZE),
        "pipeline_versions",
        n -> n,
        Integer.MAX_VALUE);
  }

  public KfpExperiment createExperiment(String displayName, String description) {
    ObjectNode body = KfpHttp.JSON.createObjectNode().put("display_name", displayName);
    Requests.putIfSet(body, "description", description);
    Requests.putIfSet(body, "namespace", namespace);
    return KfpExperiment.from(
        http.create("/experiments", Map.of(), body, () -> experimentNode(displayName)));
  }

  /** The experiment with this display name, if any. */
  public Optional<KfpExperiment> findExperiment(String displayName) {
    return experimentNode(displayName).map(KfpExperiment::from);
  }

  private Optional<JsonNode> experimentNode(String displayName) {
    Map<String, String> q = query("filter", equalsFilter("display_name", displayName));
    q.put("namespace", namespace);
    for (JsonNode e : http.get("/experiments", q).path("experiments")) {
      if (displayName.equals(Json.text(e, "display_name"))) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Finds the experiment or creates it. */
  public KfpExperiment ensureExperiment(String displayName) {
    return findExperiment(displayName).orElseGet(() -> createExperiment(displayName, null));
  }

  /**
   * Creates a run. Retried only when the request cannot have reached the server; use {@link
   * #createRun(RunRequest, Supplier)} to have every transient failure retried.
   */
  public KfpRun createRun(RunRequest request) {
    return KfpRun.from(http.post("/runs", Map.of(), request.body()));
  }

  /**
   * Creates a run, retrying every transient failure; before each retry {@code existing} looks for
   * the run the failed attempt may have made (a create that timed out after the server made it),
   * and a run it finds is returned instead of creating another.
   */
  public KfpRun createRun(RunRequest request, Supplier<Optional<KfpRun>> existing) {
    return KfpRun.from(
        http.create("/runs", Map.of(), request.body(), () -> existing.get().map(KfpRun::toJson)));
  }

  public KfpRun getRun(String runId) {
    return KfpRun.from(http.get("/runs/" + segment(runId), Map.of()));
  }

  /**
   * Up to {@code limit} runs of an experiment (or of the namespace when {@code experimentId} is
   * null), newest first, read page by page.
   */
  public List<KfpRun> listRuns(String experimentId, int limit) {
    Map<String, String> q =
        query("sort_by", "created_at desc", "page_size", "" + Math.min(limit, PAGE_SIZE));
    q.put("experiment_id", experimentId);
    if (experimentId == null) {
      q.put("namespace", namespace);
    }
    return http.list("/runs", q, "runs", KfpRun::from, limit);
  }

  /** Terminates an active run: KFP stops its pods; it becomes CANCELING, then CANCELED. */
  public void terminateRun(String runId) {
    http.post("/runs/" + segment(runId) + ":terminate", Map.of(), null);
  }

  /** Re-initiates a failed or terminated run. */
  public void retryRun(String runId) {
    http.post("/runs/" + segment(runId) + ":retry", Map.of(), null);
  }

  /** Deletes a run. */
  public void deleteRun(String runId) {
    http.delete("/runs/" + segment(runId), Map.of());
  }

  /**
   * Polls a run until it reaches a terminal state, reporting each state change; throws
   * IllegalStateException on timeout.
   */
  public KfpRun waitForRun(String runId, Duration timeout, Duration poll, Consumer<KfpRun> onChange)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    String last = null;
    while (true) {
      KfpRun run = getRun(runId);
      if (!java.util.Objects.equals(run.state(), last)) {
        onChange.accept(run);
        last = run.state();
      }
      if (run.isTerminal()) {
        return run;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "run " + runId + " still " + run.state() + " after " + timeout);
      }
      Thread.sleep(poll.toMillis());
    }
  }

  /** Percent-encodes one path segment. */
  static String segment(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  static String equalsFilter(String key, String value) {
    ObjectNode predicate =
        KfpHttp.JSON
            .createObjectNode()
            .put("key", key)
            .put("operation", "EQUALS")
            .put("string_value", value);
    ObjectNode filter = KfpHttp.JSON.createObjectNode();
    filter.putArray("predicates").add(predicate);
    return filter.toString();
  }

  /** A mutable query map from key/value pairs; null values are dropped when sent. */
  static Map<String, String> query(String... kv) {
    Map<String, String> q = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      q.put(kv[i], kv[i + 1]);
    }
    return q;
  }

  /** Builder: the host (e.g. {@code http://ml-pipeline-ui.kubeflow:80}) is required. */
  public static final class Builder {
    private URI host;
    private String namespace;
    private KfpAuth auth = KfpAuth.none();
    private HttpClient httpClient;
    private Duration timeout = Duration.ofSeconds(60);
    private KfpRetry retry =
        new KfpRetry(KfpRetry.defaultBackoff(), new SplittableRandom(), Sleeper.REAL);

    private Builder() {}

    public Builder setHost(URI host) {
      this.host = host;
      return this;
    }

    /** The Kubernetes namespace (multi-user KFP); null for the default. */
    public Builder optNamespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder optAuth(KfpAuth auth) {
      this.auth = auth;
      return this;
    }

    public Builder optHttpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    public Builder optRequestTimeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Attempts, pauses, jitter and sleeper of every request (default {@link KfpRetry}). */
    public Builder optRetry(KfpRetry retry) {
      this.retry = retry;
      return this;
    }

    public KfpClient build() {
      if (host == null) {
        throw new IllegalArgumentException("KFP client: host is required (setHost)");
      }
      String scheme = host.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException("KFP host '" + host + "' must be an http(s) URL");
      }
      return new KfpClient(this);
    }
  }
}
