package dev.gradex.estimate;

import dev.gradex.component.stage.Stage;
import dev.gradex.core.Csv;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Sha256;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.core.estimate.EstimatorMode;
import dev.gradex.core.estimate.SubsetEstimator;
import dev.gradex.core.estimate.SubsetEstimators;
import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import dev.gradex.core.store.ExampleBlocks;
import dev.gradex.core.store.GradientStore;
import dev.gradex.core.store.StoreManifest;
import dev.gradex.core.subsets.SubsetSampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One estimate-subsets run (stages 3 and 4 of Li et al., arXiv 2409.19458;
 * docs/method.md#stage-3-estimating-fs-on-cpu): open and validate the store, sample the subsets,
 * estimate fhat(S) for each (resuming from the journal), score and select, write the outputs
 * atomically with the manifest last. Every input is checked before the output directory is touched.
 */
public final class EstimateSubsetsRun
    implements Stage<EstimateSubsetsSettings, EstimateSubsetsResult> {
  static final String WORK_DIR = ".partial";

  private final EstimateSubsetsConfig config;
  private final ProgressListener listener;

  public EstimateSubsetsRun(EstimateSubsetsConfig config, ProgressListener listener) {
    this.config = config;
    this.listener = listener;
  }

  @Override
  public String kind() {
    return EstimateOutputs.KIND;
  }

  /** The settings that decide the results ({@link EstimateSubsetsConfig#settings()}). */
  @Override
  public EstimateSubsetsSettings settings() {
    return config.settings();
  }

  /** Over the store manifest's digest, {@link #settings()} and the code version. */
  @Override
  public String key() {
    return inputs().key();
  }

  private EstimateInputs inputs() {
    return new EstimateInputs(
        Sha256.of(config.store().resolve(StoreManifest.FILE)), config.settings());
  }

  /** The result of an earlier run with this key whose outputs are complete and intact. */
  @Override
  public Optional<EstimateSubsetsResult> completed() {
    if (!Files.isRegularFile(config.store().resolve(StoreManifest.FILE))) {
      return Optional.empty(); // run() says what is wrong with the store
    }
    return EstimateOutputs.readIfComplete(config.out(), inputs());
  }

  /** The gradient store, by the digest of its manifest. */
  @Override
  public List<DatasetInput> datasets() {
    return List.of(
        new DatasetInput(
            "gradient-store",
            Sha256.of(config.store().resolve(StoreManifest.FILE)),
            config.store().toString(),
            "estimation"));
  }

  /**
   * Same as {@link #run()}, for callers outside a {@link dev.gradex.component.stage.StageRunner}.
   */
  public EstimateSubsetsResult call() throws InterruptedException {
    return run();
  }

  @Override
  public EstimateSubsetsResult run() throws InterruptedException {
    EstimatorMode mode = EstimatorMode.fromName(config.mode());
    SelectionPlan plan = SelectionPlan.parse(config.select());
    listener.on(new ProgressEvent.Phase("opening and verifying store " + config.store()));
    try (GradientStore store = GradientStore.open(config.store())) {
      List<String> names = store.taskNames();
      int[] candidates = candidates(names, store.targetTask());
      EstimateInputs inputs = inputs();
      String key = inputs.key();
      Optional<EstimateSubsetsResult> done = EstimateOutputs.readIfComplete(config.out(), inputs);
      if (done.isPresent()) {
        return done.get();
      }
      EstimatorConfig estimatorConfig = estimatorConfig(store.manifest());
      ExampleBlocks blocks = store.blocks(config.heapBudgetBytes());
      Map<String, byte[]> extraFiles = new LinkedHashMap<>();
      if (config.pseudoTasks() > 0) {
        listener.on(
            new ProgressEvent.Phase(
                "clustering source examples into " + config.pseudoTasks() + " pseudo-tasks"));
        PseudoTasks.Result pseudo =
            PseudoTasks.build(
                store,
                blocks,
                config.pseudoTasks(),
                config.seed(),
                Set.copyOf(config.exclude()),
                config.heapBudgetBytes());
        blocks = pseudo.blocks();
        extraFiles.put("clusters.csv", pseudo.clustersCsv());
        names = blocks.taskNames();
        candidates = allBut(names.size(), blocks.targetTask());
      }
      SubsetSampler sampler =
          SubsetSampler.builder()
              .optAlpha(config.alpha())
              .optCount(config.subsets())
              .optSeed(config.seed())
              .build();
      List<int[]> subsets = sampler.sample(candidates);
      Sampling sampling = sampling(sampler, candidates.length, subsets.size());
      listener.on(new ProgressEvent.Phase(sampling.text()));
      listener.on(new ProgressEvent.Phase("per-task statistics over " + names.size() + " tasks"));
      SubsetEstimators estimators = SubsetEstimators.over(blocks, estimatorConfig);
      SubsetEstimator estimator = estimators.create(mode);
      Path journalFile = config.out().resolve(WORK_DIR).resolve("subsets.journal");
      double[] losses;
      List<SubsetJournal.Entry> entries;
      try (SubsetJournal journal = SubsetJournal.open(journalFile, key, listener)) {
        losses =
            new SubsetEstimation(estimator, subsets, names, config.threads(), listener)
                .run(journal);
      }
      try (SubsetJournal journal = SubsetJournal.open(journalFile, key, listener)) {
        entries = journal.resumed();
      }
      EstimatorStatistics statistics =
          EstimatorStatistics.of(entries.stream().map(e -> Csv.parseRow(e.csvRow())).toList());
      List<String> warnings = LinearRegime.warnings(statistics, estimatorConfig);
      warnings.forEach(w -> listener.on(new ProgressEvent.Warning(w)));
      listener.on(new ProgressEvent.Phase("scoring tasks and selecting (" + plan.text() + ")"));
      Analysis analysis =
          new Analysis(
              config,
              estimatorConfig,
              names,
              candidates,
              subsets,
              losses,
              estimators,
              estimator,
              plan,
              sampling,
              warnings);
      EstimateOutputs outputs = analysis.run(listener);
      return outputs.write(config.out(), inputs, entries, extraFiles);
    }
  }

  /** How the subsets were chosen, for selection.json and the summary. */
  static Sampling sampling(SubsetSampler sampler, int n, int estimated) {
    return new Sampling(
        sampler.enumerates(n) ? Sampling.ENUMERATED : Sampling.SAMPLED,
        estimated,
        sampler.count(),
        n,
        sampler.subsetSize(n));
  }

  private static int[] allBut(int count, int skip) {
    return java.util.stream.IntStream.range(0, count).filter(t -> t != skip).toArray();
  }

  private int[] candidates(List<String> names, int targetTask) {
    Set<String> known = new HashSet<>(names);
    List<String> unknown = new ArrayList<>();
    for (String e : config.exclude()) {
      if (!known.contains(e)) {
        unknown.add(e);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(
          "--exclude", "unknown task name(s) " + unknown + "; the store has " + names);
    }
    Set<String> excluded = new HashSet<>(config.exclude());
    List<Integer> keep = new ArrayList<>();
    for (int t = 0; t < names.size(); t++) {
      if (t != targetTask && !excluded.contains(names.get(t))) {
        keep.add(t);
      }
    }
    if (keep.isEmpty()) {
      throw new InvalidInputException(
          "--exclude", "no source task left to choose from (the store's tasks: " + names + ")");
    }
    return keep.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The user's estimator settings plus the adapter's size and norm from the store. */
  private EstimatorConfig estimatorConfig(StoreManifest manifest) {
    if (manifest.adapterNorm() == null || manifest.parameterLayout() == null) {
      return config.estimator();
    }
    return config.effectiveEstimator(
        config
            .estimator()
            .withAdapter(manifest.parameterLayout().parameterCount(), manifest.adapterNorm()));
  }
}
