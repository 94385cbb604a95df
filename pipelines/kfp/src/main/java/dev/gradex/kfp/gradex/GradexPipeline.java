package dev.gradex.kfp.gradex;

import static dev.gradex.kfp.dsl.ParameterType.NUMBER_INTEGER;
import static dev.gradex.kfp.dsl.ParameterType.STRING;

import dev.gradex.component.settings.Component;
import dev.gradex.kfp.dsl.ArtifactType;
import dev.gradex.kfp.dsl.Importer;
import dev.gradex.kfp.dsl.ParallelFor;
import dev.gradex.kfp.dsl.Pipeline;
import dev.gradex.kfp.dsl.PipelineParameter;
import dev.gradex.kfp.dsl.RetryPolicy;
import dev.gradex.kfp.dsl.Task;
import dev.gradex.kfp.dsl.Value;
import java.util.List;

/**
 * The GradEx pipeline (Li et al., "Scalable Fine-tuning from Multiple Data Sources: A First-Order
 * Approximation Approach", EMNLP Findings 2024): import sources and base model, meta-train (GPU),
 * extract gradients over K shards in a ParallelFor (GPU) and merge them, estimate subsets (CPU),
 * fine-tune on the selection (GPU), then register and promote in MLflow. Every knob is a pipeline
 * parameter with a default.
 *
 * <p>Caching is correct by construction: every step caches, and KFP's cache key (the MLMD ids of
 * the input artifacts, the input parameter values, the output specs, image, command and args, the
 * PVC names) changes whenever anything a step depends on changes. {@code source_digests} (content
 * digests of the sources) reaches every data-consuming task, so new data under the same URI never
 * hits a stale entry; importers do not re-import, so the same URI stays the same artifact and a
 * cache hit upstream hands the same artifact ids downstream. A second run with unchanged data and
 * settings is therefore served from cache from meta-train through promote (no GPU step re-runs),
 * and a change re-runs exactly the steps that consume it and everything downstream (an upstream
 * miss gives new artifact ids, which change every downstream key; BackendCacheKeyTest reproduces
 * the backend's rule over the compiled YAML).
 *
 * <p>The two steps with effects outside their outputs cache too:
 *
 * <ul>
 *   <li>merge-stores publishes the store and theta* to {@code reuse_dir} when set. A hit means an
 *       execution with the same inputs (the same shard and adapter artifacts, digests, shard count,
 *       {@code only_sources}, {@code reuse_dir}, PVC) succeeded, and it published only after a
 *       successful merge, so the same publication already happened. If a later run with other
 *       inputs has replaced it since, the directory still holds a consistent pair (theta* with the
 *       store taken at it, replaced entry by entry by rename) whose store manifest names its
 *       sources and digests, and an incremental merge refuses a changed or removed source, so
 *       nothing stale is mixed in silently. To republish (e.g. after the volume was wiped) run once
 *       with caching off.
 *   <li>promote registers the adapter in MLflow and moves the champion alias when it beats the live
 *       champion. Registration is not idempotent (each execution creates a new model version), so
 *       re-running it for the same adapter would add duplicate versions; a hit means this very
 *       adapter (same artifact id, same metrics) was already registered and compared under the same
 *       model name, alias and metric. The champion can only have moved since to a version that beat
 *       it, or by hand; to re-compare against the live champion run with caching off.
 * </ul>
 *
 * <p>Incremental reselection has no branch (the IR compiler has no conditions): {@code
 * only_sources} and {@code reuse_dir} change what the steps do. meta-train copies theta* from the
 * reuse directory, extract-gradients extracts only the new sources, and merge-stores extends the
 * stored store with them; a full run with a reuse directory publishes its store and theta* there.
 */
public final class GradexPipeline {
  public static final String NAME = "gradex";

  private GradexPipeline() {}

  /** The pipeline with default options. */
  public static Pipeline build() {
    return build(PipelineOptions.defaults());
  }

