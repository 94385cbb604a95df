package dev.gradex.component.settings;

/** A front-end through which a setting is given. */
public enum Surface {
  /** A component program's flag ({@code meta-train --epochs}). */
  CLI,
  /** A key of {@code gradex run}'s run.yaml ({@code train.epochs}). */
  RUN_YAML,
  /** A parameter of the compiled Kubeflow pipeline ({@code train_epochs}). */
  KFP
}
