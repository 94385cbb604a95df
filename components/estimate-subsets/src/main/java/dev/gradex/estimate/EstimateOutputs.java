package dev.gradex.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Csv;
import dev.gradex.core.Json;
import dev.gradex.core.Sha256;
import dev.gradex.core.Version;
import dev.gradex.core.scoring.EnsembleScores;
import dev.gradex.core.scoring.RidgeFit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files an estimate-subsets run writes, and the only code that writes or reads them back. Files
 * are written atomically; manifest.json, which lists every file's SHA-256 and the run key, is
 * written last, so its presence means the output is complete.
 */
final class EstimateOutputs {
  static final String MANIFEST = "manifest.json";
  static final String KIND = "subset-estimates";
  private static final ObjectMapper JSON = Json.PRETTY;

  private final List<String> names;
  private final int[] candidates;
  private final EnsembleScores ensemble;
  private final RidgeFit ridge;
  private final Map<String, Object> selection;
  private final Map<String, Object> fastPath;
  private final byte[] reportHtml;

  EstimateOutputs(
      List<String> names,
      int[] candidates,
      EnsembleScores ensemble,
      RidgeFit ridge,
      Map<String, Object> selection,
      Map<String, Object> fastPath,
      byte[] reportHtml) {
    this.names = names;
    this.candidates = candidates;
    this.ensemble = ensemble;
    this.ridge = ridge;
    this.selection = selection;
    this.fastPath = fastPath;
    this.reportHtml = reportHtml;
  }

  /** The content of selection.json. */
  Map<String, Object> selection() {
    return selection;
  }

  /** Writes every file, manifest last, then removes the run's scratch directory. */
  EstimateSubsetsResult write(
      Path out, RunKey key, List<SubsetJournal.Entry> entries, Map<String, byte[]> extraFiles) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("subsets.csv", subsetsCsv(entries));
    files.put("scores.csv", scoresCsv());
    files.put("surrogate.csv", surrogateCsv());
    files.put("selection.json", json(selection));
    files.put("fastpath.json", json(fastPath));
    files.put("report.html", reportHtml);
    files.putAll(extraFiles);
    try {
      Files.deleteIfExists(out.resolve(MANIFEST)); // an old manifest must never vouch for new files
      Map<String, String> digests = new LinkedHashMap<>();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        AtomicFiles.write(out.resolve(f.getKey()), f.getValue());
        digests.put(f.getKey(), Sha256.of(f.getValue()));
      }
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("kind", KIND);
      manifest.put("formatVersion", 1);
      manifest.put("runKey", key.value());
      manifest.put("inputs", key.inputs());
      manifest.put("files", digests);
      manifest.put("codeVersion", Version.get());
      AtomicFiles.write(out.resolve(MANIFEST), json(manifest));
      AtomicFiles.deleteTree(out.resolve(EstimateSubsetsRun.WORK_DIR));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write outputs in " + out, e);
    }
    return result(out, false, JSON.convertValue(selection, SelectionFile.class));
  }

  /** The result of an earlier run with the same key, if its outputs are complete and intact. */
  static Optional<EstimateSubsetsResult> readIfComplete(Path out, RunKey key) {
    Path manifestFile = out.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      return Optional.empty();
    }
    try {
      JsonNode manifest = JSON.readTree(manifestFile.toFile());
      if (!KIND.equals(manifest.path("kind").asText())
          || !key.value().equals(manifest.path("runKey").asText())) {
        return Optional.empty();
      }
      var it = manifest.path("files").fields();
      while (it.hasNext()) {
        var f = it.next();
        Path p = out.resolve(f.getKey());
        if (!Files.isRegularFile(p) || !Sha256.of(p).equals(f.getValue().asText())) {
          return Optional.empty();
        }
      }
      SelectionFile selection =
          JSON.readValue(out.resolve("selection.json").toFile(), SelectionFile.class);
      return Optional.of(result(out, true, selection));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable or foreign: recompute and replace
    }
  }

  /** The part of {@code selection.json} a result is read back from. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  record SelectionFile(
      List<String> selected,
      EstimatedLoss estimatedLoss,
      Sampling sampling,
      List<String> warnings) {}

  /**
   * {@code selection.json}'s {@code estimatedLoss}: fhat of the selection and the two baselines.
   */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  record EstimatedLoss(double selected, double allSources, double targetOnly) {}

  private static EstimateSubsetsResult result(Path out, boolean reused, SelectionFile selection) {
    return new EstimateSubsetsResult(
        out,
        List.copyOf(selection.selected()),
        selection.estimatedLoss().selected(),
        selection.estimatedLoss().allSources(),
        selection.estimatedLoss().targetOnly(),
        reused,
        EstimatorStatistics.read(out),
        selection.sampling(),
        selection.warnings());
  }

  private static byte[] subsetsCsv(List<SubsetJournal.Entry> entries) {
    // rows are kept as CSV text (the journal's lines); the header is the table's own
    StringBuilder sb = new StringBuilder(SubsetEstimation.header()).append('\n');
    for (SubsetJournal.Entry e : entries) {
      sb.append(e.csvRow()).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] scoresCsv() {
    Csv.Table csv = Csv.table("task", "score", "count");
    for (int t : candidates) {
      double s = ensemble.score(t);
      csv.row(names.get(t), Double.isNaN(s) ? "" : Double.toString(s), ensemble.count(t));
    }
    return csv.bytes();
  }

  private byte[] surrogateCsv() {
    Csv.Table csv = Csv.table("task", "coefficient");
    for (int t : candidates) {
      csv.row(names.get(t), ridge.coefficient(t));
    }
    return csv.bytes();
  }

  private static byte[] json(Object value) {
    try {
      return (JSON.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
