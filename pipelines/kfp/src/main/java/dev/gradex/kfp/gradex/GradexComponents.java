package dev.gradex.kfp.gradex;

import static dev.gradex.kfp.dsl.ArtifactType.DATASET;
import static dev.gradex.kfp.dsl.ArtifactType.HTML;
import static dev.gradex.kfp.dsl.ArtifactType.MARKDOWN;
import static dev.gradex.kfp.dsl.ArtifactType.METRICS;
import static dev.gradex.kfp.dsl.ArtifactType.MODEL;
import static dev.gradex.kfp.dsl.ParameterType.NUMBER_INTEGER;
import static dev.gradex.kfp.dsl.ParameterType.STRING;
import static dev.gradex.kfp.dsl.Placeholders.executorInput;
import static dev.gradex.kfp.dsl.Placeholders.inputPath;
import static dev.gradex.kfp.dsl.Placeholders.inputValue;
import static dev.gradex.kfp.dsl.Placeholders.outputPath;

import dev.gradex.component.settings.Component;
import dev.gradex.kfp.dsl.ContainerComponent;
import dev.gradex.kfp.dsl.Resources;
import java.util.ArrayList;
import java.util.List;

/**
 * <b>The contract the component mains must follow.</b> One place defines, for each GradEx step, its
 * image, main class, command-line flags, typed KFP inputs and outputs and default resources. The
 * inputs that are settings of the catalog ({@link dev.gradex.component.settings.Settings}: seed,
 * data, lora and the stage's own section) are declared and passed by {@link CatalogParameters}: the
 * input is the flag in snake_case, the flag the component's own ({@code --lora-rank}).
 *
 * <p>Conventions every main follows:
 *
 * <ul>
 *   <li>Command: {@code java <NativeCrashFlags> -cp @/app/jib-classpath-file <Main>} (a native
 *       crash leaves {@code /tmp/hs_err_pid<pid>.log} and prints it with how to resume), then the
 *       flags below, always as {@code --flag value} pairs in kebab-case, one flag per knob. The
 *       images have no entrypoint (Jib {@code INHERIT} from a base without one), so the command
 *       runs as given both where KFP sets command and args (Kubernetes) and where it passes them as
 *       the container's CMD ({@code kfp.local}'s DockerRunner); without arguments an image prints
 *       its main's help.
 *   <li>Flags ending in {@code -out} name a local path the program creates (a directory for Dataset
 *       and Model artifacts; a file for Metrics, HTML and Markdown artifacts).
 *   <li>{@code --source-digests} (JSON object or comma list of {@code task=sha256}) is passed to
 *       every data-consuming step, so KFP's cache key changes whenever the data does; a step checks
 *       it against the manifests of its inputs and refuses a mismatch, naming the task.
 *   <li>Every step receives {@code --kfp-executor-input '{{$}}'} (KFP's executor input JSON). It
 *       checks before any work that it names an output file ({@code outputs.outputFile}) and each
 *       of the step's output artifacts, and at the end writes there, atomically, KFP's
 *       ExecutorOutput JSON listing every output artifact as {@code artifacts.<name>.artifacts[
 *       {name, uri, metadata}]} with the provisioned uri: {@code kfp.local} knows a task's outputs
 *       only from this file, and the backend launcher merges its metadata into the recorded
 *       artifact. A Metrics output carries the metrics as its metadata (the KFP UI shows them; they
 *       also go as JSON to {@code --metrics-out}); a store carries its size. Outside KFP the flag
 *       is omitted and only the {@code -out} paths are written.
 *   <li>{@code merge-stores} takes the shards collected from the ParallelFor from the executor
 *       input, {@code inputs.artifacts.shards.artifacts[*]}, as the SDK's own components read an
 *       artifact list: the OSS backend (2.17) substitutes no placeholder for a list of artifacts,
 *       but its launcher downloads each one. Each {@code uri} maps to a local path by the
 *       launcher's rules ({@code customPath} first; {@code s3://} to {@code /s3/}, {@code minio://}
 *       to {@code /minio/}, {@code gs://} to {@code /gcs/}, {@code oci://} to the Modelcar's {@code
 *       /oci/.../models}; under {@code /kfp-workspace/.artifacts} if flagged {@code
 *       _kfp_workspace}); a plain absolute path, as {@code kfp.local} gives, is used as is. Outside
 *       KFP {@code --shards} lists the shard directories instead.
 *   <li>Steps are idempotent: a complete output that matches its manifest is left as is, so KFP
 *       retries are safe.
 * </ul>
 */
