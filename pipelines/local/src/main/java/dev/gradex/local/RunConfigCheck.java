package dev.gradex.local;

import dev.gradex.component.settings.Setting;
import dev.gradex.component.settings.Settings;
import dev.gradex.component.settings.Surface;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Sha256;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.subsets.SubsetSampler;
import dev.gradex.estimate.EstimateSubsetsConfig;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.LabelMap;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.train.Batching;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every problem of a {@link RunConfig}, found without writing anything: the path rule, the data
 * files (read as the stages will read them, labels through the run's {@link LabelMap}), the
 * target/source overlap, the settings (each against its catalog constraint, {@link Settings}; the
 * estimate's grammars by the estimate-subsets component's own checks) and the examples' lengths
 * ({@link ExampleLengths}: every file tokenized with the run's tokenizer, every too-long example
 * named).
 */
final class RunConfigCheck {
  /** The core's names of the estimate settings, as this file names them. */
  static final Map<String, String> ESTIMATE_FIELDS =
      Map.of(
          "alpha", "estimate.alpha",
          "subsets", "estimate.subsets",
          "select", "estimate.select");

  private final RunConfig c;
  private final Path file;
  private final Path base;
  private final List<String> bad = new ArrayList<>();
  private final List<ExampleLengths.File> files = new ArrayList<>();
  private LabelMap labels = LabelMap.INDICES;

  RunConfigCheck(RunConfig config, Path file) {
    this.c = config;
    this.file = file;
    this.base = file.toAbsolutePath().normalize().getParent();
  }

  List<String> problems() {
    out();
    labels();
    Map<String, Path> target = target();
    sources(target);
    model();
    settings();
    data();
    return bad;
  }

  /** The label mapping: {@code target.labels}, else the one {@code target.train} implies. */
  private void labels() {
    RunConfig.Target t = c.target();
    if (t == null) {
      return;
    }
    try {
      if (t.labels() != null) {
        labels = LabelMap.of(t.labels(), "target.labels");
        return;
      }
      Path train = t.train() == null ? null : path(t.train());
      if (train != null && Files.isRegularFile(train)) {
        labels = LabelMap.fromTraining(train);
      }
    } catch (InvalidInputException e) {
      bad.add((t.labels() != null ? "" : "target.train: ") + e.getMessage());
    }
  }

  /** {@code data}'s settings, then every example's length under the run's tokenizer and limit. */
  private void data() {
    RunConfig.Data d = c.data();
    if (d != null && d.maxSeqLength() != null && d.maxSeqLength() < 0) {
      bad.add(
          "data.maxSeqLength must be >= 0 (0 = the model's limit; got " + d.maxSeqLength() + ")");
      return;
    }
    bad.addAll(ExampleLengths.check(c, base, files, labels));
  }

  private void out() {
    if (c.out() == null || c.out().isBlank()) {
      bad.add("out is required");
      return;
    }
    Path out = path(c.out());
    if (out == null) {
      bad.add("out '" + c.out() + "' is not a valid path");
    } else if (!out.startsWith(base)) {
      bad.add(
          "out '"
              + c.out()
              + "' resolves to "
              + out
              + ", outside "
              + base
              + " (the run directory must be inside the configuration file's directory)");
    } else if (Files.exists(out) && !Files.isDirectory(out)) {
      bad.add("out " + out + " exists and is not a directory");
    }
  }

  /** The target's split files that exist and are valid data, by field name. */
  private Map<String, Path> target() {
    Map<String, Path> ok = new LinkedHashMap<>();
    RunConfig.Target t = c.target();
    if (t == null || t.train() == null || t.validation() == null || t.test() == null) {
      bad.add("target needs train, validation and test files");
      return ok;
    }
    Map<String, String> splits = new LinkedHashMap<>();
    splits.put("target.train", t.train());
    splits.put("target.validation", t.validation());
    splits.put("target.test", t.test());
    splits.forEach(
        (field, value) -> {
          Path p = input(field, value, false);
          if (p != null && data(field, p, SourceSet.TARGET)) {
            ok.put(field, p);
          }
        });
    return ok;
  }

  private void sources(Map<String, Path> target) {
    if (c.sources() == null || c.sources().isEmpty()) {
      bad.add("sources: at least one source is required");
      return;
    }
    Map<String, String> targetDigests = new LinkedHashMap<>();
    target.forEach((field, p) -> targetDigests.put(Sha256.of(p), field));
    Set<String> names = new HashSet<>();
    for (int i = 0; i < c.sources().size(); i++) {
      RunConfig.SourceEntry s = c.sources().get(i);
      String at = "sources[" + i + "]";
      if (s == null || s.name() == null || s.name().isBlank() || s.path() == null) {
        bad.add(at + " needs a name and a path");
        continue;
      }
      if (s.name().equalsIgnoreCase(SourceSet.TARGET)) {
        bad.add(at + ".name '" + s.name() + "' is the target task's name; the target is no source");
      } else if (!names.add(s.name())) {
        bad.add(at + ".name '" + s.name() + "' is repeated");
      }
      Path p = input(at + ".path", s.path(), false);
      if (p == null) {
        continue;
      }
      String same = sameAsTarget(p, target, targetDigests);
      if (same != null) {
        bad.add(
            at + " (" + s.name() + "): " + s.path() + " is " + same + "; the target is no source");
      } else {
        data(at + " (" + s.name() + ")", p, s.name());
      }
    }
  }

  /** Which target split {@code source} is (the same file or the same bytes), or null. */
  private static String sameAsTarget(
      Path source, Map<String, Path> target, Map<String, String> targetDigests) {
    for (Map.Entry<String, Path> t : target.entrySet()) {
      try {
        if (Files.isSameFile(source, t.getValue())) {
          return "the same file as " + t.getKey();
        }
      } catch (IOException e) {
        // unreadable: data() reports it
      }
    }
    if (targetDigests.isEmpty() || !Files.isReadable(source)) {
      return null;
    }
    String copyOf = targetDigests.get(Sha256.of(source));
    return copyOf == null ? null : "a byte-identical copy of " + copyOf;
  }

  private void model() {
    RunConfig.Model m = c.model();
    if (m == null || (m.dir() == null) == (m.tiny() == null)) {
      bad.add("model needs exactly one of dir or tiny");
      return;
    }
    if (m.dir() != null) {
      input("model.dir", m.dir(), true);
      return;
    }
    RunConfig.Tiny t = m.tiny();
    if (t.alphabet() == null || t.alphabet().isEmpty()) {
      bad.add("model.tiny.alphabet is required");
    }
    atLeast("model.tiny.hidden", t.hidden(), 1);
    atLeast("model.tiny.layers", t.layers(), 1);
    atLeast("model.tiny.heads", t.heads(), 1);
    atLeast("model.tiny.context", t.context(), 1);
    atLeast("model.tiny.pretrainEpochs", t.pretrainEpochs(), 0);
    if (t.hidden() >= 1 && t.heads() >= 1 && t.hidden() % t.heads() != 0) {
      bad.add(
          "model.tiny.hidden "
              + t.hidden()
              + " must be divisible by model.tiny.heads "
              + t.heads());
    }
    if (t.pretrainData() != null) {
      Path p = input("model.tiny.pretrainData", t.pretrainData(), false);
      if (p != null) {
        data("model.tiny.pretrainData", p, "pretrain");
      }
    }
  }

  /**
   * Every catalog setting against its catalog constraint; the string settings with a grammar by the
   * parser of the component that reads them (the same messages as its flags), and the norm cap by
   * the estimator's own rule.
   */
  private void settings() {
    for (Setting<?> s : Settings.on(Surface.RUN_YAML)) {
      if (OWN_RULES.contains(s)) {
        continue;
      }
      Object v = RunConfigSettings.value(c, s);
      String problem = v == null ? null : s.constraint().problem(v);
      if (problem != null) {
        bad.add(s.yamlKey() + " " + problem + " (got " + v + ")");
      }
    }
    atLeast("gradients.chunkSize", c.gradients().chunkSize(), 1);
    batching("train", c.train());
    batching("fineTune", c.fineTune());
    RunConfig.Estimate e = c.estimate();
    problem("estimate.mode", EstimateSubsetsConfig.modeProblem(e.mode()));
    problem("estimate.select", EstimateSubsetsConfig.selectProblem(e.select()));
    subsetSize(e);
    if (e.normCap() != null && e.normCap() != 0) {
      try {
        EstimatorConfig.builder().optNormCap(e.normCap()).build();
      } catch (InvalidInputException x) {
        bad.add("estimate.normCap: " + x.detail());
      }
    }
  }

  /** A valid alpha must still pick at least one of this file's sources for each subset. */
  private void subsetSize(RunConfig.Estimate e) {
    int n = c.sources() == null ? 0 : c.sources().size();
    if (n == 0 || e.subsets() < 1 || EstimateSubsetsConfig.alphaProblem(e.alpha()) != null) {
      return; // reported above
    }
    try {
      SubsetSampler.builder()
          .optAlpha(e.alpha())
          .optCount(e.subsets())
          .build()
          .requireSubsetSize(n);
    } catch (InvalidInputException x) {
      bad.add(x.renamed(ESTIMATE_FIELDS).getMessage());
    }
  }

  /**
   * Checked by their components' parsers, not by the catalog constraint alone ({@code
   * data.maxSeqLength} in {@link #data()}, which skips the length scan when it is negative).
   */
  private static final Set<Setting<?>> OWN_RULES =
      Set.of(
          Settings.DATA_MAX_SEQ_LENGTH,
          Settings.TRAIN_BATCHING,
          Settings.FINE_TUNE_BATCHING,
          Settings.ESTIMATE_MODE,
          Settings.ESTIMATE_SELECT,
          Settings.ESTIMATE_NORM_CAP);

  private void batching(String field, RunConfig.Training t) {
    try {
      Batching.parse(field + ".batching", t.batching());
    } catch (InvalidInputException e) {
      bad.add(field + ".batching: " + e.detail());
    }
  }

  /**
   * {@code value} resolved, if it obeys the path rule and exists (a directory if {@code dir}, else
   * a regular file); null after recording why not.
   */
  private Path input(String field, String value, boolean dir) {
    Path p = path(value);
    if (p == null) {
      bad.add(field + " '" + value + "' is not a valid path");
      return null;
    }
    if (!Path.of(value).isAbsolute() && !p.startsWith(base)) {
      bad.add(
          field
              + " '"
              + value
              + "' leaves "
              + base
              + " (relative paths must stay inside the configuration file's directory; give"
              + " files elsewhere as absolute paths)");
      return null;
    }
    if (dir ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
      bad.add(field + " " + p + (dir ? " is not a directory" : " does not exist"));
      return null;
    }
    return p;
  }

  /** Reads {@code p} as the stages will; false after recording the first bad line or emptiness. */
  private boolean data(String field, Path p, String task) {
    try {
      Dataset ds = Dataset.read(p, task, labels);
      if (!task.equals("pretrain")) {
        files.add(new ExampleLengths.File(field, p, ds));
      }
      return true;
    } catch (InvalidInputException e) {
      bad.add(field + ": " + e.getMessage());
      return false;
    }
  }

  private Path path(String value) {
    try {
      return base.resolve(value).normalize();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private void atLeast(String field, int value, int min) {
    if (value < min) {
      bad.add(field + " must be >= " + min + " (got " + value + ")");
    }
  }

  private void problem(String field, String problem) {
    if (problem != null) {
      bad.add(field + ": " + problem);
    }
  }
}
