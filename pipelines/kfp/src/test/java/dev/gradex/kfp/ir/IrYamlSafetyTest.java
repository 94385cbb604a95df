package dev.gradex.kfp.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.SafeYaml;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** IrYaml reads pipeline YAML as plain data: tags, aliases and huge documents are refused. */
class IrYamlSafetyTest {
  @Test
  void typeTagIsRefused() {
    assertThatThrownBy(
            () -> IrYaml.read("root: !!javax.script.ScriptEngineManager [!!java.net.URL [x]]\n"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("YAML tag '")
        .hasMessageContaining("javax.script.ScriptEngineManager");
  }

  @Test
  void aliasBombIsRefused() {
    assertThatThrownBy(() -> IrYaml.read("a: &a [l, l]\nb: &b [*a, *a]\nc: [*b, *b]\n"))
        .hasMessageContaining("YAML alias *a is not allowed");
  }

  @Test
  void hugeDocumentIsRefusedByTheCodePointLimit() {
    String huge = "k: [" + "1,".repeat(SafeYaml.CODE_POINT_LIMIT / 2) + "1]\n";
    assertThatThrownBy(() -> IrYaml.read(huge))
        .hasMessageContaining("exceeds the limit: " + SafeYaml.CODE_POINT_LIMIT);
  }

  @Test
  void theCompiledPipelineStillReads() throws Exception {
    Path golden = Path.of(System.getProperty("user.dir")).resolve("../gradex-pipeline.yaml");
    String[] docs = Files.readString(golden).split("(?m)^---\\n");
    assertThat(IrYaml.read(docs[0])).containsKey("pipelineInfo");
  }
}
