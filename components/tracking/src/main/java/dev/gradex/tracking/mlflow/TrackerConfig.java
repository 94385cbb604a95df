package dev.gradex.tracking.mlflow;

import dev.gradex.tracking.buffer.RetryPolicy;
import dev.gradex.tracking.buffer.Sleeper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Settings of an {@link MlflowTracker}; build with {@link #builder()}. */
public record TrackerConfig(
    URI trackingUri,
    Optional<String> experimentId,
    String experimentName,
    Optional<String> joinRunId,
    StageNesting nesting,
    String runName,
    String sourceName,
    Optional<String> user,
    Optional<String> gitCommit,
    Optional<String> image,
    Path bufferDir,
    RetryPolicy retryPolicy,
    Clock clock,
    Sleeper sleeper,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration metricBatchWindow,
    Optional<String> authorization) {

  /**
   * The buffer's directory inside a program's output ({@code gradex run}'s {@code out}, a
   * component's output directory): per run, created with mode 0700, never uploaded as an artifact.
   */
  public static final String OUTPUT_BUFFER_DIR = ".tracking";

  /** Stages log into the joined run rather than nested runs. */
  public boolean joinsStages() {
    return nesting == StageNesting.JOIN || (nesting == StageNesting.AUTO && joinRunId.isPresent());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code set...} is required, {@code opt...} optional. */
  public static final class Builder {
    private URI trackingUri;
    private String experimentId;
    private String experimentName = "gradex";
    private String joinRunId;
    private StageNesting nesting = StageNesting.AUTO;
    private String runName = "gradex";
    private String sourceName = "gradex";
    private String user = System.getProperty("user.name");
    private String gitCommit;
    private String image;
    private Path bufferDir = Path.of(System.getProperty("java.io.tmpdir"), "gradex-tracking");
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.REAL;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration metricBatchWindow = Duration.ZERO;
    private String authorization;

    public Builder setTrackingUri(URI uri) {
      this.trackingUri = uri;
      return this;
    }

    public Builder optExperimentId(String id) {
      this.experimentId = blankToNull(id);
      return this;
    }

    public Builder optExperimentName(String name) {
      this.experimentName = name;
      return this;
    }

    public Builder optJoinRunId(String runId) {
      this.joinRunId = blankToNull(runId);
      return this;
    }

    public Builder optNesting(StageNesting nesting) {
      this.nesting = nesting;
      return this;
    }

    public Builder optRunName(String name) {
      this.runName = name;
      return this;
    }

    public Builder optSourceName(String name) {
      this.sourceName = name;
      return this;
    }

    /** The {@code mlflow.user} tag of created runs (default: the {@code user.name} property). */
    public Builder optUser(String user) {
      this.user = blankToNull(user);
      return this;
    }

    public Builder optGitCommit(String commit) {
      this.gitCommit = blankToNull(commit);
      return this;
    }

    public Builder optImage(String image) {
      this.image = blankToNull(image);
      return this;
    }

    /**
     * Where the buffer file goes (default {@code java.io.tmpdir/gradex-tracking} for programs
     * without an output directory; {@code GRADEX_TRACKING_BUFFER_DIR} overrides it).
     */
    public Builder optBufferDir(Path dir) {
      this.bufferDir = dir;
      return this;
    }

    /** The buffer under a program's output: {@code output/}{@value #OUTPUT_BUFFER_DIR}. */
    public Builder optBufferUnder(Path output) {
      return optBufferDir(output.resolve(OUTPUT_BUFFER_DIR));
    }

    public Builder optRetryPolicy(RetryPolicy policy) {
      this.retryPolicy = policy;
      return this;
    }

    public Builder optClock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder optSleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Connect timeout (default 5 s) and per-request timeout (default 30 s; uploads add 1 s per
     * MiB).
     */
    public Builder optTimeouts(Duration connect, Duration request) {
      this.connectTimeout = connect;
      this.requestTimeout = request;
      return this;
    }

    /**
     * How long metric points may be held back to be sent together (default zero: each call is sent
     * at once). A window suits per-step logging in hot loops; points held when the process dies are
     * lost, so keep it short. Any other call, {@code flush()} and {@code close()} send them first.
     */
    public Builder optMetricBatchWindow(Duration window) {
      this.metricBatchWindow = window;
      return this;
    }

    /** The {@code Authorization} header value, e.g. {@code Bearer <token>}. */
    public Builder optAuthorization(String value) {
      this.authorization = blankToNull(value);
      return this;
    }

    /**
     * @throws IllegalArgumentException naming every missing or invalid setting
     */
    public TrackerConfig build() {
      List<String> errors = new ArrayList<>();
      if (trackingUri == null) {
        errors.add("trackingUri is required");
      } else if (!"http".equals(trackingUri.getScheme())
          && !"https".equals(trackingUri.getScheme())) {
        errors.add("trackingUri must be http(s)://, got " + trackingUri);
      }
      if (experimentId == null && (experimentName == null || experimentName.isBlank())) {
        errors.add("experimentId or experimentName is required");
      }
      if (nesting == StageNesting.JOIN && joinRunId == null) {
        errors.add("nesting JOIN needs joinRunId");
      }
      if (runName == null || runName.isBlank()) {
        errors.add("runName must not be blank");
      }
      if (sourceName == null || sourceName.isBlank()) {
        errors.add("sourceName must not be blank");
      }
      if (nesting == null || bufferDir == null || retryPolicy == null) {
        errors.add("nesting, bufferDir and retryPolicy must not be null");
      }
      if (clock == null || sleeper == null || connectTimeout == null || requestTimeout == null) {
        errors.add("clock, sleeper and timeouts must not be null");
      }
      if (metricBatchWindow == null || metricBatchWindow.isNegative()) {
        errors.add("metricBatchWindow must be >= 0");
      }
      if (!errors.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid tracker configuration: " + String.join("; ", errors));
      }
      return new TrackerConfig(
          trackingUri,
          Optional.ofNullable(experimentId),
          experimentName,
          Optional.ofNullable(joinRunId),
          nesting,
          runName,
          sourceName,
          Optional.ofNullable(blankToNull(user)),
          Optional.ofNullable(gitCommit),
          Optional.ofNullable(image),
          bufferDir,
          retryPolicy,
          clock,
          sleeper,
          connectTimeout,
          requestTimeout,
          metricBatchWindow,
          Optional.ofNullable(authorization));
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.strip();
    }
  }
}
