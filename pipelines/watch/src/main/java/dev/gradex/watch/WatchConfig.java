package dev.gradex.watch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.Json;
import dev.gradex.core.UriSchemes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The watcher's configuration ({@code watch.yaml}): sources, object storage, KFP endpoint, pipeline
 * and experiment, extra run parameters, where the state is recorded and the incremental policy.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record WatchConfig(
    List<SourceSpec> sources,
    S3 s3,
    Kfp kfp,
    String pipeline,
    String pipelineVersion,
    String experiment,
    Map<String, Object> parameters,
    State state,
    Incremental incremental) {

  /**
   * Object storage for {@code s3://} sources; credentials are not configured here but come from the
   * SDK's default chain ({@link S3ObjectStore}).
   *
   * @param endpoint an S3-compatible store (MinIO), {@code http(s)://host[:port]}; null for AWS S3
   * @param region null for the SDK's region chain ({@code AWS_REGION}), else us-east-1
   * @param pathStyle {@code http://host/bucket/key} addressing; default true with an endpoint (as
   *     MinIO needs), false without (AWS's virtual-hosted buckets)
   * @param anonymous list without signing (public buckets); default false
   */
  public record S3(String endpoint, String region, Boolean pathStyle, Boolean anonymous) {
    public S3(String endpoint, String region) {
      this(endpoint, region, null, null);
    }

    /** The addressing style in effect. */
    public boolean pathStyleOrDefault() {
      return pathStyle != null ? pathStyle : endpoint != null;
    }
  }

  /**
   * KFP endpoint; auth by {@code $KFP_TOKEN} or a re-read {@code tokenFile} (a mounted secret).
   * {@code token} exists only to be refused with a clear message: watch.yaml is a ConfigMap, no
   * place for a credential.
   */
  public record Kfp(String host, String namespace, String token, String tokenFile) {}

  /** Where the last state is kept: a ConfigMap (in {@code namespace}, else the pod's) or a file. */
  public record State(String configMap, String namespace, String file) {}

  /**
   * Incremental reselection ({@link IncrementalPolicy}); absent: every run is full and no reuse
   * parameters are passed.
   *
   * @param reuseDir directory on the pipeline's cache volume (compile with --cache-pvc) where runs
   *     keep theta* and the store for the next incremental run
   * @param maxAge oldest theta* to reuse, ISO-8601 ({@code P14D}); default 14 days
   * @param maxNewFraction largest share of source bytes new since theta*; default 0.25
   */
  public record Incremental(String reuseDir, String maxAge, Double maxNewFraction) {
    /** The policy; IllegalArgumentException names a bad field. */
    public IncrementalPolicy policy() {
      java.time.Duration age;
      try {
        age = java.time.Duration.parse(maxAge == null ? "P14D" : maxAge);
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException(
            "incremental.maxAge '" + maxAge + "' is not an ISO-8601 duration such as P14D");
      }
      return new IncrementalPolicy(reuseDir, age, maxNewFraction == null ? 0.25 : maxNewFraction);
    }
  }

  /** A source is an object-store prefix or a local file or directory. */
  static final Set<String> SOURCE_SCHEMES = Set.of("s3", "file");

  public WatchConfig {
    sources = sources == null ? List.of() : List.copyOf(sources);
    parameters = parameters == null ? Map.of() : new LinkedHashMap<>(parameters);
    experiment = experiment == null ? "gradex-reselection" : experiment;
  }

  /**
   * Reads and validates a YAML file; the exception lists every problem at once. YAML that is not
   * plain data (tags, aliases, over the size limit: {@code SafeYaml}) or not of this shape is an
   * IllegalArgumentException naming the file.
   */
  public static WatchConfig load(Path file) throws IOException {
    ObjectMapper yaml = Json.STRICT_YAML;
    WatchConfig c;
    try {
      c = yaml.readValue(file.toFile(), WatchConfig.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("watch config " + file + ": " + e.getOriginalMessage());
    }
    if (c == null) {
      throw new IllegalArgumentException("watch config " + file + ": is empty");
    }
    c.validate(file.toString());
    return c;
  }

  /** Throws IllegalArgumentException naming every missing or bad field. */
  public void validate(String origin) {
    List<String> problems = new ArrayList<>();
    if (sources.isEmpty()) {
      problems.add("sources: at least one source is required");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      SourceSpec s = sources.get(i);
      if (s.name() == null || s.name().isBlank()) {
        problems.add("sources[" + i + "].name is required");
      } else if (!names.add(s.name())) {
        problems.add("sources[" + i + "].name '" + s.name() + "' is not unique");
      }
      if (s.uri() == null || s.uri().isBlank()) {
        problems.add("sources[" + i + "].uri is required");
      } else {
        UriSchemes.problem("sources[" + i + "].uri", s.uri(), SOURCE_SCHEMES, true)
            .ifPresent(problems::add);
      }
    }
    if (s3 != null && s3.endpoint() != null && !isHttpUrl(s3.endpoint())) {
      problems.add("s3.endpoint '" + s3.endpoint() + "' is not an http(s)://host[:port] URL");
    }
    if (kfp == null || kfp.host() == null || kfp.host().isBlank()) {
      problems.add("kfp.host is required");
    } else {
      UriSchemes.problem("kfp.host", kfp.host(), UriSchemes.HTTP, false).ifPresent(problems::add);
    }
    if (kfp != null && kfp.token() != null) {
      problems.add(
          "kfp.token: a credential is not read from watch.yaml; set KFP_TOKEN or kfp.tokenFile"
              + " (a mounted secret)");
    }
    if (pipeline == null || pipeline.isBlank()) {
      problems.add("pipeline (the KFP pipeline name) is required");
    }
    if (parameters.containsKey(Watcher.DIGESTS_PARAMETER)) {
      problems.add("parameters must not set " + Watcher.DIGESTS_PARAMETER + " (the watcher does)");
    }
    if (incremental != null) {
      try {
        incremental.policy();
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
      for (String p : List.of(IncrementalPolicy.ONLY_SOURCES, IncrementalPolicy.REUSE_DIR)) {
        if (parameters.containsKey(p)) {
          problems.add("parameters must not set " + p + " (incremental reselection does)");
        }
      }
    }
    if (state == null || (state.configMap() == null) == (state.file() == null)) {
      problems.add("state: set exactly one of state.configMap and state.file");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "watch config " + origin + ": " + String.join("; ", problems));
    }
  }

  /** True when some source is an {@code s3://} URI. */
  public boolean hasObjectStoreSources() {
    return sources.stream().anyMatch(s -> s.uri() != null && s.uri().startsWith("s3://"));
  }

  private static boolean isHttpUrl(String s) {
    try {
      java.net.URI u = new java.net.URI(s);
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
