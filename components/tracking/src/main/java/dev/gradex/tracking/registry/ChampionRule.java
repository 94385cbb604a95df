package dev.gradex.tracking.registry;

import dev.gradex.tracking.ModelAliases;
import java.util.Optional;
import java.util.OptionalDouble;

/** Decides the alias of a new version; lower loss is better. */
public final class ChampionRule {
  private ChampionRule() {}

  /**
   * @param loss the new version's loss
   * @param champion the current champion version, if any
   * @param championLoss its loss, if known
   * @return {@code champion} when there is no champion or {@code loss} is strictly lower than its
   *     known loss; {@code challenger} otherwise (also when the new loss is NaN, or the champion's
   *     loss cannot be read, since an unverifiable swap could replace a better model)
   */
  public static String aliasFor(
      double loss, Optional<String> champion, OptionalDouble championLoss) {
    if (champion.isEmpty()) {
      return Double.isNaN(loss) ? ModelAliases.CHALLENGER : ModelAliases.CHAMPION;
    }
    if (Double.isNaN(loss) || championLoss.isEmpty() || Double.isNaN(championLoss.getAsDouble())) {
      return ModelAliases.CHALLENGER;
    }
    return loss < championLoss.getAsDouble() ? ModelAliases.CHAMPION : ModelAliases.CHALLENGER;
  }
}
