package dev.gradex.kfp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.KfpFixtures;
import dev.gradex.kfp.ir.IrYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilePipelineCommandTest {
  @Test
  void defaults_writeTheCommittedGoldenFile(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("sub/p.yaml");
    Cli r = Cli.run(new CompilePipelineCommand(), "--out", out.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(Files.readString(out)).isEqualTo(Files.readString(KfpFixtures.goldenPipeline()));
  }

  @Test
  void options_changeImagesParallelismAndScheduling(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("p.yaml");
    Cli r =
        Cli.run(
            new CompilePipelineCommand(),
            "--out",
            out.toString(),
            "--registry",
            "registry.local/ml",
            "--tag",
            "v2",
            "--extract-parallelism",
            "8",
            "--gpu-node-selector",
            "gpu=a100",
            "--cache-pvc",
            "hf-cache",
            "--mlflow-secret",
            "none");
    String yaml = Files.readString(out);
    assertThat(r.exitCode()).isZero();
    assertThat(yaml)
        .contains("image: registry.local/ml/gradex-meta-train:v2")
        .contains("parallelismLimit: 8")
        .contains("gpu: a100")
        .contains("constant: hf-cache")
        .doesNotContain("secretAsEnv");
  }

  @Test
  void imageDigestsFromABuildTree_pinTheBuiltImagesAndWarnAboutTheRest(@TempDir Path tmp)
      throws Exception {
    String meta = "sha256:" + "1".repeat(64);
    String fine = "sha256:" + "2".repeat(64);
    jibDigest(tmp, "meta-train", meta);
    jibDigest(tmp, "fine-tune", fine);
    Path out = tmp.resolve("p.yaml");

    Cli r =
        Cli.run(
            new CompilePipelineCommand(),
            "--out",
            out.toString(),
            "--registry",
            "registry.local/ml",
            "--image-digests",
            tmp.toString());

    String yaml = Files.readString(out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(yaml)
        .contains("image: registry.local/ml/gradex-meta-train@" + meta)
        .contains("image: registry.local/ml/gradex-fine-tune@" + fine)
        .contains("image: registry.local/ml/gradex-estimate-subsets:0.1.0")
        .doesNotContain("gradex-meta-train:0.1.0");
    assertThat(r.err()).contains("[extract-gradients, estimate-subsets] keep the tag '0.1.0'");
  }

  @Test
  void imageDigestsFromAFile_withOneOverriddenOnTheCommandLine(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("digests.txt");
    StringBuilder lines = new StringBuilder("# release 1.2.3\n");
    for (String c : List.of("meta-train", "extract-gradients", "estimate-subsets", "fine-tune")) {
      lines.append(c).append("=sha256:").append("a".repeat(64)).append('\n');
    }
    Files.writeString(file, lines);
    String override = "sha256:" + "b".repeat(64);
    Path out = tmp.resolve("p.yaml");

    Cli r =
        Cli.run(
            new CompilePipelineCommand(),
            "--out",
            out.toString(),
            "--image-digests",
            file.toString(),
            "--image-digest",
            "estimate-subsets=" + override);

    String yaml = Files.readString(out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("warning");
    assertThat(yaml)
        .contains("gradex-extract-gradients@sha256:" + "a".repeat(64))
        .contains("gradex-estimate-subsets@" + override)
        .doesNotContain(":0.1.0\n");
  }

  @Test
  void badDigest_failsWithExitCodeTwoNamingIt(@TempDir Path tmp) {
    Cli r =
        Cli.run(
            new CompilePipelineCommand(),
            "--out",
            tmp.resolve("p.yaml").toString(),
            "--image-digest",
            "fine-tune=sha256:abc");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'sha256:abc' of fine-tune is not sha256:<64 hex>");
    assertThat(tmp.resolve("p.yaml")).doesNotExist();
  }

  @Test
  void gpuTolerationsJson_reachTheGpuSteps(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("p.yaml");
    Cli r =
        Cli.run(
            new CompilePipelineCommand(),
            "--out",
            out.toString(),
            "--gpu-tolerations",
            "[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"ml\","
                + "\"effect\":\"NoSchedule\"},{\"key\":\"spot\",\"effect\":\"NoExecute\"}]");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String yaml = Files.readString(out);
    assertThat(yaml.split("key: dedicated", -1)).hasSize(4); // meta-train, extract, fine-tune
    assertThat(yaml).contains("effect: NoExecute").contains("value: ml");

    Cli bad =
        Cli.run(
            new CompilePipelineCommand(),
            "--out",
            out.toString(),
            "--gpu-tolerations",
            "[{\"key\":\"k\",\"tolerationSeconds\":30}]");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("'tolerationSeconds' is not supported");
  }

  private static void jibDigest(Path root, String component, String digest) throws Exception {
    Path f = root.resolve("components/" + component + "/target/jib-image.digest");
    Files.createDirectories(f.getParent());
    Files.writeString(f, digest);
  }

  @Test
  void badTag_failsWithExitCodeTwoNamingTheTag(@TempDir Path tmp) {
    Cli r =
        Cli.run(
            new CompilePipelineCommand(),
            "--out",
            tmp.resolve("p.yaml").toString(),
            "--tag",
            "bad tag");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("tag 'bad tag' is not a valid image tag");
  }

  @Test
  void help_listsTheOptions() {
    Cli r = Cli.run(new CompilePipelineCommand(), "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--out", "--registry", "--tag", "--gpu-type");
  }

  /** The steps that run a container (importers have no pod of their own). */
  static final List<String> STEPS =
      List.of(
          "exec-meta-train",
          "exec-extract-gradients",
          "exec-merge-stores",
          "exec-estimate-subsets",
          "exec-fine-tune",
          "exec-promote");

  static final Map<String, Object> MINIO_SECRET =
      Map.of(
          "secretName",
          "mlpipeline-minio-artifact",
          "secretNameParameter",
          Map.of("runtimeValue", Map.of("constant", "mlpipeline-minio-artifact")),
          "optional",
          false,
          "keyToEnv",
          List.of(
              Map.of("secretKey", "accesskey", "envVar", "AWS_ACCESS_KEY_ID"),
              Map.of("secretKey", "secretkey", "envVar", "AWS_SECRET_ACCESS_KEY")));

  @Test
  void objectStoreOptions_giveEveryStepTheSecretAsEnvAndTheEndpoint(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("p.yaml");
    Cli r =
        Cli.run(
            new CompilePipelineCommand(),
            "--out",
            out.toString(),
            "--object-store-secret",
            "mlpipeline-minio-artifact",
            "--object-store-endpoint",
            "http://minio-service.kubeflow:9000",
            "--object-store-region",
            "us-east-1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String[] docs = Files.readString(out).split("\n---\n");
    Map<String, Object> spec = IrYaml.read(docs[0]);
    Map<String, Object> platform = IrYaml.read(docs[1]);
    for (String exec : STEPS) {
      List<Object> secrets =
          (List<Object>)
              at(platform, "platforms", "kubernetes", "deploymentSpec", "executors", exec)
                  .get("secretAsEnv");
      assertThat(secrets).as(exec).contains(MINIO_SECRET);
      assertThat(at(spec, "deploymentSpec", "executors", exec, "container").get("env"))
          .as(exec)
          .isEqualTo(
              List.of(
                  Map.of("name", "AWS_ENDPOINT_URL", "value", "http://minio-service.kubeflow:9000"),
                  Map.of("name", "AWS_REGION", "value", "us-east-1")));
    }
    assertThat(Files.readString(KfpFixtures.goldenPipeline())).doesNotContain("AWS_");
  }

  @Test
  void objectStoreKeyMapping_replacesTheDefaultKeys(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("p.yaml");
    Cli r =
        Cli.run(
            new CompilePipelineCommand(),
            "--out",
            out.toString(),
            "--object-store-secret",
            "s3-creds",
            "--object-store-secret-key",
            "AWS_ACCESS_KEY_ID=AWS_ACCESS_KEY_ID",
            "--object-store-secret-key",
            "AWS_SECRET_ACCESS_KEY=AWS_SECRET_ACCESS_KEY",
            "--mlflow-secret",
            "none");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> platform = IrYaml.read(Files.readString(out).split("\n---\n")[1]);
    Object promote =
        at(platform, "platforms", "kubernetes", "deploymentSpec", "executors", "exec-promote")
            .get("secretAsEnv");
    assertThat(promote.toString())
        .contains("secretName=s3-creds")
        .contains("{envVar=AWS_ACCESS_KEY_ID, secretKey=AWS_ACCESS_KEY_ID}")
        .doesNotContain("accesskey");
  }

  @Test
  void badObjectStoreOptions_failWithExitCodeTwoNamingEachOne(@TempDir Path tmp) {
    Cli r =
        Cli.run(
            new CompilePipelineCommand(),
            "--out",
            tmp.resolve("p.yaml").toString(),
            "--object-store-secret-key",
            "accesskey=1BAD",
            "--object-store-endpoint",
            "minio:9000");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("object-store keys [accesskey] need an object-store secret")
        .contains("maps to an invalid variable '1BAD'")
        .contains("endpoint 'minio:9000' must be an http:// or https:// URL");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Map<String, Object> doc, String... path) {
    Object node = doc;
    for (String key : path) {
      node = ((Map<String, Object>) node).get(key);
    }
    return (Map<String, Object>) node;
  }
}
