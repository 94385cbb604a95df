package dev.gradex.watch;

import dev.gradex.core.Sha256;
import dev.gradex.kfp.rest.KfpClient;
import dev.gradex.kfp.rest.KfpExperiment;
import dev.gradex.kfp.rest.KfpPipeline;
import dev.gradex.kfp.rest.KfpPipelineVersion;
import dev.gradex.kfp.rest.KfpRun;
import dev.gradex.kfp.rest.RunRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Runs through the KFP REST API: active runs are the experiment's runs in a non-terminal state; new
 * runs use the named pipeline version (or the newest one) in the experiment.
 *
 * <p>A run is created once per set of source digests: its display name carries an idempotency key,
 * {@code gradex-reselect-<key>-<stamp>} with {@link #runKey} of the digests, and its {@code
 * source_digests} parameter the digests themselves. Before creating, and before any retry of a
 * create that failed or timed out, the experiment's newest {@value #LOOKBACK} runs are searched for
 * that key; a run found is returned instead of creating another. So a watcher that crashed between
 * creating the run and saving its state, or whose create timed out after KFP made the run, does not
 * start a second run for the same sources. (Sources that return to digests seen before also find
 * that earlier run: those exact sources were already selected on.)
 */
public final class KfpRunLauncher implements RunLauncher {
  /** How many of the experiment's newest runs are searched for a run's key. */
  static final int LOOKBACK = 200;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private final KfpClient client;
  private final WatchConfig config;
  private final Clock clock;
  private KfpExperiment experiment;

  public KfpRunLauncher(KfpClient client, WatchConfig config, Clock clock) {
    this.client = client;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Optional<String> activeRun() {
    return client.listRuns(experiment().experimentId(), 100).stream()
        .filter(r -> !r.isTerminal())
        .map(KfpRun::runId)
        .findFirst();
  }

  @Override
  public String start(SortedMap<String, String> digests, SortedMap<String, String> changes) {
    return start(digests, changes, Map.of());
  }

  @Override
  public Optional<Boolean> succeeded(String runId) {
    return Optional.of(client.getRun(runId).succeeded());
  }

  @Override
  public String start(
      SortedMap<String, String> digests,
      SortedMap<String, String> changes,
      Map<String, Object> parameters) {
    KfpPipeline pipeline =
        client
            .findPipeline(config.pipeline())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "KFP has no pipeline named '" + config.pipeline() + "'; upload it first"));
    String versionId = versionId(pipeline.pipelineId());
    String digestsJson = SourceDigests.toJson(digests);
    String key = runKey(digestsJson);
    RunRequest request =
        RunRequest.builder()
            .setDisplayName("gradex-reselect-" + key + "-" + STAMP.format(clock.instant()))
            .setPipeline(pipeline.pipelineId(), versionId)
            .optExperimentId(experiment().experimentId())
            .optDescription("Started by gradex watch; sources " + changes)
            .optParameters(config.parameters())
            .optParameters(parameters)
            .optParameter(Watcher.DIGESTS_PARAMETER, digestsJson)
            .build();
    Optional<KfpRun> made = existingRun(key, digestsJson);
    if (made.isPresent()) {
      return made.get().runId();
    }
    return client.createRun(request, () -> existingRun(key, digestsJson)).runId();
  }

  /** First 16 hex digits of the SHA-256 of the canonical digests JSON (sorted by source name). */
  static String runKey(String digestsJson) {
    return Sha256.of(digestsJson.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  /** A run of the experiment made for these digests, by its key or its parameter. */
  private Optional<KfpRun> existingRun(String key, String digestsJson) {
    String prefix = "gradex-reselect-" + key + "-";
    return client.listRuns(experiment().experimentId(), LOOKBACK).stream()
        .filter(
            r ->
                (r.displayName() != null && r.displayName().startsWith(prefix))
                    || digestsJson.equals(r.parameters().get(Watcher.DIGESTS_PARAMETER)))
        .findFirst();
  }

  private String versionId(String pipelineId) {
    var versions = client.listVersions(pipelineId);
    if (config.pipelineVersion() == null) {
      return versions.isEmpty() ? null : versions.get(0).pipelineVersionId();
    }
    return versions.stream()
        .filter(v -> config.pipelineVersion().equals(v.displayName()))
        .map(KfpPipelineVersion::pipelineVersionId)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "pipeline '"
                        + config.pipeline()
                        + "' has no version '"
                        + config.pipelineVersion()
                        + "'"));
  }

  private KfpExperiment experiment() {
    if (experiment == null) {
      experiment = client.ensureExperiment(config.experiment());
    }
    return experiment;
  }
}
