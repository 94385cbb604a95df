package dev.gradex.kfp.gradex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void promote_neverCaches_andOtherTasksDo() {
    assertThat(rootTask("promote").get("cachingOptions")).isEqualTo(Map.of());
    assertThat(rootTask("fine-tune").get("cachingOptions")).isEqualTo(Map.of("enableCache", true));
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
