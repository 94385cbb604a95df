package dev.gradex.tracking.registry;

import dev.gradex.tracking.ModelAliases;
import dev.gradex.tracking.ModelPromotion;
import dev.gradex.tracking.rest.MlflowApiException;
import dev.gradex.tracking.rest.MlflowCalls;
import dev.gradex.tracking.rest.ModelVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * Registers model versions through the MLflow registry REST API and moves aliases by {@link
 * ChampionRule}. Each version carries its loss as a tag named by the loss metric, so the next
 * registration can compare without reading runs; a champion registered without that tag is compared
 * by its run's latest metric of the same name.
 */
public final class ModelRegistry {
  /** Tag naming the loss metric a version was judged by. */
  public static final String METRIC_TAG = "gradex.loss_metric";

  /**
   * Version tag holding the SHA-256 of the registered files; a registration whose digest already is
   * a version of the model registers nothing and moves no alias.
   */
  public static final String DIGEST_TAG = "gradex.model_sha256";

  /** Tag identifying one registration request, so a retried request does not add a version. */
  public static final String REGISTRATION_TAG = "gradex.registration_id";

  private final MlflowCalls calls;

  public ModelRegistry(MlflowCalls calls) {
    this.calls = calls;
  }

  /**
   * Registers {@code source} (an artifact URI of run {@code runId}) as a new version of {@code
   * model} with its {@code loss}, then sets {@code champion} or {@code challenger} on it.
   */
  public ModelPromotion register(
      String model, String source, String runId, String lossMetric, double loss)
      throws MlflowApiException {
    return register(model, source, runId, lossMetric, loss, UUID.randomUUID().toString());
  }

  /**
   * As {@link #register(String, String, String, String, double)}; repeating a call with the same
   * {@code registrationId} (a retry after a lost answer) reuses the version it created.
   */
  public ModelPromotion register(
      String model,
      String source,
      String runId,
      String lossMetric,
      double loss,
      String registrationId)
      throws MlflowApiException {
    return register(model, source, runId, lossMetric, loss, registrationId, Map.of(), "");
  }

  /**
   * As above, with version tags (e.g. the sources it was trained on, {@link #DIGEST_TAG}) and a
   * description. Alias moves: a new version that beats the champion (strictly lower loss) takes
   * {@code champion} and {@code challenger} is removed (it pointed at a version the old champion
   * had beaten); otherwise the new version takes {@code challenger} and the champion stays. When
   * {@code versionTags} has a {@link #DIGEST_TAG} some version already carries, nothing is
   * registered: the answer names that version with alias {@link ModelAliases#ALREADY_REGISTERED}.
   */
  public ModelPromotion register(
      String model,
      String source,
      String runId,
      String lossMetric,
      double loss,
      String registrationId,
      Map<String, String> versionTags,
      String description)
      throws MlflowApiException {
    return register(
        model,
        () -> VersionSource.runArtifact(source),
        runId,
        lossMetric,
        loss,
        registrationId,
        versionTags,
        description);
  }

  /**
   * As above, with the version's source made by {@code source} only when a version is created, so a
   * known digest or a retried registration makes no new LoggedModel.
   */
  public ModelPromotion register(
      String model,
      VersionSource.Factory source,
      String runId,
      String lossMetric,
      double loss,
      String registrationId,
      Map<String, String> versionTags,
      String description)
      throws MlflowApiException {
    calls.createRegisteredModel(model);
    String digest = versionTags.get(DIGEST_TAG);
    if (digest != null) {
      Optional<ModelVersion> same = calls.findVersionByTag(model, DIGEST_TAG, digest);
      if (same.isPresent() && !registrationId.equals(same.get().tags().get(REGISTRATION_TAG))) {
        return new ModelPromotion(
            model,
            same.get().version(),
            ModelAliases.ALREADY_REGISTERED,
            loss,
            Optional.empty(),
            OptionalDouble.empty());
      }
    }
    Optional<ModelVersion> champion = calls.versionByAlias(model, ModelAliases.CHAMPION);
    Optional<ModelVersion> earlier =
        calls.findVersion(model, runId, REGISTRATION_TAG, registrationId);
    if (earlier.isPresent()
        && champion.isPresent()
        && champion.get().version().equals(earlier.get().version())) {
      // An earlier attempt got as far as moving the alias; the previous holder is no longer known.
      return new ModelPromotion(
          model,
          earlier.get().version(),
          ModelAliases.CHAMPION,
          loss,
          Optional.empty(),
          OptionalDouble.empty());
    }
    OptionalDouble championLoss = OptionalDouble.empty();
    if (champion.isPresent()) {
      championLoss = lossOf(champion.get(), lossMetric);
    }
    Map<String, String> tags = new LinkedHashMap<>(versionTags);
    tags.put(lossMetric, Double.toString(loss));
    tags.put(METRIC_TAG, lossMetric);
    tags.put(REGISTRATION_TAG, registrationId);
    ModelVersion created =
        earlier.isPresent() ? earlier.get() : create(model, source, runId, tags, description);
    Optional<String> championVersion = champion.map(ModelVersion::version);
    String alias = ChampionRule.aliasFor(loss, championVersion, championLoss);
    if (alias.equals(ModelAliases.CHAMPION) && champion.isPresent()) {
      Optional<ModelVersion> challenger = calls.versionByAlias(model, ModelAliases.CHALLENGER);
      if (challenger.isPresent()) {
        calls.deleteAlias(model, ModelAliases.CHALLENGER);
      }
    }
    calls.setAlias(model, alias, created.version());
    return new ModelPromotion(model, created.version(), alias, loss, championVersion, championLoss);
  }

  private ModelVersion create(
      String model,
      VersionSource.Factory source,
      String runId,
      Map<String, String> tags,
      String description)
      throws MlflowApiException {
    VersionSource made = source.create();
    return calls.createModelVersion(model, made.source(), runId, tags, description, made.modelId());
  }

  private OptionalDouble lossOf(ModelVersion version, String lossMetric) throws MlflowApiException {
    String tagged = version.tags().get(lossMetric);
    if (tagged != null) {
      try {
        return OptionalDouble.of(Double.parseDouble(tagged));
      } catch (NumberFormatException e) {
        return OptionalDouble.empty();
      }
    }
    if (version.runId().isEmpty()) {
      return OptionalDouble.empty();
    }
    try {
      return calls.latestMetric(version.runId(), lossMetric);
    } catch (MlflowApiException e) {
      if (e.kind() == MlflowApiException.Kind.REJECTED) {
        return OptionalDouble.empty(); // the champion's run was deleted: its loss is unknown
      }
      throw e;
    }
  }
}
