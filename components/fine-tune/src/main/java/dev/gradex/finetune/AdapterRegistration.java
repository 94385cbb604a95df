package dev.gradex.finetune;

import dev.gradex.core.InvalidInputException;
import dev.gradex.tracking.LoggedModelSpec;
import dev.gradex.tracking.ModelPromotion;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.registry.ModelRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How every front-end ({@code gradex run}, the pipeline's {@code promote} step) registers a
 * fine-tuned adapter: as a loadable {@link ModelPackage} logged under the run's artifact {@code
 * model} and, where the server has MLflow 3's LoggedModel API, as a logged model with the run's
 * params and these metrics from which the version is registered; judged by {@code lossMetric}
 * (validation loss by default, so the test split stays a final figure), with version tags and a
 * description naming the sources it was trained on, its other metrics and the run; an adapter whose
 * digest already is a version registers nothing.
 *
 * @param model registered model name
 * @param target the target task's name (for the description and {@code gradex.json})
 * @param trainedOn the selected sources it was fine-tuned on
 * @param lossMetric the metric the champion is chosen on, lower is better
 * @param metrics the fine-tune's metrics; must hold {@code lossMetric}
 */
public record AdapterRegistration(
    String model,
    String target,
    List<String> trainedOn,
    String lossMetric,
    Map<String, Double> metrics) {
  /** The registered model's default name. */
  public static final String DEFAULT_MODEL = "gradex-adapter";

  /** The default metric the champion is chosen on. */
  public static final String DEFAULT_METRIC = "validation_loss";

  /** The artifact path of the package on the run. */
  public static final String ARTIFACT = "model";

  /** Checks every field at once; the message names each wrong one. */
  public AdapterRegistration {
    List<String> wrong = new ArrayList<>();
    if (model == null || model.isBlank()) {
      wrong.add("model name is empty");
    }
    if (target == null) {
      wrong.add("target is missing");
    }
    if (trainedOn == null) {
      wrong.add("trainedOn is missing");
    }
    if (metrics == null || lossMetric == null || !metrics.containsKey(lossMetric)) {
      wrong.add(
          "metrics " + (metrics == null ? "{}" : metrics.keySet()) + " lack '" + lossMetric + "'");
    }
    if (!wrong.isEmpty()) {
      throw new InvalidInputException("model registration", String.join("; ", wrong));
    }
    trainedOn = List.copyOf(trainedOn);
    metrics = Map.copyOf(metrics);
  }

  /** The loss the version is judged by. */
  public double loss() {
    return metrics.get(lossMetric);
  }

  /**
   * Writes the package of {@code adapter} into {@code packageDir}, logs it on {@code run} and
   * registers it.
   *
   * @param runId the run's id, when known, for the version's tags and description
   * @return the promotion, empty when buffered or untracked
   */
  public Optional<ModelPromotion> register(
      StageRun run, Optional<String> runId, Path adapter, Path packageDir) {
    ModelPackage pkg = ModelPackage.write(adapter, packageDir, trainedOn, target);
    run.logArtifact(pkg.dir(), ARTIFACT);
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("gradex.sources", String.join(",", trainedOn));
    tags.put(ModelRegistry.DIGEST_TAG, pkg.digest());
    List<String> figures = new ArrayList<>();
    for (String k : List.of("validation_loss", "test_loss")) {
      Double v = metrics.get(k);
      if (v != null) {
        figures.add(String.format(Locale.ROOT, "%s %.4g", k.replace('_', ' '), v));
        if (!k.equals(lossMetric)) {
          tags.put(k, Double.toString(v));
        }
      }
    }
    runId.ifPresent(id -> tags.put("gradex.run_id", id));
    String description =
        String.format(
            "LoRA adapter fine-tuned on %s and the selected sources %s (%s)%s. Load it with"
                + " mlflow.pyfunc.load_model.",
            target,
            trainedOn.isEmpty() ? "(none)" : String.join(", ", trainedOn),
            String.join(", ", figures),
            runId.map(id -> "; run " + id).orElse(""));
    Map<String, Double> modelMetrics = new LinkedHashMap<>();
    for (String k : List.of("validation_loss", "test_loss")) {
      if (metrics.containsKey(k)) {
        modelMetrics.put(k, metrics.get(k));
      }
    }
    return run.registerModel(
        model,
        ARTIFACT,
        lossMetric,
        loss(),
        tags,
        description,
        new LoggedModelSpec(
            pkg.dir(),
            modelMetrics,
            Map.of(
                "model.target", target,
                "model.trained_on", String.join(",", trainedOn),
                "model.loss_metric", lossMetric)));
  }
}
