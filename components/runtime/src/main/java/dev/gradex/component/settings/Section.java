package dev.gradex.component.settings;

/**
 * A run.yaml section: the settings of one stage (or of the whole run). Its key prefixes the
 * run.yaml key and the KFP parameter; a flag carries the section only where the bare name would be
 * ambiguous on the component ({@code lora}: {@code --lora-rank}, not {@code --rank}).
 */
public enum Section {
  /** Top-level settings ({@code seed}): no prefix anywhere. */
  RUN("", false),
  DATA("data", false),
  LORA("lora", true),
  /** Meta-training (GradEx stage 1). */
  TRAIN("train", false),
  /** Gradient projection (stage 2). */
  GRADIENTS("gradients", false),
  /** Subset estimation and selection (stages 3 and 4). */
  ESTIMATE("estimate", false),
  /** The final fine-tune on the selection. */
  FINE_TUNE("fineTune", false),
  RUNTIME("runtime", false),
  /** The local runner's fidelity check. */
  FIDELITY("fidelity", false);

  private final String key;
  private final boolean flagPrefixed;

  Section(String key, boolean flagPrefixed) {
    this.key = key;
    this.flagPrefixed = flagPrefixed;
  }

  /** The run.yaml key of the section, lowerCamel; empty for top-level settings. */
  public String key() {
    return key;
  }

  /** Whether the section's flags start with its name. */
  public boolean flagPrefixed() {
    return flagPrefixed;
  }
}
