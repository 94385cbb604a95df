package dev.gradex.tracking;

/** The registry aliases GradEx moves. */
public final class ModelAliases {
  /** The version with the lowest target test loss so far. */
  public static final String CHAMPION = "champion";

  /** The latest version that did not beat the champion. */
  public static final String CHALLENGER = "challenger";

  private ModelAliases() {}
}
