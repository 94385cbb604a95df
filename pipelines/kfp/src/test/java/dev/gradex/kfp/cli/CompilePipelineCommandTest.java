package dev.gradex.kfp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.KfpFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