public final class GradexComponents {
  /** Jib writes the class path here; {@code @file} is the JVM's argument-file syntax. */
  public static final String JIB_CLASSPATH = "@/app/jib-classpath-file";

  public static final String META_TRAIN_MAIN = "dev.gradex.metatrain.MetaTrainMain";
  public static final String EXTRACT_MAIN = "dev.gradex.extract.ExtractGradientsMain";
  public static final String MERGE_MAIN = "dev.gradex.extract.MergeStoreMain";
  public static final String ESTIMATE_MAIN = "dev.gradex.estimate.EstimateSubsetsMain";
  public static final String FINE_TUNE_MAIN = "dev.gradex.finetune.FineTuneMain";
  public static final String PROMOTE_MAIN = "dev.gradex.finetune.PromoteMain";

  public static final Resources MERGE_STEP =
      Resources.builder().optCpu("1", "2").optMemory("4Gi", "8Gi").build();
  public static final Resources ESTIMATE_STEP =
      Resources.builder().optCpu("4", "8").optMemory("8Gi", "16Gi").build();
  public static final Resources PROMOTE_STEP =
      Resources.builder().optCpu("500m", "1").optMemory("1Gi", "2Gi").build();

  private final ImageNames images;

  public GradexComponents(ImageNames images) {
    this.images = images;
  }

  public ImageNames images() {
    return images;
  }

  /**
   * Stage 1: multitask LoRA meta-training on all tasks (GPU). With {@code only_sources} set
   * (incremental reselection) it copies theta* of the last full run from {@code reuse_dir} instead.
   */
  public ContainerComponent metaTrain() {
    return CatalogParameters.inputs(java(images.metaTrain(), META_TRAIN_MAIN), Component.META_TRAIN)
        .optInputArtifact("sources", DATASET)
        .optInputArtifact("base_model", MODEL)
        .optInputParameter("source_digests", STRING)
        .optInputParameter("only_sources", STRING)
        .optInputParameter("reuse_dir", STRING)
        .optOutputArtifact("adapter", MODEL)
        .optOutputArtifact("metrics", METRICS)
        .optArgs("--sources", inputPath("sources"), "--base-model", inputPath("base_model"))
        .optArgs(flags("source_digests", "only_sources", "reuse_dir"))
        .optArgs(CatalogParameters.flags(Component.META_TRAIN))
        .optArgs("--adapter-out", outputPath("adapter"), "--metrics-out", outputPath("metrics"))
        .optArgs("--kfp-executor-input", executorInput())
        .build();
  }

  /**
   * Stage 2: per-example projected gradients of shard k of K (GPU, fanned out); of the sources in
   * {@code only_sources} alone when it is set.
   */
  public ContainerComponent extractGradients() {
    return CatalogParameters.inputs(
            java(images.extractGradients(), EXTRACT_MAIN), Component.EXTRACT_GRADIENTS)
        .optInputArtifact("sources", DATASET)
        .optInputArtifact("base_model", MODEL)
        .optInputArtifact("adapter", MODEL)
        .optInputParameter("source_digests", STRING)
        .optInputParameter("shard_index", NUMBER_INTEGER)
        .optInputParameter("shard_count", NUMBER_INTEGER)
        .optInputParameter("only_sources", STRING)
        .optOutputArtifact("store", DATASET)
        .optArgs("--sources", inputPath("sources"), "--base-model", inputPath("base_model"))
        .optArgs("--adapter", inputPath("adapter"))
        .optArgs(flags("source_digests", "shard_index", "shard_count", "only_sources"))
        .optArgs(CatalogParameters.flags(Component.EXTRACT_GRADIENTS))
        .optArgs("--store-out", outputPath("store"))
        .optArgs("--kfp-executor-input", executorInput())
        .build();
  }

  /**
   * Merges the shards collected from the fan-out into one validated store (CPU); it reads the
   * shards from the executor input (see above). With {@code only_sources} set the shards extend the
   * store in {@code reuse_dir}; with {@code reuse_dir} set the merged store and its adapter are
   * published there for the next incremental run.
   */
  public ContainerComponent mergeStores() {
    return java(images.extractGradients(), MERGE_MAIN)
        .optInputArtifactList("shards", DATASET)
        .optInputArtifact("adapter", MODEL)
        .optInputParameter("source_digests", STRING)
        .optInputParameter("shard_count", NUMBER_INTEGER)
        .optInputParameter("only_sources", STRING)
        .optInputParameter("reuse_dir", STRING)
        .optOutputArtifact("store", DATASET)
        .optArgs("--adapter", inputPath("adapter"))
        .optArgs(flags("source_digests", "shard_count", "only_sources", "reuse_dir"))
        .optArgs("--store-out", outputPath("store"))
        .optArgs("--kfp-executor-input", executorInput())
        .build();
  }

