package dev.gradex.model.config;

/**
 * The {@code rope_scaling} entry of a Llama-family config: {@code linear} (position interpolation,
 * Chen et al., 2023: frequencies divided by {@code factor}) or {@code llama3} (Llama 3.1's
 * wavelength-dependent scaling with {@code low_freq_factor}, {@code high_freq_factor} and {@code
 * original_max_position_embeddings}).
 */
public record RopeScaling(
    String type,
    double factor,
    double lowFreqFactor,
    double highFreqFactor,
    int originalMaxPositions) {

  public RopeScaling {
    if (!type.equals("linear") && !type.equals("llama3")) {
      throw new IllegalArgumentException(
          "rope_scaling type '" + type + "' is not supported (linear, llama3 are)");
    }
    ConfigChecks.positive("rope_scaling.factor", (long) Math.ceil(factor));
  }

  /** Scales the inverse frequencies {@code invFreq} in place, as Hugging Face does. */
  public void apply(double[] invFreq) {
    for (int i = 0; i < invFreq.length; i++) {
      if (type.equals("linear")) {
        invFreq[i] /= factor;
        continue;
      }
      double wavelen = 2 * Math.PI / invFreq[i];
      double lowFreqWavelen = originalMaxPositions / lowFreqFactor;
      double highFreqWavelen = originalMaxPositions / highFreqFactor;
      if (wavelen > lowFreqWavelen) {
        invFreq[i] /= factor;
      } else if (wavelen >= highFreqWavelen) {
        double smooth =
            (originalMaxPositions / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
        invFreq[i] = (1 - smooth) * invFreq[i] / factor + smooth * invFreq[i];
      }
    }
  }
}
