package dev.gradex.cli.bench.paper;

import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.AtomicFiles;
import dev.gradex.finetune.FineTuneResult;
import dev.gradex.local.LocalPipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fine-tunes of one run keyed by (member set, run seed, step budget), so an identical selection is
 * never fine-tuned twice: the run's own fine-tunes (final, baselines, fidelity points) are known
 * from their stage manifests, and any other member set is fine-tuned once through the run's
 * fine-tune stage into {@code root/<key>} (reused from its manifest on a rerun).
 */
final class FineTuneCache {
  private final LocalPipeline pipeline;
  private final Path root;
  private final long seed;
  private final long budget;
  private final Map<Set<String>, FineTuneResult> known = new HashMap<>();

  FineTuneCache(LocalPipeline pipeline, Path root, long seed, long budget) {
    this.pipeline = pipeline;
    this.root = root;
    this.seed = seed;
    this.budget = budget;
  }

  /** Registers the complete fine-tune stage in {@code dir} (if it is one) under {@code members}. */
  void know(Collection<String> members, Path dir) {
    if (Files.isRegularFile(dir.resolve(StageManifest.FILE))) {
      FineTuneResult r = StageManifest.read(dir, FineTuneResult.class).results();
      if (r != null) {
        known.put(new TreeSet<>(members), r);
      }
    }
  }

  /** The fine-tune on the target and {@code members}, run only when no identical one exists. */
  FineTuneResult get(List<String> members) throws Exception {
    Set<String> set = new TreeSet<>(members);
    FineTuneResult r = known.get(set);
    if (r != null) {
      return r;
    }
    String key = key(set, seed, budget);
    Path dir = root.resolve(key);
    long t = System.nanoTime();
    r = pipeline.fineTuneSubset(List.copyOf(set), dir, budget);
    if (!r.reused()) {
      AtomicFiles.writeString(
          root.resolve(key + ".seconds"), String.valueOf((System.nanoTime() - t) / 1e9));
    }
    known.put(set, r);
    return r;
  }

  /** The cache key: a digest of the sorted members, the seed and the budget. */
  static String key(Set<String> sortedMembers, long seed, long budget) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(
          (String.join("\n", sortedMembers) + "\nseed=" + seed + "\nsteps=" + budget)
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
