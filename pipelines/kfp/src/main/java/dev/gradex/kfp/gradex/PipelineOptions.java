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

  /**
   * Object-store secret keys mapped by default: the layout of KFP's own MinIO secret ({@code
   * mlpipeline-minio-artifact}) to the variables every AWS SDK (and KFP's launcher) reads.
   */
  public static final Map<String, String> DEFAULT_OBJECT_STORE_KEYS =
      Map.of("accesskey", "AWS_ACCESS_KEY_ID", "secretkey", "AWS_SECRET_ACCESS_KEY");

  /** The uid and gid of every GradEx image (Jib {@code <user>} in components/pom.xml). */
  public static final long IMAGE_USER = 65532;

  /**
   * Where every step gets an emptyDir: the JVM's and DJL's temporary files (DJL_CACHE_DIR is
   * /tmp/.djl.ai in the model images, where it unpacks libtorch). KFP itself gives each step
   * emptyDirs at /kfp-launcher, /gcs, /minio, /s3, /.local, /.cache and /.config, so with this one
   * nothing a step writes is on the image's root filesystem.
   */
  public static final String TMP_MOUNT = "/tmp";

  /** Secret holding MLflow credentials; optional, so clusters without it still run. */
  public static final String DEFAULT_MLFLOW_SECRET = "gradex-mlflow";

  private final ImageNames images;
  private final int extractParallelism;
  private final String gpuType;
  private final Map<String, String> gpuNodeSelector;
  private final List<Toleration> gpuTolerations;
  private final String mlflowSecret;
  private final String cachePvc;
  private final String objectStoreSecret;
  private final Map<String, String> objectStoreKeys;
  private final String objectStoreEndpoint;
  private final String objectStoreRegion;

  private PipelineOptions(Builder b) {
    images = b.images;
    extractParallelism = b.extractParallelism;
    gpuType = b.gpuType;
    gpuNodeSelector = Map.copyOf(b.gpuNodeSelector);
    gpuTolerations = List.copyOf(b.gpuTolerations);
    mlflowSecret = b.mlflowSecret;
    cachePvc = b.cachePvc;
    objectStoreSecret = b.objectStoreSecret;
    objectStoreKeys =
        new TreeMap<>(b.objectStoreKeys.isEmpty() ? DEFAULT_OBJECT_STORE_KEYS : b.objectStoreKeys);
    objectStoreEndpoint = b.objectStoreEndpoint;
    objectStoreRegion = b.objectStoreRegion;
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
    hardening(k);
    return k.build();
  }

  /** The merge step (CPU): the cache volume, where it publishes for incremental runs. */
  KubernetesSettings mergeKubernetes() {
    KubernetesSettings.Builder k = KubernetesSettings.builder();
    if (cachePvc != null) {
      k.optPvcMount(cachePvc, CACHE_MOUNT);
    }
    objectStore(k);
    hardening(k);
    return k.build();
  }

  /** The estimate step (CPU): object-store access only. */
  KubernetesSettings estimateKubernetes() {
    KubernetesSettings.Builder k = KubernetesSettings.builder();
    objectStore(k);
    hardening(k);
    return k.build();
  }

  KubernetesSettings cpuKubernetes() {
    KubernetesSettings.Builder k = KubernetesSettings.builder();
    common(k);
    hardening(k);
    return k.build();
  }

  /**
   * Environment of every step: the object-store endpoint and region, when set. KFP's launcher runs
   * in the step's container and opens s3:// buckets with these and the secret's credentials
   * (AWS_ENDPOINT_URL is read by the AWS SDKs for Go v2, Java v2 and Python).
   */
  Map<String, String> stepEnv() {
    Map<String, String> env = new TreeMap<>();
    if (objectStoreEndpoint != null) {
      env.put("AWS_ENDPOINT_URL", objectStoreEndpoint);
    }
    if (objectStoreRegion != null) {
      env.put("AWS_REGION", objectStoreRegion);
    }
    return env;
  }

  /** The object-store secret's keys as environment variables (kfp-kubernetes use_secret_as_env). */
  private void objectStore(KubernetesSettings.Builder k) {
    if (objectStoreSecret != null) {
      k.optSecretAsEnv(objectStoreSecret, objectStoreKeys, false);
    }
  }

  /**
   * What a compiled pipeline can carry towards least privilege (docs/security.md): the images'
   * non-root user, enforced (the kubelet refuses to start the step as root), and an emptyDir for
   * /tmp. KFP 2.17's compiler and driver add allowPrivilegeEscalation false, every capability
   * dropped and the RuntimeDefault seccomp profile themselves; a read-only root filesystem cannot
   * be expressed in the IR.
   */
  private static void hardening(KubernetesSettings.Builder k) {
    k.optRunAsNonRoot(IMAGE_USER, IMAGE_USER).optEmptyDirMount("gradex-tmp", TMP_MOUNT);
  }

  private void common(KubernetesSettings.Builder k) {
    objectStore(k);
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
    private String objectStoreSecret;
    private final Map<String, String> objectStoreKeys = new TreeMap<>();
    private String objectStoreEndpoint;
    private String objectStoreRegion;

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

    /**
     * A secret in the run's namespace whose keys every step gets as environment variables
     * (object-store credentials for s3:// URIs); null for none (the pod's own identity, e.g. IRSA
     * or workload identity, or KFP's MinIO for minio:// URIs).
     */
    public Builder optObjectStoreSecret(String secretName) {
      this.objectStoreSecret = secretName;
      return this;
    }

    /**
     * Maps secret key {@code secretKey} to variable {@code envVar}; once any is given it replaces
     * {@link #DEFAULT_OBJECT_STORE_KEYS}.
     */
    public Builder optObjectStoreKey(String secretKey, String envVar) {
      objectStoreKeys.put(secretKey, envVar);
      return this;
    }

    /** S3-compatible endpoint (e.g. MinIO's http://minio-service.kubeflow:9000); null for AWS. */
    public Builder optObjectStoreEndpoint(String url) {
      this.objectStoreEndpoint = url;
      return this;
    }

    /** Region given to the S3 clients (AWS_REGION); null to leave it to the pod. */
    public Builder optObjectStoreRegion(String region) {
      this.objectStoreRegion = region;
      return this;
    }

    /** Reports every invalid option in one message. */
    public PipelineOptions build() {
      List<String> problems = new ArrayList<>();
      if (extractParallelism < 0) {
        problems.add("extract parallelism must be >= 0 (0 = unlimited), got " + extractParallelism);
      }
      if (gpuType == null || !gpuType.contains("/")) {
        problems.add("gpu type '" + gpuType + "' must be a resource name such as nvidia.com/gpu");
      }
      if (objectStoreSecret == null && !objectStoreKeys.isEmpty()) {
        problems.add(
            "object-store keys " + objectStoreKeys.keySet() + " need an object-store secret");
      }
      objectStoreKeys.forEach(
          (key, env) -> {
            if (env == null || !env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
              problems.add(
                  "object-store key " + key + " maps to an invalid variable '" + env + "'");
            }
          });
      if (objectStoreEndpoint != null && !objectStoreEndpoint.matches("https?://[^\\s/]+.*")) {
        problems.add(
            "object-store endpoint '"
                + objectStoreEndpoint
                + "' must be an http:// or https:// URL");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      return new PipelineOptions(this);
    }
  }
}
