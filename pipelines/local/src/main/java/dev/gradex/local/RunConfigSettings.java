package dev.gradex.local;

import static java.util.Map.entry;

import dev.gradex.component.settings.Setting;
import dev.gradex.component.settings.Settings;
import dev.gradex.component.settings.Surface;
import java.util.Map;
import java.util.function.Function;

/**
 * Where each catalog setting lives in a {@link RunConfig}: the field that holds {@code
 * section.name}. {@link RunConfigCheck} checks every value against its catalog constraint through
 * it, and the settings agreement test reads the defaults a minimal run.yaml yields through it.
 */
public final class RunConfigSettings {
  private static final Map<Setting<?>, Function<RunConfig, Object>> FIELDS =
      Map.ofEntries(
          entry(Settings.SEED, RunConfig::seed),
          entry(Settings.DATA_MAX_SEQ_LENGTH, c -> c.data().maxSeqLength()),
          entry(Settings.DATA_TRUNCATE, c -> c.data().truncate()),
          entry(Settings.DATA_APPEND_EOS, c -> c.data().appendEos()),
          entry(Settings.LORA_RANK, c -> c.lora().rank()),
          entry(Settings.LORA_ALPHA, c -> c.lora().alpha()),
          entry(Settings.TRAIN_EPOCHS, c -> c.train().epochs()),
          entry(Settings.TRAIN_LEARNING_RATE, c -> c.train().learningRate()),
          entry(Settings.TRAIN_BATCH_SIZE, c -> c.train().batchSize()),
          entry(Settings.TRAIN_EVAL_BATCH_SIZE, c -> c.train().evalBatchSize()),
          entry(Settings.TRAIN_RECOMPUTE, c -> c.train().recompute()),
          entry(Settings.TRAIN_MAX_STEPS, c -> c.train().maxSteps()),
          entry(Settings.TRAIN_BATCHING, c -> c.train().batching()),
          entry(Settings.GRADIENTS_DIM, c -> c.gradients().dim()),
          entry(Settings.GRADIENTS_PROJECTOR_SEED, c -> c.gradients().seed()),
          entry(Settings.GRADIENTS_BATCH_SIZE, c -> c.gradients().batchSize()),
          entry(Settings.ESTIMATE_SUBSETS, c -> c.estimate().subsets()),
          entry(Settings.ESTIMATE_ALPHA, c -> c.estimate().alpha()),
          entry(Settings.ESTIMATE_MODE, c -> c.estimate().mode()),
          entry(Settings.ESTIMATE_LAMBDA, c -> c.estimate().lambda()),
          entry(Settings.ESTIMATE_NORM_CAP, c -> c.estimate().normCap()),
          entry(Settings.ESTIMATE_SELECT, c -> c.estimate().select()),
          entry(Settings.FINE_TUNE_EPOCHS, c -> c.fineTune().epochs()),
          entry(Settings.FINE_TUNE_LEARNING_RATE, c -> c.fineTune().learningRate()),
          entry(Settings.FINE_TUNE_BATCH_SIZE, c -> c.fineTune().batchSize()),
          entry(Settings.FINE_TUNE_EVAL_BATCH_SIZE, c -> c.fineTune().evalBatchSize()),
          entry(Settings.FINE_TUNE_RECOMPUTE, c -> c.fineTune().recompute()),
          entry(Settings.FINE_TUNE_MAX_STEPS, c -> c.fineTune().maxSteps()),
          entry(Settings.FINE_TUNE_BATCHING, c -> c.fineTune().batching()),
          entry(Settings.RUNTIME_THREADS, c -> c.runtimeSettings().threads()),
          entry(Settings.RUNTIME_INTEROP_THREADS, c -> c.runtimeSettings().interopThreads()),
          entry(Settings.FIDELITY_SUBSETS, RunConfig::fidelitySubsets));

  static {
    for (Setting<?> s : Settings.on(Surface.RUN_YAML)) {
      if (!FIELDS.containsKey(s)) {
        throw new IllegalStateException("RunConfig has no field for the setting " + s);
      }
    }
  }

  private RunConfigSettings() {}

  /** The value of {@code setting} in {@code config}; null for an absent soft setting. */
  public static Object value(RunConfig config, Setting<?> setting) {
    Function<RunConfig, Object> f = FIELDS.get(setting);
    if (f == null) {
      throw new IllegalArgumentException(setting + " is no run.yaml setting");
    }
    return f.apply(config);
  }
}
