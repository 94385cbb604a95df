package dev.gradex.estimate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.component.stage.Stage;
import dev.gradex.component.stage.StageManifest;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Csv;
import dev.gradex.core.Json;
import dev.gradex.core.scoring.EnsembleScores;
import dev.gradex.core.scoring.RidgeFit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files an estimate-subsets run writes, and the only code that writes or reads them back. Files
 * are written atomically; the {@link StageManifest}, which lists every file's SHA-256, the content
 * key and the typed {@link EstimateSubsetsResult}, is written last, so its presence means the
 * output is complete.
 */
final class EstimateOutputs {
  static final String KIND = "subset-estimates";

  /** The files every run writes (and a complete output must hold intact). */
  static final List<String> FILES =
      List.of(
          "subsets.csv",
          "scores.csv",
          "surrogate.csv",
          SelectionFile.FILE,
          FastPathFile.FILE,
          "report.html");

  /** Written besides {@link #FILES} when the sources are clustered into pseudo-tasks. */
  static final String CLUSTERS = "clusters.csv";

  private static final ObjectMapper JSON = Json.PRETTY;

  private final List<String> names;
  private final int[] candidates;
  private final EnsembleScores ensemble;
  private final RidgeFit ridge;
  private final SelectionFile selection;
  private final FastPathFile fastPath;
  private final byte[] reportHtml;

  EstimateOutputs(
      List<String> names,
      int[] candidates,
      EnsembleScores ensemble,
      RidgeFit ridge,
      SelectionFile selection,
      FastPathFile fastPath,
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
  SelectionFile selection() {
    return selection;
  }

  /** The files a complete output with these settings holds. */
  static List<String> files(EstimateSubsetsSettings settings) {
    if (settings.pseudoTasks() == 0) {
      return FILES;
    }
    List<String> files = new ArrayList<>(FILES);
    files.add(CLUSTERS);
    return List.copyOf(files);
  }

  /**
   * Writes every file, then the manifest (recording {@code inputs}, its key and the result), then
   * removes the run's scratch directory.
   */
  EstimateSubsetsResult write(
      Path out,
      EstimateInputs inputs,
      List<SubsetJournal.Entry> entries,
      Map<String, byte[]> extraFiles) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("subsets.csv", subsetsCsv(entries));
    files.put("scores.csv", scoresCsv());
    files.put("surrogate.csv", surrogateCsv());
    files.put(SelectionFile.FILE, selection.bytes());
    files.put(FastPathFile.FILE, json(fastPath));
    files.put("report.html", reportHtml);
    files.putAll(extraFiles);
    EstimateSubsetsResult result;
    try {
      // an old manifest must never vouch for new files
      Files.deleteIfExists(out.resolve(StageManifest.FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write outputs in " + out, e);
    }
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        AtomicFiles.write(out.resolve(f.getKey()), f.getValue());
      }
      result = EstimateSubsetsResult.of(out, selection, EstimatorStatistics.read(out));
      StageManifest.write(
          new Stage.ManifestTarget(out, inputs, List.copyOf(files.keySet())),
          KIND,
          inputs.key(),
          result);
    } catch (RuntimeException e) {
      // a full disk midway: a selection.json without its manifest must not look like a result
      deleteQuietly(out, files.keySet(), e);
      throw e;
    }
    AtomicFiles.deleteTree(out.resolve(EstimateSubsetsRun.WORK_DIR));
    return result;
  }

  /** Deletes the named output files (the scratch journal stays for the rerun to resume from). */
  private static void deleteQuietly(Path out, Iterable<String> names, Exception failure) {
    for (String name : names) {
      try {
        Files.deleteIfExists(out.resolve(name));
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e); // e.g. a directory in the way: it was never an output
      }
    }
  }

  /**
   * The result recorded by an earlier run with the same inputs, if its outputs are complete and
   * intact; empty for anything else, a manifest of the untyped format 1 included (recompute and
   * replace).
   */
  static Optional<EstimateSubsetsResult> readIfComplete(Path out, EstimateInputs inputs) {
    return StageManifest.completed(
            out, KIND, inputs.key(), files(inputs.settings()), EstimateSubsetsResult.class)
        .map(r -> r.found(out));
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
