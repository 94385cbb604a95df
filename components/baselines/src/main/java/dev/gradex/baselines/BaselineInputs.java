package dev.gradex.baselines;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import dev.gradex.core.SelectedSources;
import dev.gradex.model.data.Dataset;
import dev.gradex.model.data.Example;
import dev.gradex.model.data.SourceSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the baselines read from a finished {@code gradex run} output directory (the layout of
 * LocalPipeline, docs/architecture.md): the sources artifact {@code sources/sources.yaml} (target
 * splits and source files), the gradient store {@code gradients/}, GradEx's own selection {@code
 * estimate/selection.json} (its size is the default count) and the base pretrained model ({@code
 * base-model/} when the run made its tiny decoder, else the {@code base_model_name_or_path} that
 * meta-training recorded in {@code meta-train/adapter_config.json}).
 */
public final class BaselineInputs {
  private final SourceSet sources;
  private final Path store;
  private final List<String> gradexSelection;
  private final Path baseModel;
  private final String baseModelFrom;

  private BaselineInputs(
      SourceSet sources,
      Path store,
      List<String> gradexSelection,
      Path baseModel,
      String baseModelFrom) {
    this.sources = sources;
    this.store = store;
    this.gradexSelection = List.copyOf(gradexSelection);
    this.baseModel = baseModel;
    this.baseModelFrom = baseModelFrom;
  }

  /**
   * The inputs of the finished run in {@code runDir}.
   *
   * @throws InvalidInputException naming the directory or file that is missing or unreadable
   */
  public static BaselineInputs fromRun(Path runDir) {
    if (!Files.isDirectory(runDir)) {
      throw new InvalidInputException(
          runDir.toString(), "is not a directory (expected a finished `gradex run` output)");
    }
    Path sourcesDir = runDir.resolve("sources");
    require(sourcesDir.resolve(SourceSet.FILE), "the run's sources artifact");
    Path store = runDir.resolve("gradients");
    require(store.resolve("manifest.json"), "the run's gradient store (extract-gradients)");
    Path selection = runDir.resolve("estimate").resolve(BaselineSelection.FILE);
    require(selection, "GradEx's selection (estimate-subsets)");
    Path tiny = runDir.resolve("base-model");
    Path adapterConfig = runDir.resolve("meta-train").resolve("adapter_config.json");
    Path base =
        Files.isRegularFile(tiny.resolve("config.json")) ? tiny : recordedBase(adapterConfig);
    return new BaselineInputs(
        SourceSet.read(sourcesDir),
        store,
        SelectedSources.read(selection),
        base,
        base == tiny ? tiny.toString() : adapterConfig.toString());
  }

  /**
   * Inputs given part by part (a pipeline that knows where its stages wrote).
   *
   * @param sourcesDir the sources artifact directory
   * @param store the gradient store directory
   * @param gradexSelection GradEx's selected sources
   * @param baseModel the base pretrained model directory
   */
  public static BaselineInputs of(
      Path sourcesDir, Path store, List<String> gradexSelection, Path baseModel) {
    return new BaselineInputs(
        SourceSet.read(sourcesDir), store, gradexSelection, baseModel, baseModel.toString());
  }

  /** The source names, in {@code sources.yaml} order. */
  public List<String> sourceNames() {
    return sources.sources().stream().map(SourceSet.Source::name).toList();
  }

  /** The gradient store directory. */
  public Path store() {
    return store;
  }

  /** GradEx's selected sources (estimate-subsets), best first. */
  public List<String> gradexSelection() {
    return gradexSelection;
  }

  /**
   * The base pretrained model directory.
   *
   * @throws InvalidInputException naming where it was looked for when it has no {@code config.json}
   */
  public Path baseModel() {
    if (baseModel == null || !Files.isRegularFile(baseModel.resolve("config.json"))) {
      throw new InvalidInputException(
          baseModelFrom,
          "names no base model directory with a config.json"
              + (baseModel == null ? "" : " (" + baseModel + ")"));
    }
    return baseModel;
  }

  /** The texts of source {@code name}'s examples, in file order. */
  public List<String> sourceTexts(String name) {
    for (SourceSet.Source s : sources.sources()) {
      if (s.name().equals(name)) {
        return texts(sources.read(s));
      }
    }
    throw new InvalidInputException("source", "'" + name + "' is not in " + sourceNames());
  }

  /** The texts of the target's training and then validation examples. */
  public List<String> targetTexts() {
    List<String> all = new ArrayList<>(texts(sources.readTarget(sources.target().train())));
    all.addAll(validationTexts());
    return all;
  }

  /** The texts of the target's validation examples. */
  public List<String> validationTexts() {
    return texts(sources.readTarget(sources.target().validation()));
  }

  /**
   * An example's text: a classification record's {@code text}; a language-modelling record's prompt
   * followed by its completion.
   */
  static String text(Example e) {
    return e.isClassification() ? e.text() : e.prompt() + e.completion();
  }

  private static List<String> texts(Dataset d) {
    return d.examples().stream().map(BaselineInputs::text).toList();
  }

  private static void require(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          file.toString(), "is missing: " + what + " (is this a finished `gradex run` output?)");
    }
  }

  /** The base model meta-training recorded, or null when there is no adapter config. */
  private static Path recordedBase(Path adapterConfig) {
    if (!Files.isRegularFile(adapterConfig)) {
      return null;
    }
    try {
      JsonNode n = Json.JSON.readTree(adapterConfig.toFile());
      String p = n.path("base_model_name_or_path").asText("");
      return p.isEmpty() ? null : adapterConfig.getParent().resolve(p).normalize();
    } catch (IOException e) {
      throw new InvalidInputException(adapterConfig.toString(), "cannot read: " + e.getMessage());
    }
  }
}