  /**
   * Stages 3 and 4 on CPU. {@code --store --out --subsets --alpha --seed --mode --lambda --select
   * --scoring} exist; {@code --source-digests}, {@code --report-html}, {@code --metrics-out} and
   * {@code --kfp-executor-input} are the additions this contract asks for (report.html and the
   * metrics are written to their own artifact paths so the KFP UI shows them).
   */
  public ContainerComponent estimateSubsets() {
    return CatalogParameters.inputs(
            java(images.estimateSubsets(), ESTIMATE_MAIN), Component.ESTIMATE_SUBSETS)
        .optInputArtifact("store", DATASET)
        .optInputParameter("source_digests", STRING)
        .optOutputArtifact("selection", DATASET)
        .optOutputArtifact("report", HTML)
        .optOutputArtifact("metrics", METRICS)
        .optArgs("--store", inputPath("store"), "--out", outputPath("selection"))
        .optArgs(flags("source_digests"))
        .optArgs(CatalogParameters.flags(Component.ESTIMATE_SUBSETS))
        .optArgs("--report-html", outputPath("report"), "--metrics-out", outputPath("metrics"))
        .optArgs("--kfp-executor-input", executorInput())
        .build();
  }

  /** Fine-tunes the base model on the target plus the selected sources (GPU). */
  public ContainerComponent fineTune() {
    return CatalogParameters.inputs(java(images.fineTune(), FINE_TUNE_MAIN), Component.FINE_TUNE)
        .optInputArtifact("sources", DATASET)
        .optInputArtifact("base_model", MODEL)
        .optInputArtifact("selection", DATASET)
        .optInputParameter("source_digests", STRING)
        .optOutputArtifact("adapter", MODEL)
        .optOutputArtifact("metrics", METRICS)
        .optArgs("--sources", inputPath("sources"), "--base-model", inputPath("base_model"))
        .optArgs("--selection", inputPath("selection"))
        .optArgs(flags("source_digests"))
        .optArgs(CatalogParameters.flags(Component.FINE_TUNE))
        .optArgs("--adapter-out", outputPath("adapter"), "--metrics-out", outputPath("metrics"))
        .optArgs("--kfp-executor-input", executorInput())
        .build();
  }

  /**
   * Registers the adapter in MLflow and moves {@code alias} to it only if {@code metric} beats the
   * current holder (lower is better for losses). Writes a Markdown summary for the KFP UI.
   */
  public ContainerComponent promote() {
    return java(images.fineTune(), PROMOTE_MAIN)
        .optInputArtifact("adapter", MODEL)
        .optInputArtifact("metrics", METRICS)
        .optInputArtifact("selection", DATASET)
        .optInputParameter("source_digests", STRING)
        .optInputParameter("mlflow_tracking_uri", STRING)
        .optInputParameter("registered_model_name", STRING)
        .optInputParameter("alias", STRING)
        .optInputParameter("metric", STRING)
        .optOutputArtifact("summary", MARKDOWN)
        .optArgs("--adapter", inputPath("adapter"), "--metrics", inputPath("metrics"))
        .optArgs("--selection", inputPath("selection"))
        .optArgs(flags("source_digests", "mlflow_tracking_uri", "registered_model_name"))
        .optArgs(flags("alias", "metric"))
        .optArgs("--summary-out", outputPath("summary"))
        .optArgs("--kfp-executor-input", executorInput())
        .build();
  }

  private static ContainerComponent.Builder java(String image, String mainClass) {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(NativeCrashFlags.jvmOptions(NativeCrashFlags.POD_DIR));
    command.addAll(List.of("-cp", JIB_CLASSPATH, mainClass));
    return ContainerComponent.builder().setImage(image).setCommand(command);
  }

  /** {@code --kebab-name {{input}}} for each snake_case input parameter. */
  static String[] flags(String... inputs) {
    String[] out = new String[inputs.length * 2];
    for (int i = 0; i < inputs.length; i++) {
      out[2 * i] = "--" + inputs[i].replace('_', '-');
      out[2 * i + 1] = inputValue(inputs[i]);
    }
    return out;
  }
}
