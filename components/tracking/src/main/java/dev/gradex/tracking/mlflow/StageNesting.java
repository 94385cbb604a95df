package dev.gradex.tracking.mlflow;

/** Where a stage's data goes. */
public enum StageNesting {
  /** {@link #JOIN} when a run id was given (KFP made the task's run), else {@link #NESTED}. */
  AUTO,
  /** Each stage gets its own run, nested under the parent run. */
  NESTED,
  /** Stages log into the given run; its lifecycle stays with whoever created it. */
  JOIN
}
