package dev.gradex.kfp.gradex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.ir.IrCompiler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the compiled pipeline carries towards least privilege (docs/security.md): every container
 * step, whatever the options, runs as the images' user 65532:65532 with runAsNonRoot and has an
 * emptyDir at /tmp; the importers (run by KFP's own launcher image) get nothing.
 */
class PipelineHardeningTest {
  private static final List<String> STEPS =
      List.of(
          "exec-meta-train",
          "exec-extract-gradients",
          "exec-merge-stores",
          "exec-estimate-subsets",
          "exec-fine-tune",
          "exec-promote");

  @Test
  void everyContainerStep_runsAsTheImageUserWithATmpEmptyDir_withDefaultOptions() {
    assertHardened(executors(PipelineOptions.defaults()));
  }

  @Test
  void everyContainerStep_staysHardened_withCachePvcObjectStoreAndNoMlflowSecret() {
    PipelineOptions o =
        PipelineOptions.builder()
            .optCachePvc("gradex-cache")
            .optObjectStoreSecret("mlpipeline-minio-artifact")
            .optMlflowSecret(null)
            .build();

    Map<String, Object> execs = executors(o);

    assertHardened(execs);
    assertThat(String.valueOf(at(execs, "exec-merge-stores", "pvcMount")))
        .contains("mountPath=/cache");
  }

  @Test
  void importers_getNoPlatformSettings() {
    Map<String, Object> execs = executors(PipelineOptions.defaults());

    assertThat(execs).doesNotContainKeys("exec-import-sources", "exec-import-base-model");
    assertThat(execs.keySet()).containsExactlyInAnyOrderElementsOf(STEPS);
  }

  private static void assertHardened(Map<String, Object> execs) {
    for (String exec : STEPS) {
      assertThat(at(execs, exec, "securityContext"))
          .as("%s securityContext", exec)
          .isEqualTo(Map.of("runAsUser", 65532L, "runAsGroup", 65532L, "runAsNonRoot", true));
      assertThat(at(execs, exec, "emptyDirMounts"))
          .as("%s emptyDirMounts", exec)
          .isEqualTo(List.of(Map.of("volumeName", "gradex-tmp", "mountPath", "/tmp")));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> executors(PipelineOptions o) {
    Map<String, Object> platform =
        IrCompiler.compile(GradexPipeline.build(o)).platform().orElseThrow();
    return (Map<String, Object>)
        at(platform, "platforms", "kubernetes", "deploymentSpec", "executors");
  }

  private static Object at(Object doc, String... path) {
    Object node = doc;
    for (String key : path) {
      node = node instanceof Map<?, ?> m ? m.get(key) : null;
    }
    return node;
  }
}
