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
            "parameters: {estimate_subsets: 500}",
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
    assertThat(run.at("/runtime_config/parameters/estimate_subsets").asInt()).isEqualTo(500);
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
  void incremental_onlyANewSource_runCarriesTheNewSourceAndTheReuseDirectory() throws Exception {
    incrementalConfig(false);
    assertThat(pass()).isZero();
    JsonNode first = kfp.createdRuns().get(0);
    assertThat(parameter(first, "only_sources")).isEmpty();
    assertThat(parameter(first, "reuse_dir")).isEqualTo("/cache/gradex");
    WatchState full = recorded();
    assertThat(full.mode()).isEqualTo("full");
    assertThat(full.thetaSources()).containsExactly("aux", "target");
    finishAllRuns();
    // A small new source appears.
    Files.writeString(dir.resolve("forum.jsonl"), "{\"prompt\":\"g\",\"completion\":\"h\"}\n");
    incrementalConfig(true);

    assertThat(pass()).isZero();

    assertThat(kfp.createdRuns()).hasSize(2);
    JsonNode second = kfp.createdRuns().get(1);
    assertThat(parameter(second, "only_sources")).isEqualTo("forum");
    assertThat(parameter(second, "reuse_dir")).isEqualTo("/cache/gradex");
    assertThat(digestsOf(second).fieldNames()).toIterable().contains("forum");
    WatchState state = recorded();
    assertThat(state.mode()).isEqualTo("incremental");
    assertThat(state.thetaAt()).isEqualTo(full.thetaAt());
    assertThat(state.thetaSources()).isEqualTo(full.thetaSources());
  }

  @Test
  void incremental_newAndChangedSource_runFull() throws Exception {
    incrementalConfig(false);
    pass();
    finishAllRuns();
    Files.writeString(dir.resolve("forum.jsonl"), "{\"prompt\":\"g\",\"completion\":\"h\"}\n");
    Files.writeString(dir.resolve("aux.jsonl"), "{\"prompt\":\"c\",\"completion\":\"e\"}\n");
    incrementalConfig(true);

    pass();

    JsonNode second = kfp.createdRuns().get(1);
    assertThat(parameter(second, "only_sources")).isEmpty();
    assertThat(recorded().mode()).isEqualTo("full");
    assertThat(recorded().thetaSources()).containsExactly("aux", "forum", "target");
  }

  @Test
  void incremental_afterAFailedRun_runFull() throws Exception {
    incrementalConfig(false);
    pass();
    kfp.runs.forEach(r -> r.put("state", "FAILED"));
    Files.writeString(dir.resolve("forum.jsonl"), "{\"prompt\":\"g\",\"completion\":\"h\"}\n");
    incrementalConfig(true);

    pass();

    assertThat(parameter(kfp.createdRuns().get(1), "only_sources")).isEmpty();
  }

  /** watch.yaml with incremental reselection; with the new source "forum" when {@code forum}. */
  private void incrementalConfig(boolean forum) throws Exception {
    Files.writeString(
        config,
        String.join(
            "\n",
            "sources:",
            "  - {name: target, uri: " + dir.resolve("target") + "}",
            "  - {name: aux, uri: " + dir.resolve("aux.jsonl") + "}",
            forum ? "  - {name: forum, uri: " + dir.resolve("forum.jsonl") + "}" : "",
            "kfp: {host: " + kfp.uri() + "}",
            "pipeline: gradex",
            "experiment: reselect",
            "state: {configMap: gradex-watch-state, namespace: gradex}",
            "incremental: {reuseDir: /cache/gradex, maxAge: P7D, maxNewFraction: 0.5}",
            ""));
  }

  private static String parameter(JsonNode run, String name) {
    JsonNode p = run.at("/runtime_config/parameters/" + name);
    assertThat(p.isMissingNode()).as(name).isFalse();
    return p.asText();
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
