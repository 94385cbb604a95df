package dev.gradex.tracking;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The outcome of registering a model version.
 *
 * @param model registered model name
 * @param version the new version number
 * @param alias the alias it received: {@code champion} or {@code challenger}
 * @param loss the new version's loss
 * @param previousChampion the champion version before this registration, if any
 * @param previousChampionLoss that version's loss, if it could be read
 */
public record ModelPromotion(
    String model,
    String version,
    String alias,
    double loss,
    Optional<String> previousChampion,
    OptionalDouble previousChampionLoss) {

  /** Whether the new version became the champion. */
  public boolean promoted() {
    return ModelAliases.CHAMPION.equals(alias);
  }
}
