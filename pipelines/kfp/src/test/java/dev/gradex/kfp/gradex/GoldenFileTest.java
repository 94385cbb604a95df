package dev.gradex.kfp.gradex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.kfp.KfpFixtures;
import dev.gradex.kfp.ir.IrCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed pipelines/gradex-pipeline.yaml must equal a fresh compile byte for byte, so every
 * change to the pipeline is deliberate. To accept a change: run with {@code
 * -Dgradex.updateGolden=true} (or copy pipelines/kfp/target/gradex-pipeline.yaml, which the build
 * writes), review the diff and commit it.
 */
class GoldenFileTest {
  @Test
  void compiledPipeline_equalsCommittedGoldenFile() throws IOException {
    String compiled = IrCompiler.compile(GradexPipeline.build()).toYaml();
    Path golden = KfpFixtures.goldenPipeline();
    if (Boolean.getBoolean("gradex.updateGolden")) {
      Files.writeString(golden, compiled, StandardCharsets.UTF_8);
    }
    assertThat(golden).exists();
    assertThat(Files.readString(golden, StandardCharsets.UTF_8))
        .as("pipelines/gradex-pipeline.yaml is stale: regenerate it (see GoldenFileTest)")
        .isEqualTo(compiled);
  }

  @Test
  void buildOutput_equalsCommittedGoldenFile_whenTheBuildWroteIt() throws IOException {
    Path built = KfpFixtures.root().resolve("pipelines/kfp/target/gradex-pipeline.yaml");
    if (Files.exists(built)) {
      assertThat(Files.readString(built, StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(KfpFixtures.goldenPipeline(), StandardCharsets.UTF_8));
    }
  }
}
