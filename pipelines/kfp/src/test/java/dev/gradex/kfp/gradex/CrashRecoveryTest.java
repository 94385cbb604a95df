package dev.gradex.kfp.gradex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.ir.IrCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the compiled pipeline carries for a pod whose JVM crashes (docs/reliability.md, "Native
 * crashes"): every container step's command puts the hs_err report in the pod's writable /tmp and
 * prints where it is and how to resume, and every container task is retried by KFP with backoff
 * (the steps being idempotent, a retry resumes from the last checkpoint).
 */
class CrashRecoveryTest {
  private static final String ON_ERROR =
      "-XX:OnError=echo 'gradex: the JVM died of a fatal error (a native crash), its report is"
          + " /tmp/hs_err_pid%p.log, rerun the same command to resume: finished stages are reused,"
          + " training resumes from its last checkpoint' >&2";

  @Test
  @SuppressWarnings("unchecked")
  void everyContainerCommand_writesTheCrashReportToTmpAndPrintsHowToResume() {
    Map<String, Object> executors = map(spec(), "deploymentSpec", "executors");
    List<String> containers = new ArrayList<>();
    for (var e : executors.entrySet()) {
      Map<String, Object> container = map(e.getValue(), "container");
      if (container == null) {
        continue; // an importer
      }
      Object command = container.get("command");
      containers.add(e.getKey());
      assertThat((List<String>) command)
          .as(e.getKey())
          .startsWith("java", "-XX:ErrorFile=/tmp/hs_err_pid%p.log", ON_ERROR, "-cp")
          .contains(GradexComponents.JIB_CLASSPATH);
    }
    assertThat(containers).hasSize(6);
  }

  @Test
  void everyContainerTask_isRetriedWithBackoff() {
    Map<String, Object> components = map(spec(), "components");
    List<String> retried = new ArrayList<>();
    List<Map<String, Object>> dags = new ArrayList<>(List.of(map(spec(), "root", "dag")));
    components.values().stream()
        .filter(c -> map(c).containsKey("dag"))
        .forEach(c -> dags.add(map(c, "dag")));
    for (Map<String, Object> dag : dags) {
      for (var t : map(dag, "tasks").entrySet()) {
        String component = (String) map(t.getValue(), "componentRef").get("name");
        String executor = (String) map(components.get(component)).get("executorLabel");
        if (executor == null || component.startsWith("comp-import-")) {
          continue; // a loop or an importer: nothing of ours runs there
        }
        Map<String, Object> retry = map(t.getValue(), "retryPolicy");
        assertThat(((Number) retry.get("maxRetryCount")).intValue()).as(t.getKey()).isPositive();
        assertThat(retry).as(t.getKey()).containsEntry("backoffDuration", "60s");
        retried.add(t.getKey());
      }
    }
    assertThat(retried)
        .containsExactlyInAnyOrder(
            "meta-train",
            "extract-gradients",
            "merge-stores",
            "estimate-subsets",
            "fine-tune",
            "promote");
  }

  private static Map<String, Object> spec() {
    return IrCompiler.compile(GradexPipeline.build(PipelineOptions.defaults())).pipelineSpec();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object doc, String... path) {
    Object node = doc;
    for (String key : path) {
      node = ((Map<String, Object>) node).get(key);
    }
    return (Map<String, Object>) node;
  }
}
