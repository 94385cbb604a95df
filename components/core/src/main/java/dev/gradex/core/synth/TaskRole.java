package dev.gradex.core.synth;

/** The planted role of a synthetic source task relative to the target. */
public enum TaskRole {
  /** Mean gradient aligned with the target's: training on it lowers the target loss. */
  HELPFUL,
  /** Mean gradient orthogonal to the target's: roughly no effect. */
  NEUTRAL,
  /** Mean gradient opposed to the target's: training on it raises the target loss. */
  NOISY
}
