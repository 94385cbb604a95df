package dev.gradex.core.progress;

/** The units a {@link ProgressEvent.WorkStarted} counts. */
public enum Work {
  /** Optimizer steps of a training (meta-train, fine-tune, pretraining). */
  STEPS,
  /** Examples whose projected gradients are computed (stage 2). */
  EXAMPLES,
  /** Chunks of a gradient store shard, the unit an interrupted extraction resumes from. */
  CHUNKS,
  /** Subsets whose fine-tuned loss is estimated (stage 3). */
  SUBSETS
}
