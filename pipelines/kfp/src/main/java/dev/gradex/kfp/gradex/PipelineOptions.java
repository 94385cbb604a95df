package dev.gradex.kfp.gradex;

import dev.gradex.kfp.dsl.KubernetesSettings;
import dev.gradex.kfp.dsl.KubernetesSettings.Toleration;
import dev.gradex.kfp.dsl.Resources;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compile-time options of the GradEx pipeline: what a cluster admin decides once (images, GPU type,
 * scheduling, secrets, volumes), as opposed to the per-run pipeline parameters.
 */
public final class PipelineOptions {
  /** Where the cache PVC is mounted (GPU steps and the merge step). */
  public static final String CACHE_MOUNT = "/cache";

  /** Secret holding MLflow credentials; optional, so clusters without it still run. */
  public static final String DEFAULT_MLFLOW_SECRET = "gradex-mlflow";

  private final ImageNames images;
  private final int extractParallelism;
  private final String gpuType;
  private final Map<String, String> gpuNodeSelector;
  private final List<Toleration> gpuTolerations;
  private final String mlflowSecret;
  private final String cachePvc;

  private PipelineOptions(Builder b) {
    images = b.images;
    extractParallelism = b.extractParallelism;
    gpuType = b.gpuType;
    gpuNodeSelector = Map.copyOf(b.gpuNodeSelector);
    gpuTolerations = List.copyOf(b.gpuTolerations);
    mlflowSecret = b.mlflowSecret;
    cachePvc = b.cachePvc;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static PipelineOptions defaults() {
    return builder().build();
  }

  public ImageNames images() {
    return images;
  }

  /** How many extract-gradients shards run at once (the ParallelFor's parallelism). */
  public int extractParallelism() {
    return extractParallelism;
  }

  Resources gpuResources() {
    return Resources.builder()
        .optCpu("4", "8")
        .optMemory("32Gi", "48Gi")
        .optAccelerator(gpuType, 1)
        .build();
  }

  /**
   * GPU steps: tolerate the GPU taint and any further tolerations, optional node selector, MLflow
   * secret, cache volume.
   */
  KubernetesSettings gpuKubernetes() {
    KubernetesSettings.Builder k = KubernetesSettings.builder();
    Set<Toleration> tolerations = new LinkedHashSet<>();
    tolerations.add(Toleration.exists(gpuType));
    tolerations.addAll(gpuTolerations);
    tolerations.forEach(k::optToleration);
    gpuNodeSelector.forEach(k::optNodeSelector);
    common(k);
    if (cachePvc != null) {
      k.optPvcMount(cachePvc, CACHE_MOUNT);
    }
    return k.build();
  }

  /** The merge step (CPU): the cache volume, where it publishes for incremental runs. */
  KubernetesSettings mergeKubernetes() {
    KubernetesSettings.Builder k = KubernetesSettings.builder();
    if (cachePvc != null) {
      k.optPvcMount(cachePvc, CACHE_MOUNT);
    }
    return k.build();
  }

  KubernetesSettings cpuKubernetes() {
    KubernetesSettings.Builder k = KubernetesSettings.builder();
    common(k);
    return k.build();
  }

  private void common(KubernetesSettings.Builder k) {
    if (mlflowSecret != null) {
      k.optSecretAsEnv(
          mlflowSecret,
          Map.of("username", "MLFLOW_TRACKING_USERNAME", "password", "MLFLOW_TRACKING_PASSWORD"),
          true);
    }
  }

  /** Builder: every option has a default. */
  public static final class Builder {
    private ImageNames images = ImageNames.defaults();
    private int extractParallelism = 4;
    private String gpuType = "nvidia.com/gpu";
    private final Map<String, String> gpuNodeSelector = new TreeMap<>();
    private final List<Toleration> gpuTolerations = new ArrayList<>();
    private String mlflowSecret = DEFAULT_MLFLOW_SECRET;
    private String cachePvc;

    private Builder() {}

    public Builder optImages(ImageNames images) {
      this.images = images;
      return this;
    }

    public Builder optExtractParallelism(int parallelism) {
      this.extractParallelism = parallelism;
      return this;
    }

    public Builder optGpuType(String gpuType) {
      this.gpuType = gpuType;
      return this;
    }

    public Builder optGpuNodeSelector(String label, String value) {
      gpuNodeSelector.put(label, value);
      return this;
    }

    /** A toleration of GPU steps besides the GPU taint's (e.g. a dedicated node pool's). */
    public Builder optGpuToleration(Toleration toleration) {
      gpuTolerations.add(toleration);
      return this;
    }

    /** Secret with {@code username}/{@code password} for MLflow; null for none. */
    public Builder optMlflowSecret(String secretName) {
      this.mlflowSecret = secretName;
      return this;
    }

    /**
     * A PVC mounted at /cache on GPU steps (model and tokenizer cache) and on the merge step (the
     * reuse directory of incremental runs lives on it); null for none.
     */
    public Builder optCachePvc(String claimName) {
      this.cachePvc = claimName;
      return this;
    }

    public PipelineOptions build() {
      if (extractParallelism < 0) {
        throw new IllegalArgumentException(
            "extract parallelism must be >= 0 (0 = unlimited), got " + extractParallelism);
      }
      if (gpuType == null || !gpuType.contains("/")) {
        throw new IllegalArgumentException(
            "gpu type '" + gpuType + "' must be a resource name such as nvidia.com/gpu");
      }
      return new PipelineOptions(this);
    }
  }
}
