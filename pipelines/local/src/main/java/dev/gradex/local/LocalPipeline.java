package dev.gradex.local;

import ai.djl.Device;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.estimate.EstimatorConfig;
import dev.gradex.estimate.EstimateSubsetsConfig;
import dev.gradex.estimate.EstimateSubsetsResult;
import dev.gradex.estimate.EstimateSubsetsRun;
import dev.gradex.extract.ExtractStage;
import dev.gradex.finetune.FineTuneStage;
import dev.gradex.metatrain.MetaTrainStage;
import dev.gradex.model.data.SourceSet;
import dev.gradex.model.train.LoraJob;
import dev.gradex.tracking.Params;
import dev.gradex.tracking.RunStatus;
import dev.gradex.tracking.StageRun;
import dev.gradex.tracking.Tracker;
import dev.gradex.tracking.mlflow.TrackerConfig;
import dev.gradex.tracking.mlflow.Trackers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs the four GradEx stages of Li, Zhang, Wang, Zhang (arXiv 2409.19458) in one process on CPU:
 * meta-train (stage 1), extract-gradients (2), estimate-subsets (3-4) and fine-tune (5), each into
 * its own directory under the run directory and each idempotent, so a rerun after a crash resumes
 * at the first unfinished stage. With MLFLOW_TRACKING_URI set, the run is one MLflow parent run
 * with a nested run per stage, and the final adapter is registered (champion only if better).
 */
public final class LocalPipeline implements Callable<RunSummary> {
  private final RunConfig config;
  private final Path configFile;
  private final Map<String, String> env;
  private final PipelineListener listener;

  public LocalPipeline(
      RunConfig config, Path configFile, Map<String, String> env, PipelineListener listener) {
    this.config = config;
    this.configFile = configFile;
    this.env = env;
    this.listener = listener;
  }

  @Override
  public RunSummary call() throws Exception {
    // The whole configuration, data files included, is checked before any directory is created.
    config.validate(configFile);
    Path out = RunConfig.resolve(configFile, config.out());
    Device device = Device.cpu();
    Map<String, Double> seconds = new LinkedHashMap<>();
    Path sources = writeSources(out.resolve("sources"));
    try (Tracker tracker =
        Trackers.fromEnvironment(
            env, TrackerConfig.builder().optRunName("gradex run").optSourceName("gradex run"))) {
      long t = System.nanoTime();
      listener.stage("base model");
      Path base = baseModel(out, device);
      seconds.put("base_model", (System.nanoTime() - t) / 1e9);

      t = System.nanoTime();
      Path metaOut = out.resolve("meta-train");
      Map<String, Object> meta =
          staged(
              tracker,
              "meta-train",
              () ->
                  new MetaTrainStage(
                          sources, base, metaOut, settings(config.train()), device, listener)
                      .call());
      seconds.put("meta_train", (System.nanoTime() - t) / 1e9);

      t = System.nanoTime();
      Path store = out.resolve("gradients");
      RunConfig.Gradients g = config.gradients();
      staged(
          tracker,
          "extract-gradients",
          () -> {
            var m =
                new ExtractStage(
                        sources,
                        base,
                        MetaTrainStage.adapter(metaOut),
                        store,
                        new ExtractStage.Settings(
                            g.dim(), g.seed(), g.batchSize(), 0, 1, 0, g.chunkSize()),
                        device,
                        listener)
                    .call();
            return Map.of(
                "examples", m.split(dev.gradex.core.store.Split.TRAIN).examples(), "dim", m.dim());
          });
      seconds.put("extract_gradients", (System.nanoTime() - t) / 1e9);

      t = System.nanoTime();
      EstimateSubsetsResult est =
          staged(
              tracker,
              "estimate-subsets",
              () -> new EstimateSubsetsRun(estimateConfig(store, out), listener).call());
      seconds.put("estimate_subsets", (System.nanoTime() - t) / 1e9);

      t = System.nanoTime();
      Path fineOut = out.resolve("fine-tune");
      Map<String, Object> fine =
          staged(
              tracker,
              "fine-tune",
              () ->
                  new FineTuneStage(
                          sources,
                          base,
                          est.selected(),
                          fineOut,
                          settings(config.fineTune()),
                          device,
                          listener)
                      .call());
      seconds.put("fine_tune", (System.nanoTime() - t) / 1e9);

      RunSummary summary =
          new RunSummary(
              out,
              est.selected(),
              est.selectedLoss(),
              est.allSourcesLoss(),
              est.targetOnlyLoss(),
              number(fine.get("validation_loss")),
              number(fine.get("test_loss")),
              number(meta.get("validationLoss")),
              seconds,
              tracker.summary().message());
      AtomicFiles.writeString(
          out.resolve("summary.json"),
          new com.fasterxml.jackson.databind.ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(summary));
      return summary;
    }
  }

