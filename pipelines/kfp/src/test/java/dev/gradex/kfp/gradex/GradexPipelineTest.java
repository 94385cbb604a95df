package dev.gradex.kfp.gradex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.kfp.dsl.KubernetesSettings.Toleration;
import dev.gradex.kfp.ir.CompiledPipeline;
import dev.gradex.kfp.ir.IrCompiler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class GradexPipelineTest {
  private static final CompiledPipeline COMPILED = IrCompiler.compile(GradexPipeline.build());

  @Test
  void everyDataConsumingTask_receivesSourceDigests() {
    for (String task :
        List.of("meta-train", "merge-stores", "estimate-subsets", "fine-tune", "promote")) {
      assertThat(at(rootTask(task), "inputs", "parameters", "source_digests"))
          .as(task)
          .isEqualTo(Map.of("componentInputParameter", "source_digests"));
    }
    Map<String, Object> extract =
        (Map<String, Object>)
            at(spec(), "components", "comp-for-loop-1", "dag", "tasks", "extract-gradients");
    assertThat(at(extract, "inputs", "parameters", "source_digests"))
        .isEqualTo(Map.of("componentInputParameter", "pipelinechannel--source_digests"));
    assertThat(at(rootTask("import-sources"), "inputs", "parameters", "metadata"))
        .isEqualTo(Map.of("componentInputParameter", "source_digests"));
  }

  @Test
  void gpuSteps_requestOneNvidiaGpu_andCpuStepsNone() {
    for (String exec : List.of("exec-meta-train", "exec-extract-gradients", "exec-fine-tune")) {
      assertThat(
              at(
                  spec(),
                  "deploymentSpec",
                  "executors",
                  exec,
                  "container",
                  "resources",
                  "accelerator",
                  "resourceType"))
          .as(exec)
          .isEqualTo("nvidia.com/gpu");
    }
    for (String exec : List.of("exec-merge-stores", "exec-estimate-subsets", "exec-promote")) {
      assertThat(
              at(
                  spec(),
                  "deploymentSpec",
                  "executors",
                  exec,
                  "container",
                  "resources",
                  "accelerator"))
          .as(exec)
          .isNull();
    }
  }

  @Test
  void extractGradients_fansOutOverShardIndices_withParallelismFour() {
    Map<String, Object> loop = rootTask("for-loop-1");
    assertThat(at(loop, "iteratorPolicy", "parallelismLimit")).isEqualTo(4);
    assertThat(at(loop, "parameterIterator", "items", "inputParameter"))
        .isEqualTo("pipelinechannel--shard_indices");
    assertThat(at(rootTask("merge-stores"), "inputs", "artifacts", "shards", "taskOutputArtifact"))
        .isEqualTo(
            Map.of(
                "outputArtifactKey", "pipelinechannel--extract-gradients-store",
                "producerTask", "for-loop-1"));
  }

  @Test
  void everyTask_caches_mergeAndPromoteIncluded() {
    for (String task :
        List.of(
            "import-sources",
            "import-base-model",
            "meta-train",
            "merge-stores",
            "estimate-subsets",
            "fine-tune",
            "promote")) {
      assertThat(rootTask(task).get("cachingOptions"))
          .as(task)
          .isEqualTo(Map.of("enableCache", true));
    }
    Map<String, Object> loopTasks =
        (Map<String, Object>) at(spec(), "components", "comp-for-loop-1", "dag", "tasks");
    assertThat(at(loopTasks, "extract-gradients", "cachingOptions"))
        .isEqualTo(Map.of("enableCache", true));
  }

  @Test
  void reportAndMetrics_areHtmlAndMetricsArtifacts() {
    Map<String, Object> outputs =
        (Map<String, Object>)
            at(spec(), "components", "comp-estimate-subsets", "outputDefinitions", "artifacts");
    assertThat(at(outputs, "report", "artifactType", "schemaTitle")).isEqualTo("system.HTML");
    assertThat(at(outputs, "metrics", "artifactType", "schemaTitle")).isEqualTo("system.Metrics");
    assertThat(
            at(
                spec(),
                "components",
                "comp-promote",
                "outputDefinitions",
                "artifacts",
                "summary",
                "artifactType",
                "schemaTitle"))
        .isEqualTo("system.Markdown");
  }

  @Test
  void everyPipelineParameter_hasADefault() {
    Map<String, Object> params =
        (Map<String, Object>) at(spec(), "root", "inputDefinitions", "parameters");
    assertThat(params).hasSizeGreaterThan(20);
    params.forEach(
        (name, def) -> assertThat(((Map<?, ?>) def).get("isOptional")).as(name).isEqualTo(true));
  }

  @Test
  void images_useConfiguredRegistryAndTag() {
    PipelineOptions o =
        PipelineOptions.builder().optImages(new ImageNames("registry.local:5000/ml", "v7")).build();
    Map<String, Object> spec = IrCompiler.compile(GradexPipeline.build(o)).pipelineSpec();
    assertThat(at(spec, "deploymentSpec", "executors", "exec-merge-stores", "container", "image"))
        .isEqualTo("registry.local:5000/ml/gradex-extract-gradients:v7");
  }

  @Test
  void imageDigests_pinTheirComponentsAndLeaveTheOthersOnTheTag() {
    String digest = "sha256:" + "ab".repeat(32);
    ImageNames images =
        new ImageNames("r.io/ml", "v7").withDigests(Map.of("extract-gradients", digest));
    Map<String, Object> spec =
        IrCompiler.compile(
                GradexPipeline.build(PipelineOptions.builder().optImages(images).build()))
            .pipelineSpec();
    for (String exec : List.of("exec-extract-gradients", "exec-merge-stores")) {
      assertThat(at(spec, "deploymentSpec", "executors", exec, "container", "image"))
          .isEqualTo("r.io/ml/gradex-extract-gradients@" + digest);
    }
    assertThat(at(spec, "deploymentSpec", "executors", "exec-meta-train", "container", "image"))
        .isEqualTo("r.io/ml/gradex-meta-train:v7");
    assertThatThrownBy(() -> images.withDigests(Map.of("fine-tune", "sha256:12")))
        .hasMessageContaining("not sha256:<64 hex>");
    assertThatThrownBy(() -> images.withDigests(Map.of("watch", digest)))
        .hasMessageContaining("unknown component 'watch'");
  }

  @Test
  void incrementalParameters_reachMetaTrainExtractionAndMerge_withEmptyDefaults() {
    Map<String, Object> params =
        (Map<String, Object>) at(spec(), "root", "inputDefinitions", "parameters");
    for (String p : List.of("only_sources", "reuse_dir")) {
      assertThat(at(params, p, "defaultValue")).as(p).isEqualTo("");
    }
    for (String task : List.of("meta-train", "merge-stores")) {
      for (String p : List.of("only_sources", "reuse_dir")) {
        assertThat(at(rootTask(task), "inputs", "parameters", p))
            .as(task + " " + p)
            .isEqualTo(Map.of("componentInputParameter", p));
      }
    }
    Map<String, Object> extract =
        (Map<String, Object>)
            at(spec(), "components", "comp-for-loop-1", "dag", "tasks", "extract-gradients");
    assertThat(at(extract, "inputs", "parameters", "only_sources"))
        .isEqualTo(Map.of("componentInputParameter", "pipelinechannel--only_sources"));
    assertThat(at(rootTask("merge-stores"), "inputs", "artifacts", "adapter", "taskOutputArtifact"))
        .isEqualTo(Map.of("outputArtifactKey", "adapter", "producerTask", "meta-train"));
  }

  @Test
  void gpuTolerationsAndNodeSelector_reachEveryGpuStepAndNoCpuStep() {
    Toleration dedicated = new Toleration("dedicated", "Equal", "ml", "NoSchedule");
    PipelineOptions o =
        PipelineOptions.builder()
            .optGpuNodeSelector("pool", "a100")
            .optGpuToleration(dedicated)
            .optGpuToleration(Toleration.exists("nvidia.com/gpu")) // the default's duplicate
            .optCachePvc("gradex-cache")
            .build();
    Map<String, Object> platform =
        IrCompiler.compile(GradexPipeline.build(o)).platform().orElseThrow();
    Map<String, Object> execs =
        (Map<String, Object>)
            at(platform, "platforms", "kubernetes", "deploymentSpec", "executors");
    for (String exec : List.of("exec-meta-train", "exec-extract-gradients", "exec-fine-tune")) {
      assertThat((List<Object>) at(execs, exec, "tolerations"))
          .as(exec)
          .containsExactly(
              Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule"),
              Map.of(
                  "key", "dedicated", "operator", "Equal", "value", "ml", "effect", "NoSchedule"));
      assertThat(at(execs, exec, "nodeSelector", "labels")).isEqualTo(Map.of("pool", "a100"));
    }
    for (String exec : List.of("exec-merge-stores", "exec-estimate-subsets", "exec-promote")) {
      assertThat(at(execs, exec, "tolerations")).as(exec).isNull();
      assertThat(at(execs, exec, "nodeSelector")).as(exec).isNull();
    }
    // The reuse directory of incremental runs lives on the cache volume: merge mounts it too.
    assertThat(at(execs, "exec-merge-stores", "pvcMount").toString())
        .contains("constant=gradex-cache", "mountPath=/cache");
  }

  @Test
  void imageNames_withInvalidTag_nameTheTag() {
    assertThatThrownBy(() -> new ImageNames("ghcr.io/x", "bad tag"))
        .hasMessageContaining("tag 'bad tag'");
  }

  private static Map<String, Object> spec() {
    return COMPILED.pipelineSpec();
  }

  private static Map<String, Object> rootTask(String name) {
    return (Map<String, Object>) at(spec(), "root", "dag", "tasks", name);
  }

  @SuppressWarnings("unchecked")
  private static Object at(Object doc, String... path) {
    Object node = doc;
    for (String key : path) {
      node = node == null ? null : ((Map<String, Object>) node).get(key);
    }
    return node;
  }
}
