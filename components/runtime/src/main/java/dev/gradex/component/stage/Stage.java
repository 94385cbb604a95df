package dev.gradex.component.stage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One step of the pipeline: a typed settings record and a typed result, idempotent like a Jib build
 * step. {@link #key()} is a content key over the inputs' digests, the settings and the code
 * version; {@link #completed()} finds an output already written under that key; {@link #run()}
 * computes the outputs. A stage whose output is a directory recorded by a {@link StageManifest}
 * names it in {@link #manifest()}, and {@link StageRunner} writes that manifest last, after {@link
 * #run()} returned.
 *
 * @param <S> the settings record
 * @param <R> the result record
 */
public interface Stage<S, R extends StageResult> {
  /** The stage's kind, as recorded in its manifest, e.g. {@code meta-train}. */
  String kind();

  /** The typed settings (logged as tracking parameters). */
  S settings();

  /** The content key over the inputs' digests, the settings and the code version. */
  String key();

  /** The result recorded by a complete earlier run with this {@link #key()}, marked reused. */
  Optional<R> completed();

  /** Computes the outputs (all but the manifest of {@link #manifest()}) and returns the result. */
  R run() throws Exception;

  /**
   * Where the runner records this stage's {@link StageManifest}, or empty when its output carries
   * its own (the gradient store's manifest, the estimate's).
   */
  default Optional<ManifestTarget> manifest() {
    return Optional.empty();
  }

  /** Metric series to log beside the result (e.g. training curves); empty for none. */
  default List<dev.gradex.tracking.MetricPoint> series() {
    return List.of();
  }

  /** Datasets the stage reads, recorded as the tracking run's dataset inputs; empty for none. */
  default List<DatasetInput> datasets() {
    return List.of();
  }

  /**
   * A dataset a stage reads.
   *
   * @param name e.g. the task name
   * @param digest its content digest
   * @param source where it came from (local path, s3:// or http URI)
   * @param context how it is used, e.g. {@code train} or {@code estimation}
   */
  record DatasetInput(String name, String digest, String source, String context) {}

  /**
   * Where a stage's manifest goes and what it lists.
   *
   * @param dir the output directory that holds {@link StageManifest#FILE}
   * @param inputs what the key was computed over (digests and settings), recorded for provenance
   * @param files files of {@code dir} listed with their SHA-256, all required for completeness
   */
  record ManifestTarget(Path dir, Object inputs, List<String> files) {
    public ManifestTarget {
      files = List.copyOf(files);
    }
  }
}
