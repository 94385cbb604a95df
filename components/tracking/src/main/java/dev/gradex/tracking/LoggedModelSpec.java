package dev.gradex.tracking;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What an MLflow 3 LoggedModel of a registration holds besides the run's params: the local package
 * directory uploaded to the logged model's artifact location, and the metrics linked to it.
 *
 * @param packageDir the model package directory (its files are uploaded as they are)
 * @param metrics metrics logged with the logged model's id, e.g. validation and test loss
 * @param params params of the registration itself, added to the run's (they win on a clash)
 */
public record LoggedModelSpec(
    Path packageDir, Map<String, Double> metrics, Map<String, String> params) {
  /** Copies the maps; every field is required. */
  public LoggedModelSpec {
    Objects.requireNonNull(packageDir, "packageDir");
    metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics"));
    params = Map.copyOf(Objects.requireNonNull(params, "params"));
  }
}
