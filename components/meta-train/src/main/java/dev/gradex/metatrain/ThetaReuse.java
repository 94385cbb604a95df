package dev.gradex.metatrain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.gradex.component.ReuseDir;
import dev.gradex.component.stage.Stage;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.TreeDigest;
import dev.gradex.model.cli.TrainingMetrics;
import dev.gradex.model.data.SourceSet;
import dev.gradex.tracking.MetricPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Incremental reselection's stage 1: instead of meta-training again, the adapter theta* of the last
 * full run (published in the reuse directory) becomes this run's output, byte for byte, so the
 * gradients of the new sources are taken at the same point as the stored ones. Refused when a
 * source theta* was trained on changed or disappeared, or a named source is not new since then
 * (sources added by earlier incremental runs are new since theta* too).
 */
final class ThetaReuse implements Stage<ThetaReuse.Settings, MetaTrainResult> {
  /**
   * What incremental reselection's stage 1 was asked.
   *
   * @param newSources the sources new since theta* was trained
   * @param reuseDir the directory holding the last full run's adapter
   */
  record Settings(Set<String> newSources, String reuseDir) {}

  /** The part of the reused adapter's manifest inputs checked here. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record TrainedOn(Map<String, String> sources) {}

  private final Path sources;
  private final ReuseDir reuse;
  private final Set<String> newSources;
  private final Path out;

  ThetaReuse(Path sources, ReuseDir reuse, Set<String> newSources, Path out) {
    this.sources = sources;
    this.reuse = reuse;
    this.newSources = newSources;
    this.out = out;
  }

  @Override
  public String kind() {
    return MetaTrainStage.KIND;
  }

  @Override
  public Settings settings() {
    return new Settings(new TreeSet<>(newSources), reuse.toString());
  }

  @Override
  public String key() {
    return StageManifest.key(settings());
  }

  /** Never: copying is cheap and idempotent, and the copy keeps the reused output's manifest. */
  @Override
  public Optional<MetaTrainResult> completed() {
    return Optional.empty();
  }

  @Override
  public MetaTrainResult run() throws IOException {
    Path previous = reuse.existing(ReuseDir.ADAPTER);
    StageManifest<MetaTrainResult> manifest = StageManifest.read(previous, MetaTrainResult.class);
    checkSources(Json.JSON.treeToValue(manifest.inputs(), TrainedOn.class).sources());
    String digest = TreeDigest.of(previous);
    if (!Files.isRegularFile(out.resolve(StageManifest.FILE))
        || !TreeDigest.of(out).equals(digest)) {
      copy(previous);
    }
    return manifest.results().copiedTheta(out);
  }

  @Override
  public List<MetricPoint> series() {
    return TrainingMetrics.series(out);
  }

  private void checkSources(Map<String, String> trained) {
    Map<String, String> now = SourceSet.read(sources).digests();
    Set<String> added = new TreeSet<>(now.keySet());
    trained.forEach(
        (name, digest) -> {
          if (!digest.equals(now.get(name))) {
            throw new InvalidInputException(
                name,
                (now.containsKey(name) ? "changed" : "was removed")
                    + " since theta* was trained; run a full reselection");
          }
          added.remove(name);
        });
    if (!added.containsAll(newSources)) {
      throw new InvalidInputException(
          "--only-sources",
          newSources + " are not all new since theta* was trained (new: " + added + ")");
    }
  }

  private void copy(Path previous) throws IOException {
    Path tmp = AtomicFiles.tempSibling(out);
    AtomicFiles.deleteTree(tmp);
    ReuseDir.copyTree(previous, tmp);
    if (Files.exists(out)) {
      try (var s = Files.list(out)) {
        if (s.anyMatch(p -> !p.getFileName().toString().startsWith("."))) {
          throw new InvalidInputException(out.toString(), "exists and holds another adapter");
        }
      }
      // only hidden entries, e.g. the component's OutputLock: the directory (and its lock) stays
      moveInto(tmp, out);
      return;
    }
    try {
      AtomicFiles.publishTree(tmp, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the reused adapter to " + out, e);
    }
  }

  /** Moves {@code tmp}'s entries into {@code out}, the manifest (what marks it complete) last. */
  private static void moveInto(Path tmp, Path out) throws IOException {
    List<Path> entries;
    try (var s = Files.list(tmp)) {
      entries = s.sorted().toList();
    }
    Path manifest = null;
    for (Path p : entries) {
      if (p.getFileName().toString().equals(StageManifest.FILE)) {
        manifest = p;
      } else {
        AtomicFiles.move(p, out.resolve(p.getFileName().toString()));
      }
    }
    if (manifest != null) {
      AtomicFiles.move(manifest, out.resolve(StageManifest.FILE));
    }
    AtomicFiles.forceDirectory(out);
    AtomicFiles.deleteTree(tmp);
  }
}