  public static Pipeline build(PipelineOptions o) {
    GradexComponents c = new GradexComponents(o.images());
    Pipeline.Builder p =
        Pipeline.builder()
            .setName(NAME)
            .optDescription(
                "GradEx: select auxiliary data sources for LLM fine-tuning by first-order"
                    + " estimation, fine-tune on the selection and promote the adapter in MLflow.");
    PipelineParameter sourcesUri = p.addParameter("sources_uri", STRING, "s3://gradex/sources/");
    PipelineParameter modelUri =
        p.addParameter("base_model_uri", STRING, "s3://gradex/models/base/");
    PipelineParameter digests = p.addParameter("source_digests", STRING, "");
    // Every catalog setting the pipeline takes: its name (section_name) and default from there.
    CatalogParameters settings = CatalogParameters.declare(p);
    PipelineParameter shards =
        p.addListParameter("shard_indices", NUMBER_INTEGER, List.of(0, 1, 2, 3));
    PipelineParameter shardCount = p.addParameter("shard_count", NUMBER_INTEGER, 4);
    PipelineParameter mlflow = p.addParameter("mlflow_tracking_uri", STRING, "");
    PipelineParameter modelName = p.addParameter("registered_model_name", STRING, "gradex-adapter");
    PipelineParameter alias = p.addParameter("champion_alias", STRING, "champion");
    PipelineParameter metric = p.addParameter("promote_metric", STRING, "validation_loss");
    // Incremental reselection (set by gradex watch): the new sources to extract alone at the last
    // full run's theta*, and the directory on the cache volume holding that theta* and its store.
    PipelineParameter onlySources = p.addParameter("only_sources", STRING, "");
    PipelineParameter reuseDir = p.addParameter("reuse_dir", STRING, "");

    Importer sources =
        Importer.builder()
            .setName("import-sources")
            .setUri(sourcesUri.value())
            .setType(ArtifactType.DATASET)
            .optMetadata("source_digests", digests.value())
            .build();
    Importer model =
        Importer.builder()
            .setName("import-base-model")
            .setUri(modelUri.value())
            .setType(ArtifactType.MODEL)
            .build();
    Task metaTrain =
        settings
            .bind(
                gpu(o, "meta-train")
                    .setComponent(c.metaTrain())
                    .optInput("sources", sources.output())
                    .optInput("base_model", model.output())
                    .optInput("source_digests", digests.value())
                    .optInput("only_sources", onlySources.value())
                    .optInput("reuse_dir", reuseDir.value()),
                Component.META_TRAIN)
            .build();
    ParallelFor.Builder fanOut = ParallelFor.over(shards).optParallelism(o.extractParallelism());
    Task extract =
        settings
            .bind(
                gpu(o, "extract-gradients")
                    .setComponent(c.extractGradients())
                    .optInput("sources", sources.output())
                    .optInput("base_model", model.output())
                    .optInput("adapter", metaTrain.output("adapter"))
                    .optInput("source_digests", digests.value())
                    .optInput("shard_index", fanOut.item())
                    .optInput("shard_count", shardCount.value())
                    .optInput("only_sources", onlySources.value()),
                Component.EXTRACT_GRADIENTS)
            .build();
    Task merge =
        step(o, "merge-stores")
            .setComponent(c.mergeStores())
            .optInput("shards", Value.collected(extract.output("store")))
            .optInput("adapter", metaTrain.output("adapter"))
            .optInput("source_digests", digests.value())
            .optInput("shard_count", shardCount.value())
            .optInput("only_sources", onlySources.value())
            .optInput("reuse_dir", reuseDir.value())
            // Cached: a hit means the same publication to reuse_dir already happened (class doc).
            .optResources(GradexComponents.MERGE_STEP)
            .optRetry(RetryPolicy.of(2))
            .optKubernetes(o.mergeKubernetes())
            .build();
    Task estimate =
        settings
            .bind(
                step(o, "estimate-subsets")
                    .setComponent(c.estimateSubsets())
                    .optInput("store", merge.output("store"))
                    .optInput("source_digests", digests.value()),
                Component.ESTIMATE_SUBSETS)
            .optResources(GradexComponents.ESTIMATE_STEP)
            .optRetry(RetryPolicy.of(2))
            .optKubernetes(o.estimateKubernetes())
            .build();
    Task fineTune =
        settings
            .bind(
                gpu(o, "fine-tune")
                    .setComponent(c.fineTune())
                    .optInput("sources", sources.output())
                    .optInput("base_model", model.output())
                    .optInput("selection", estimate.output("selection"))
                    .optInput("source_digests", digests.value()),
                Component.FINE_TUNE)
            .build();
    Task promote =
        step(o, "promote")
            .setComponent(c.promote())
            .optInput("adapter", fineTune.output("adapter"))
            .optInput("metrics", fineTune.output("metrics"))
            .optInput("selection", estimate.output("selection"))
            .optInput("source_digests", digests.value())
            .optInput("mlflow_tracking_uri", mlflow.value())
            .optInput("registered_model_name", modelName.value())
            .optInput("alias", alias.value())
            .optInput("metric", metric.value())
            // Cached: registering the same adapter again would only add a duplicate version.
            .optResources(GradexComponents.PROMOTE_STEP)
            .optRetry(RetryPolicy.of(1))
            .optKubernetes(o.cpuKubernetes())
            .build();
    return p.addNode(sources)
        .addNode(model)
        .addNode(metaTrain)
        .addNode(fanOut.addTask(extract).build())
        .addNode(merge)
        .addNode(estimate)
        .addNode(fineTune)
        .addNode(promote)
        .build();
  }

  private static Task.Builder gpu(PipelineOptions o, String name) {
    return step(o, name)
        .optResources(o.gpuResources())
        .optRetry(RetryPolicy.of(2))
        .optKubernetes(o.gpuKubernetes());
  }

  /** Every step: the object-store endpoint and region in its environment, when set. */
  private static Task.Builder step(PipelineOptions o, String name) {
    Task.Builder b = Task.builder().setName(name);
    o.stepEnv().forEach(b::optEnv);
    return b;
  }
}
