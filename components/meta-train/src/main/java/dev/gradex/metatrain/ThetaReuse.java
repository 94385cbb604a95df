package dev.gradex.metatrain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.component.OutputManifest;
import dev.gradex.component.ReuseDir;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.TreeDigest;
import dev.gradex.model.data.SourceSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * Incremental reselection's stage 1: instead of meta-training again, the adapter theta* of the last
 * full run (published in the reuse directory) becomes this run's output, byte for byte, so the
 * gradients of the new sources are taken at the same point as the stored ones. Refused when a
 * source theta* was trained on changed or disappeared, or a named source is not new since then
 * (sources added by earlier incremental runs are new since theta* too).
 */
final class ThetaReuse implements Callable<Map<String, Object>> {
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
  public Map<String, Object> call() throws IOException {
    Path previous = reuse.existing(ReuseDir.ADAPTER);
    JsonNode manifest = Json.JSON.readTree(previous.resolve(OutputManifest.FILE).toFile());
    checkSources(manifest.path("inputs").path("sources"));
    String digest = TreeDigest.of(previous);
    if (!Files.isRegularFile(out.resolve(OutputManifest.FILE))
        || !TreeDigest.of(out).equals(digest)) {
      copy(previous);
    }
    Map<String, Object> results = new LinkedHashMap<>();
    manifest.path("results").fields().forEachRemaining(e -> results.put(e.getKey(), value(e)));
    results.put("reusedTheta", 1); // numeric, so it shows among the KFP metrics
    results.put("adapter", digest);
    return results;
  }

  private void checkSources(JsonNode trained) {
    Map<String, String> now = SourceSet.read(sources).digests();
    Set<String> added = new TreeSet<>(now.keySet());
    trained
        .fields()
        .forEachRemaining(
            e -> {
              String name = e.getKey();
              if (!e.getValue().asText().equals(now.get(name))) {
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
        if (s.findAny().isPresent()) {
          throw new InvalidInputException(out.toString(), "exists and holds another adapter");
        }
      }
      Files.delete(out);
    }
    try {
      AtomicFiles.publishTree(tmp, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the reused adapter to " + out, e);
    }
  }

  private static Object value(Map.Entry<String, JsonNode> e) {
    JsonNode v = e.getValue();
    return v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue() : v.toString();
  }
}
