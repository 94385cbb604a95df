package dev.gradex.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The watcher end to end: fabric8's mock API server (CRUD) for its state, a fake KFP for runs. */
@EnableKubernetesMockClient(crud = true)
class WatcherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static KubernetesClient client;

  @TempDir Path dir;
  private FakeKfp kfp;
  private Path config;

  @BeforeEach
  void setUp() throws Exception {
    kfp = new FakeKfp();
    Files.createDirectories(dir.resolve("target"));
    Files.writeString(
        dir.resolve("target/train.jsonl"), "{\"prompt\":\"a\",\"completion\":\"b\"}\n");
    Files.writeString(dir.resolve("aux.jsonl"), "{\"prompt\":\"c\",\"completion\":\"d\"}\n");
    config = dir.resolve("watch.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "sources:",
            "  - {name: target, uri: " + dir.resolve("target") + "}",
            "  - {name: aux, uri: " + dir.resolve("aux.jsonl") + "}",
            "kfp: {host: " + kfp.uri() + "}",
            "pipeline: gradex",
            "experiment: reselect",
            "parameters: {subsets: 500}",
            "state: {configMap: gradex-watch-state, namespace: gradex}",
            ""));
  }

  @AfterEach
  void tearDown() {
    kfp.close();
    client.configMaps().inNamespace("gradex").withName("gradex-watch-state").delete();
  }

  @Test
  void firstPass_startsOneRunAndRecordsItsDigests() throws Exception {
    assertThat(pass()).isZero();

    assertThat(kfp.createdRuns()).hasSize(1);
    JsonNode digests = digestsOf(kfp.createdRuns().get(0));
    assertThat(digests.fieldNames()).toIterable().containsExactly("aux", "target");
    WatchState state = recorded();
    assertThat(state.runId()).isEqualTo(kfp.createdRuns().get(0).get("run_id").asText());
    assertThat(state.digests().get("aux")).isEqualTo(digests.get("aux").asText());
  }

  @Test
  void unchangedSources_startNoRun() throws Exception {
    pass();
    finishAllRuns();
    String before = recordedJson();

    assertThat(pass()).isZero();

    assertThat(kfp.createdRuns()).hasSize(1);
    assertThat(recordedJson()).isEqualTo(before);
  }

  @Test
  void oneSourceChanged_startsExactlyOneRunWithTheNewDigests() throws Exception {
    pass();
    finishAllRuns();
    JsonNode old = digestsOf(kfp.createdRuns().get(0));
    Files.writeString(
        dir.resolve("target/extra.jsonl"), "{\"prompt\":\"e\",\"completion\":\"f\"}\n");
    String expectedTarget = new LocalDigester().digest(dir.resolve("target").toString());

    pass();

    assertThat(kfp.createdRuns()).hasSize(2);
    JsonNode run = kfp.createdRuns().get(1);
    JsonNode now = digestsOf(run);
    assertThat(now.get("target").asText())
        .isEqualTo(expectedTarget)
        .isNotEqualTo(old.get("target").asText());
    assertThat(now.get("aux")).isEqualTo(old.get("aux"));
    assertThat(run.at("/runtime_config/parameters/subsets").asInt()).isEqualTo(500);
    assertThat(run.at("/pipeline_version_reference/pipeline_version_id").asText()).isEqualTo("v-1");
    assertThat(recorded().runId()).isEqualTo(run.get("run_id").asText());
    assertThat(recorded().digests().get("target")).isEqualTo(expectedTarget);
  }

  @Test
  void changedSourcesWhileARunIsActive_startNoSecondRunAndRecordNothing() throws Exception {
    pass();
    finishAllRuns();
    String before = recordedJson();
    kfp.addRun("reselect", "RUNNING");
    Files.writeString(dir.resolve("aux.jsonl"), "changed\n");

    pass();

    assertThat(kfp.createdRuns()).hasSize(1);
    assertThat(recordedJson()).isEqualTo(before);

    finishAllRuns();
    pass();
    assertThat(kfp.createdRuns()).hasSize(2);
  }

  @Test
  void dryRun_startsNothing() throws Exception {
    assertThat(pass("--dry-run")).isZero();

    assertThat(kfp.createdRuns()).isEmpty();
    assertThat(client.configMaps().inNamespace("gradex").withName("gradex-watch-state").get())
        .isNull();
  }

  @Test
  void badConfig_exitsWithCode2() throws Exception {
    Files.writeString(config, "sources: []\nstate: {}\n");

    assertThat(pass()).isEqualTo(2);
  }

  private int pass(String... extra) {
    WatchCommand cmd = new WatchCommand();
    cmd.kubernetes = client;
    String[] args = new String[extra.length + 2];
    args[0] = "--config";
    args[1] = config.toString();
    System.arraycopy(extra, 0, args, 2, extra.length);
    return new CommandLine(cmd).execute(args);
  }

  private void finishAllRuns() {
    kfp.runs.forEach(r -> r.put("state", "SUCCEEDED"));
  }

  private static JsonNode digestsOf(JsonNode run) throws Exception {
    return JSON.readTree(run.at("/runtime_config/parameters/source_digests").asText());
  }

  private static String recordedJson() {
    ConfigMap cm = client.configMaps().inNamespace("gradex").withName("gradex-watch-state").get();
    return cm.getData().get(ConfigMapStateStore.KEY);
  }

  private static WatchState recorded() {
    return WatchState.fromJson(recordedJson());
  }
}
