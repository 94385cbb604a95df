package dev.gradex.tracking.mlflow;

import dev.gradex.core.UriSchemes;
import dev.gradex.tracking.Tracker;
import dev.gradex.tracking.TrackingSummary;
import dev.gradex.tracking.buffer.BufferingSink;
import dev.gradex.tracking.buffer.RetryPolicy;
import dev.gradex.tracking.buffer.Sleeper;
import dev.gradex.tracking.buffer.SpillFile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Picks a tracker from the environment, and flushes buffers a tracker left behind. */
public final class Trackers {
  /** Environment variables read by {@link #fromEnvironment}. */
  public static final String TRACKING_URI = "MLFLOW_TRACKING_URI";

  public static final String EXPERIMENT_ID = "MLFLOW_EXPERIMENT_ID";
  public static final String EXPERIMENT_NAME = "MLFLOW_EXPERIMENT_NAME";
  public static final String RUN_ID = "MLFLOW_RUN_ID";
  public static final String TOKEN = "MLFLOW_TRACKING_TOKEN";
  public static final String USERNAME = "MLFLOW_TRACKING_USERNAME";
  public static final String PASSWORD = "MLFLOW_TRACKING_PASSWORD";
  public static final String NESTING = "GRADEX_MLFLOW_NESTING";
  public static final String BUFFER_DIR = "GRADEX_TRACKING_BUFFER_DIR";
  public static final String GIT_COMMIT = "GRADEX_GIT_COMMIT";
  public static final String IMAGE = "GRADEX_IMAGE";

  private Trackers() {}

  /**
   * An MLflow tracker when {@code MLFLOW_TRACKING_URI} is set to an http(s) URI, else a no-op
   * tracker whose summary says why. Joins {@code MLFLOW_RUN_ID} (in {@code MLFLOW_EXPERIMENT_ID})
   * when given, else creates a parent run in {@code MLFLOW_EXPERIMENT_ID} or the experiment named
   * {@code MLFLOW_EXPERIMENT_NAME} (default {@code gradex}). {@code GRADEX_MLFLOW_NESTING} ({@code
   * auto}, {@code nested}, {@code join}), {@code GRADEX_TRACKING_BUFFER_DIR}, {@code
   * GRADEX_GIT_COMMIT} and {@code GRADEX_IMAGE} override the matching settings of {@code base}.
   * Never throws: a bad setting gives a no-op tracker that names it.
   *
   * @param base settings from code (run and source name, clock, retry policy...); env wins
   */
  public static Tracker fromEnvironment(Map<String, String> env, TrackerConfig.Builder base) {
    String uri = env.getOrDefault(TRACKING_URI, "").strip();
    if (uri.isEmpty()) {
      return new NoopTracker("MLflow tracking off: " + TRACKING_URI + " is not set.");
    }
    var badScheme = UriSchemes.problem(TRACKING_URI, uri, UriSchemes.HTTP, false);
    if (badScheme.isPresent()) {
      return new NoopTracker("MLflow tracking off: " + badScheme.get());
    }
    try {
      base.setTrackingUri(URI.create(uri));
      set(env, EXPERIMENT_ID, base::optExperimentId);
      set(env, EXPERIMENT_NAME, base::optExperimentName);
      set(env, RUN_ID, base::optJoinRunId);
      set(env, GIT_COMMIT, base::optGitCommit);
      set(env, IMAGE, base::optImage);
      set(env, BUFFER_DIR, d -> base.optBufferDir(Path.of(d)));
      set(env, NESTING, n -> base.optNesting(nesting(n)));
      authorization(env).ifPresent(base::optAuthorization);
      return MlflowTracker.open(base.build());
    } catch (RuntimeException e) { // bad settings name themselves in the message
      return new NoopTracker("MLflow tracking off: " + e.getMessage());
    }
  }

  /** The {@code Authorization} header MLflow's own clients would send for this environment. */
  public static Optional<String> authorization(Map<String, String> env) {
    String token = env.getOrDefault(TOKEN, "").strip();
    if (!token.isEmpty()) {
      return Optional.of("Bearer " + token);
    }
    String user = env.getOrDefault(USERNAME, "");
    if (!user.isBlank()) {
      String pair = user + ":" + env.getOrDefault(PASSWORD, "");
      return Optional.of(
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  /**
   * Sends what a tracker left in {@code bufferFile} to {@code trackingUri}; the file is deleted
   * once everything is delivered.
   *
   * @param authorization the {@code Authorization} header, see {@link #authorization(Map)}
   */
  public static TrackingSummary flushBuffer(
      Path bufferFile,
      URI trackingUri,
      Optional<String> authorization,
      RetryPolicy policy,
      Sleeper sleeper)
      throws IOException {
    TrackerConfig config =
        TrackerConfig.builder()
            .setTrackingUri(trackingUri)
            .optRetryPolicy(policy)
            .optSleeper(sleeper)
            .optAuthorization(authorization.orElse(null))
            .build();
    BufferingSink sink =
        BufferingSink.resume(
            MlflowTracker.executor(config),
            new SpillFile(bufferFile),
            policy,
            sleeper,
            Clock.systemUTC());
    sink.flush();
    return sink.summary();
  }

  private static StageNesting nesting(String value) {
    for (StageNesting n : StageNesting.values()) {
      if (n.name().equalsIgnoreCase(value)) {
        return n;
      }
    }
    throw new IllegalArgumentException(
        NESTING + " must be auto, nested or join, got " + value.toLowerCase(Locale.ROOT));
  }

  private static void set(
      Map<String, String> env, String key, java.util.function.Consumer<String> setter) {
    String v = env.get(key);
    if (v != null && !v.isBlank()) {
      setter.accept(v.strip());
    }
  }
}
