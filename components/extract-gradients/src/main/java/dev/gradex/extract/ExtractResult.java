package dev.gradex.extract;

import dev.gradex.component.stage.StageResult;
import dev.gradex.core.store.Split;
import dev.gradex.core.store.StoreManifest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What gradient extraction (stage 2 of Li, Zhang, Wang, Zhang, arXiv 2409.19458) produced: a
 * gradient store, recorded by its own {@link StoreManifest}. The metrics come from that manifest,
 * so a store found complete reports what the run that wrote it did.
 *
 * @param manifest the store's manifest
 * @param out the store directory
 * @param reused true when the store was complete already and nothing was computed
 * @param throughput this process's pass ({@link ExtractionMetrics#metrics()}): gradient rates and
 *     seconds, batches recomputed and examples truncated; empty of rates when reused
 */
public record ExtractResult(
    StoreManifest manifest, Path out, boolean reused, Map<String, Double> throughput)
    implements StageResult {
  public ExtractResult {
    throughput = throughput == null ? Map.of() : Map.copyOf(throughput);
  }

  /** Training examples in the store (this shard's). */
  public long examples() {
    return manifest.split(Split.TRAIN).examples();
  }

  /** Target validation examples in the store. */
  public long validationExamples() {
    return manifest.split(Split.VALIDATION).examples();
  }

  /** The projected dimension d. */
  public int dim() {
    return manifest.dim();
  }

  /** {@code examples}, {@code validation_examples} and {@code dim}. */
  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("examples", (double) examples());
    m.put("validation_examples", (double) validationExamples());
    m.put("dim", (double) dim());
    return m;
  }

  /** None: the store is the next stage's input, not a tracking artifact. */
  @Override
  public Map<String, Path> artifacts() {
    return Map.of();
  }
}
