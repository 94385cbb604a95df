package dev.gradex.core.synth;

import dev.gradex.core.Version;
import dev.gradex.core.projection.ParameterBlock;
import dev.gradex.core.projection.ParameterLayout;
import dev.gradex.core.store.GradientStoreWriter;
import dev.gradex.core.store.Split;
import dev.gradex.core.store.StoreManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Writes a {@link SyntheticProblem} as a gradient store, streaming row by row so that stores far
 * larger than the heap can be made. The projector kind is {@value #PROJECTOR_KIND}: the features
 * are drawn directly, not projected. The nominal adapter (10^6 parameters of norm 100) only gives
 * the relative-norm options something to scale against.
 */
public final class SyntheticStores {
  /** Projector kind recorded in synthetic stores' manifests. */
  public static final String PROJECTOR_KIND = "synthetic";

  static final long NOMINAL_PARAMETERS = 1_000_000L;
  static final double NOMINAL_ADAPTER_NORM = 100.0;
  private static final int PROGRESS_EVERY = 10_000;

  private SyntheticStores() {}

  /**
   * Writes {@code problem} into {@code dir}; {@code progress} receives row counts as they are
   * written. The store's manifest appears last, only when everything is written.
   */
  public static StoreManifest write(SyntheticProblem problem, Path dir, LongConsumer progress) {
    List<String> tasks = new ArrayList<>(problem.sourceNames());
    tasks.add(SyntheticProblem.TARGET_TASK);
    try (GradientStoreWriter writer =
        GradientStoreWriter.builder()
            .setDirectory(dir)
            .setDim(problem.dim())
            .setProjector(PROJECTOR_KIND, problem.seed())
            .setLayout(ParameterLayout.of(ParameterBlock.of("synthetic", NOMINAL_PARAMETERS)))
            .setTasks(tasks)
            .optTargetTask(SyntheticProblem.TARGET_TASK)
            .optAdapterNorm(NOMINAL_ADAPTER_NORM)
            .optCodeVersion(Version.get())
            .build()) {
      int n = problem.sourceNames().size();
      for (int i = 0; i < problem.trainRows(); i++) {
        SyntheticProblem.Row r = problem.trainRow(i);
        String task = r.task() == n ? SyntheticProblem.TARGET_TASK : tasks.get(r.task());
        writer.append(Split.TRAIN, task, r.id(), r.offset(), r.tokens(), r.features());
        tick(progress, i);
      }
      for (int i = 0; i < problem.validationRows(); i++) {
        SyntheticProblem.Row r = problem.validationRow(i);
        writer.append(Split.VALIDATION, null, r.id(), r.offset(), r.tokens(), r.features());
        tick(progress, i);
      }
      StoreManifest manifest = writer.commit();
      progress.accept(
          problem.trainRows() % PROGRESS_EVERY + problem.validationRows() % PROGRESS_EVERY);
      return manifest;
    }
  }

  private static void tick(LongConsumer progress, int i) {
    if ((i + 1) % PROGRESS_EVERY == 0) {
      progress.accept(PROGRESS_EVERY);
    }
  }
}
