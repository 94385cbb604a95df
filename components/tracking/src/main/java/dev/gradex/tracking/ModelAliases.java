package dev.gradex.tracking;

/** The registry aliases GradEx moves. */
public final class ModelAliases {
  /** The version with the lowest loss (on the metric it was registered by) so far. */
  public static final String CHAMPION = "champion";

  /** The latest version that did not beat the champion. */
  public static final String CHALLENGER = "challenger";

  /**
   * Not an alias: what a registration reports when the model's digest already is a version, so
   * nothing was registered and no alias moved.
   */
  public static final String ALREADY_REGISTERED = "already-registered";

  private ModelAliases() {}
}
