package dev.gradex.local;

import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Version;
import dev.gradex.estimate.SelectionFile;
import dev.gradex.estimate.report.HtmlReport;
import dev.gradex.estimate.report.TaskScores;
import dev.gradex.model.train.TrainingCurves;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html} of a local run: the task scores with the selection rule's threshold, the
 * estimated against the measured loss of the subsets fine-tuned for real (with the diagonal), the
 * training and validation curves of meta-training and the final fine-tune, the selected sources
 * (with their planted roles when known), the final model beside the baselines (accuracy and
 * macro-F1 for a classifier), the estimate's warnings and every effective setting of the run,
 * defaults included ({@link EffectiveConfig}). Numbers show 4 significant digits; the embedded JSON
 * keeps full precision. Rendered by {@link HtmlReport}, like the estimate-subsets report, so it is
 * self-contained and needs no network.
 */
final class RunReport {
  static final String FILE = "report.html";

  private RunReport() {}

  /**
   * Writes {@code summary.out()/report.html} from the run's outputs.
   *
   * @param truth planted roles (role to source names), empty when unknown
   */
  static Path write(
      RunConfig config,
      Path configFile,
      RunSummary summary,
      List<FidelityCheck.Point> points,
      Map<String, List<String>> truth) {
    Path out = summary.out();
    TaskScores scores = SelectionFile.read(out.resolve("estimate")).taskScores();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("out", out.toAbsolutePath().toString());
    data.put("codeVersion", Version.get());
    data.put("rule", scores.rule());
    data.put("summary", summary);
    data.put("taskScores", scores);
    data.put("sources", sources(scores, truth));
    data.put("roles", roles(summary.selected(), truth));
    data.put("fidelity", summary.fidelity());
    data.put("points", points);
    Map<String, Object> curves = new LinkedHashMap<>();
    curves.put("meta-train", curves(out.resolve("meta-train")));
    curves.put("fine-tune", curves(out.resolve(summary.selection().dir())));
    data.put("curves", curves);
    data.put("models", summary.models());
    data.put("warnings", summary.warnings());
    data.put("lossName", summary.selection().lossName());
    data.put("config", EffectiveConfig.of(config, configFile, out));
    Path file = out.resolve(FILE);
    AtomicFiles.write(file, HtmlReport.render(RunReport.class, "run-report.html", data));
    return file;
  }

  /** The ranked sources with their scores, whether selected, and their role when known. */
  private static List<Map<String, Object>> sources(
      TaskScores scores, Map<String, List<String>> truth) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < scores.tasks().size(); i++) {
      String task = scores.tasks().get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rank", i + 1);
      row.put("source", task);
      row.put("score", scores.scores().get(i));
      row.put("selected", scores.selected().get(i));
      row.put("role", role(task, truth));
      rows.add(row);
    }
    return rows;
  }

  /** Per planted role: how many of its sources were selected. */
  private static List<Map<String, Object>> roles(
      List<String> selected, Map<String, List<String>> truth) {
    List<Map<String, Object>> rows = new ArrayList<>();
    truth.forEach(
        (role, names) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("role", role);
          row.put("selected", names.stream().filter(selected::contains).count());
          row.put("total", names.size());
          rows.add(row);
        });
    return rows;
  }

  private static String role(String task, Map<String, List<String>> truth) {
    for (Map.Entry<String, List<String>> e : truth.entrySet()) {
      if (e.getValue().contains(task)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** A stage's curves as columns (compact JSON), or null when it wrote none. */
  private static Map<String, Object> curves(Path stageDir) {
    Path file = stageDir.resolve(TrainingCurves.FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    TrainingCurves c = TrainingCurves.read(file);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", c.steps().stream().map(TrainingCurves.Step::step).toList());
    m.put("trainLoss", c.steps().stream().map(TrainingCurves.Step::trainLoss).toList());
    m.put("epochStep", c.epochs().stream().map(TrainingCurves.Epoch::step).toList());
    m.put("epochTrainLoss", c.epochs().stream().map(TrainingCurves.Epoch::trainLoss).toList());
    m.put("validationLoss", c.epochs().stream().map(TrainingCurves.Epoch::validationLoss).toList());
    return m;
  }
}