  /** Runs one stage inside a nested MLflow run: its results become metrics, its files artifacts. */
  private <T> T staged(Tracker tracker, String name, Callable<T> work) throws Exception {
    listener.stage(name);
    StageRun run = tracker.startStage(name);
    try {
      run.logParams(Params.flatten(Map.of("config", config)));
      T result = work.call();
      Map<String, Double> metrics = new LinkedHashMap<>();
      if (result instanceof Map<?, ?> m) {
        m.forEach(
            (k, v) -> {
              if (v instanceof Number n) {
                metrics.put(k.toString(), n.doubleValue());
              }
            });
      } else if (result instanceof EstimateSubsetsResult e) {
        metrics.putAll(e.metrics());
      }
      run.logMetrics(metrics, 0);
      if (name.equals("fine-tune") && metrics.containsKey("test_loss")) {
        Path dir = RunConfig.resolve(configFile, config.out()).resolve("fine-tune");
        run.logArtifact(dir, "adapter");
        run.registerModel("gradex-adapter", "adapter", "test_loss", metrics.get("test_loss"));
      }
      run.end(RunStatus.FINISHED);
      boolean reused =
          result instanceof Map<?, ?> m2 && Boolean.TRUE.equals(m2.get("reused"))
              || result instanceof EstimateSubsetsResult e2 && e2.reused();
      listener.stageDone(name, (reused ? "(already complete: reused) " : "") + metrics);
      return result;
    } catch (Exception | Error e) {
      run.end(RunStatus.FAILED);
      throw e;
    } finally {
      run.close();
    }
  }

  private Path writeSources(Path dir) {
    List<SourceSet.Source> list = new ArrayList<>();
    for (RunConfig.SourceEntry s : config.sources()) {
      list.add(
          new SourceSet.Source(s.name(), RunConfig.resolve(configFile, s.path()).toString(), null));
    }
    RunConfig.Target t = config.target();
    SourceSet.write(
        dir,
        new SourceSet.Splits(
            RunConfig.resolve(configFile, t.train()).toString(),
            RunConfig.resolve(configFile, t.validation()).toString(),
            RunConfig.resolve(configFile, t.test()).toString()),
        list);
    return dir;
  }

  private Path baseModel(Path out, Device device) {
    if (config.model().dir() != null) {
      return RunConfig.resolve(configFile, config.model().dir());
    }
    RunConfig.Tiny tiny = config.model().tiny();
    Path corpus =
        tiny.pretrainData() == null ? null : RunConfig.resolve(configFile, tiny.pretrainData());
    return TinyBase.create(
        out.resolve("base-model"), tiny, corpus, config.seed(), device, listener);
  }

  private LoraJob.Settings settings(RunConfig.Training t) {
    return new LoraJob.Settings(
        t.epochs(),
        t.learningRate(),
        t.batchSize(),
        config.lora().rank(),
        config.lora().alpha(),
        config.lora().targets(),
        0,
        config.seed());
  }

  private EstimateSubsetsConfig estimateConfig(Path store, Path out) {
    RunConfig.Estimate e = config.estimate();
    EstimatorConfig.Builder est = EstimatorConfig.builder().optSeed(config.seed());
    if (e.lambda() != null) {
      est.optLambda(e.lambda());
    }
    return EstimateSubsetsConfig.builder()
        .setStore(store)
        .setOut(out.resolve("estimate"))
        .optSubsets(e.subsets())
        .optAlpha(e.alpha())
        .optMode(e.mode())
        .optSelect(e.select())
        .optSeed(config.seed())
        .optEstimator(est.build())
        .build();
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
