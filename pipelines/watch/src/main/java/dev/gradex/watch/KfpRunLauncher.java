package dev.gradex.watch;

import dev.gradex.kfp.rest.KfpClient;
import dev.gradex.kfp.rest.KfpExperiment;
import dev.gradex.kfp.rest.KfpPipeline;
import dev.gradex.kfp.rest.KfpPipelineVersion;
import dev.gradex.kfp.rest.KfpRun;
import dev.gradex.kfp.rest.RunRequest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Runs through the KFP REST API: active runs are the experiment's runs in a non-terminal state; new
 * runs use the named pipeline version (or the newest one) in the experiment.
 */
public final class KfpRunLauncher implements RunLauncher {
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
    RunRequest request =
        RunRequest.builder()
            .setDisplayName("gradex-reselect-" + STAMP.format(clock.instant()))
            .setPipeline(pipeline.pipelineId(), versionId)
            .optExperimentId(experiment().experimentId())
            .optDescription("Started by gradex watch; sources " + changes)
            .optParameters(config.parameters())
            .optParameters(parameters)
            .optParameter(Watcher.DIGESTS_PARAMETER, SourceDigests.toJson(digests))
            .build();
    return client.createRun(request).runId();
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
