package dev.gradex.kfp.cli;

import dev.gradex.kfp.gradex.GradexPipeline;
import dev.gradex.kfp.gradex.ImageDigests;
import dev.gradex.kfp.gradex.ImageNames;
import dev.gradex.kfp.gradex.PipelineOptions;
import dev.gradex.kfp.ir.IrCompiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradex compile-pipeline}: writes the GradEx pipeline as KFP IR YAML. */
@Command(
    name = "compile-pipeline",
    mixinStandardHelpOptions = true,
    description = {
      "Compiles the GradEx Kubeflow pipeline to KFP IR YAML.",
      "The file holds PipelineSpec 2.1.0 plus the Kubernetes platform document; upload it in",
      "the KFP UI or with 'gradex submit'.",
      "The committed copy is pipelines/gradex-pipeline.yaml (default options)."
    })
public final class CompilePipelineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, description = "Output YAML file.")
  Path out;

  @Option(names = "--registry", description = "Image registry prefix (default: ${DEFAULT-VALUE}).")
  String registry = ImageNames.DEFAULT_REGISTRY;

  @Option(names = "--tag", description = "Image tag (default: ${DEFAULT-VALUE}).")
  String tag = ImageNames.DEFAULT_TAG;

  @Option(
      names = "--extract-parallelism",
      description = "Gradient shards running at once; 0 = unlimited (default: ${DEFAULT-VALUE}).")
  int extractParallelism = 4;

  @Option(
      names = "--gpu-type",
      description = "Accelerator resource of GPU steps (default: ${DEFAULT-VALUE}).")
  String gpuType = "nvidia.com/gpu";

  @Option(
      names = "--gpu-node-selector",
      description = "LABEL=VALUE node selector for GPU steps (repeatable).")
  Map<String, String> gpuNodeSelector = new LinkedHashMap<>();

  @Option(
      names = "--gpu-tolerations",
      description =
          "JSON list of further tolerations of GPU steps, as in a pod spec"
              + " ([{key, operator, value, effect}]; Helm: gpu.tolerations | toJson); the GPU"
              + " type's own toleration is always there.")
  String gpuTolerations;

  @Option(
      names = "--image-digests",
      description =
          "Pin images by digest: a build tree (reads components/<component>/target/"
              + "jib-image.digest, written by mvn -Pimages package) or a file of"
              + " <component>=sha256:<hex> lines. Images without a digest keep --tag.")
  Path imageDigests;

  @Option(
      names = "--image-digest",
      description = "COMPONENT=sha256:<hex> for one image (repeatable; wins over --image-digests).")
  Map<String, String> imageDigest = new LinkedHashMap<>();

  @Option(
      names = "--mlflow-secret",
      description =
          "Secret with MLflow username/password, exposed as env, optional (default:"
              + " ${DEFAULT-VALUE}; 'none' to omit).")
  String mlflowSecret = PipelineOptions.DEFAULT_MLFLOW_SECRET;

  @Option(names = "--cache-pvc", description = "PVC mounted at /cache on GPU steps.")
  String cachePvc;

  @Option(
      names = "--object-store-secret",
      description =
          "Secret (in the run's namespace) whose keys every step gets as env: object-store"
              + " credentials for s3:// URIs, read by KFP's launcher and the components. Omit on"
              + " IRSA / workload identity.")
  String objectStoreSecret;

  @Option(
      names = "--object-store-secret-key",
      description =
          "KEY=ENV: expose secret key KEY as variable ENV (repeatable; replaces the default"
              + " accesskey=AWS_ACCESS_KEY_ID, secretkey=AWS_SECRET_ACCESS_KEY, the layout of"
              + " KFP's mlpipeline-minio-artifact secret).")
  Map<String, String> objectStoreSecretKey = new LinkedHashMap<>();

  @Option(
      names = "--object-store-endpoint",
      description =
          "S3-compatible endpoint URL set as AWS_ENDPOINT_URL on every step (e.g."
              + " http://minio-service.kubeflow:9000).")
  String objectStoreEndpoint;

  @Option(names = "--object-store-region", description = "AWS_REGION on every step.")
  String objectStoreRegion;

  /** Entry point used by the build to regenerate the pipeline YAML. */
  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new CompilePipelineCommand()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    String yaml;
    try {
      PipelineOptions.Builder b =
          PipelineOptions.builder()
              .optImages(images(err))
              .optExtractParallelism(extractParallelism)
              .optGpuType(gpuType)
              .optMlflowSecret("none".equals(mlflowSecret) ? null : mlflowSecret)
              .optCachePvc(cachePvc)
              .optObjectStoreSecret(objectStoreSecret)
              .optObjectStoreEndpoint(objectStoreEndpoint)
              .optObjectStoreRegion(objectStoreRegion);
      objectStoreSecretKey.forEach(b::optObjectStoreKey);
      gpuNodeSelector.forEach(b::optGpuNodeSelector);
      Tolerations.parse(gpuTolerations).forEach(b::optGpuToleration);
      yaml = IrCompiler.compile(GradexPipeline.build(b.build())).toYaml();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("compile-pipeline: " + e.getMessage());
      return 2;
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, yaml, StandardCharsets.UTF_8);
    spec.commandLine().getOut().println("wrote " + out);
    return 0;
  }

  /** Tags, with the digests given; warns about components left on a tag when some are pinned. */
  private ImageNames images(PrintWriter err) {
    Map<String, String> digests = new TreeMap<>();
    if (imageDigests != null) {
      digests.putAll(ImageDigests.read(imageDigests));
    }
    digests.putAll(imageDigest);
    ImageNames images = new ImageNames(registry, tag, digests);
    if (!digests.isEmpty()) {
      List<String> unpinned =
          ImageNames.COMPONENTS.stream().filter(c -> !digests.containsKey(c)).toList();
      if (!unpinned.isEmpty()) {
        err.println(
            "compile-pipeline: warning: "
                + unpinned
                + " keep the tag '"
                + tag
                + "' (no digest given); build them with -Pimages or pass --image-digest");
      }
    }
    return images;
  }
}
