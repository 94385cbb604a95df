package dev.gradex.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradex.core.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads executor inputs shaped exactly as the KFP 2.17 backend writes them: the fixture is what the
 * driver resolves for merge-stores after a four-way ParallelFor (resolve.go {@code CollectInputs},
 * metadata {@code toRuntimeArtifact}: name = MLMD id, type = empty instance schema, metadata =
 * display_name and store_session_info; driver.go {@code provisionOutputs}: outputs under the task
 * root, the output file beside them, executor-logs added) as the launcher substitutes it for {@code
 * {{$}}} (launcher_v2.go {@code compileCmdAndArgs}: protojson of the ExecutorInput).
 */
class KfpExecutorInputTest {
  private static final String RUN =
      "mlpipeline/v2/artifacts/gradex/7f3c2a9e-5b1d-4c8e-9a60-2d4f8b1e0c37";

  static String fixture() throws Exception {
    try (var in =
        KfpExecutorInputTest.class.getResourceAsStream(
            "kfp-2.17-merge-stores-executor-input.json")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void collectedShards_mapToTheLaunchersDownloadPathsInOrder() throws Exception {
    List<Path> shards = KfpExecutorInput.parse(fixture()).inputPaths("shards");

    assertThat(shards)
        .containsExactly(
            Path.of(
                "/minio/" + RUN + "/extract-gradients/0b6e4f1a-2c3d-4e5f-8a9b-1c2d3e4f5a60/store"),
            Path.of(
                "/minio/" + RUN + "/extract-gradients/1c7f5a2b-3d4e-4f60-9b0c-2d3e4f5a6b71/store"),
            Path.of(
                "/minio/" + RUN + "/extract-gradients/2d806b3c-4e5f-4071-8c1d-3e4f5a6b7c82/store"),
            Path.of(
                "/minio/" + RUN + "/extract-gradients/3e917c4d-5f60-4182-9d2e-4f5a6b7c8d93/store"));
  }

  @Test
  void outputsAndOutputFile_areTheProvisionedOnes() throws Exception {
    KfpExecutorInput in = KfpExecutorInput.parse(fixture()).requireOutputs(List.of("store"));

    assertThat(in.outputArtifact("store").uri())
        .isEqualTo("minio://" + RUN + "/merge-stores/9a4b5c6d-7e8f-4091-a2b3-c4d5e6f70812/store");
    assertThat(in.outputFile())
        .isEqualTo(
            Path.of(
                "/minio/"
                    + RUN
                    + "/merge-stores/9a4b5c6d-7e8f-4091-a2b3-c4d5e6f70812/output_metadata.json"));
  }

  @Test
  void localPaths_followTheLaunchersRules() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode none = json.createObjectNode();
    assertThat(new KfpArtifact("a", "gs://b/x", none, "").localPath())
        .isEqualTo(Path.of("/gcs/b/x"));
    assertThat(new KfpArtifact("a", "s3://b/x", none, "").localPath())
        .isEqualTo(Path.of("/s3/b/x"));
    assertThat(new KfpArtifact("a", "oci://r/m:1", none, "").localPath())
        .isEqualTo(Path.of("/oci/r_m:1/models"));
    assertThat(new KfpArtifact("a", "s3://b/x", none, "/custom/p").localPath())
        .isEqualTo(Path.of("/custom/p"));
    ObjectNode workspace = json.createObjectNode().put("_kfp_workspace", true);
    assertThat(new KfpArtifact("a", "minio://b/x", workspace, "").localPath())
        .isEqualTo(Path.of("/kfp-workspace/.artifacts/minio/b/x"));
    assertThat(new KfpArtifact("a", "/home/u/local_outputs/t/store", none, "").localPath())
        .as("kfp.local gives local paths")
        .isEqualTo(Path.of("/home/u/local_outputs/t/store"));
  }

  @Test
  void artifactUriOfASchemeTheLauncherDoesNotMount_isRefusedNamingIt() {
    for (String uri :
        List.of("ftp://h/p", "jar:file:/a.jar!/x", "gopher://h/p", "javascript:x", "http://h/p")) {
      KfpArtifact a = new KfpArtifact("7", uri, new ObjectMapper().createObjectNode(), "");
      assertThatThrownBy(a::localPath)
          .as(uri)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("--kfp-executor-input")
          .hasMessageContaining("uri '" + uri + "' with no mount");
    }
  }

  @Test
  void unmountableUri_isRefusedNamingIt() {
    KfpArtifact a = new KfpArtifact("7", "hdfs://n/p", new ObjectMapper().createObjectNode(), "");
    assertThatThrownBy(a::localPath)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hdfs://n/p")
        .hasMessageContaining("--kfp-executor-input");
  }

  @Test
  void missingInputsOrOutputs_areRefusedNamingThem() throws Exception {
    KfpExecutorInput in = KfpExecutorInput.parse(fixture());
    assertThatThrownBy(() -> in.inputPaths("nope"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'nope'");
    assertThatThrownBy(() -> in.requireOutputs(List.of("store", "metrics")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("output artifact 'metrics'");
    assertThatThrownBy(() -> KfpExecutorInput.parse("{{$}}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not JSON");
  }
}
