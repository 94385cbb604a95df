package dev.gradex.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exit codes and messages of {@code model import-gguf}; the conversion is GgufImporterTest's. */
class ImportGgufCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new ModelCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void aMissingFileExitsTwoNamingIt() {
    Path missing = dir.resolve("none.gguf");
    int code = run("import-gguf", missing.toString(), "--out", dir.resolve("o").toString());
    assertThat(code).isEqualTo(ModelCommand.EXIT_INVALID_INPUT);
    assertThat(err.toString()).isEqualTo("error: " + missing + ": no such file\n");
  }

  @Test
  void aFileThatIsNotGgufExitsTwoAndWritesNothing() throws IOException {
    Path f = Files.writeString(dir.resolve("model.safetensors.gguf"), "not a gguf file at all");
    Path o = dir.resolve("o");
    int code = run("import-gguf", f.toString(), "--out", o.toString());
    assertThat(code).isEqualTo(ModelCommand.EXIT_INVALID_INPUT);
    assertThat(err.toString()).contains(f + ": not a GGUF file (no GGUF magic)");
    assertThat(o).doesNotExist();
  }

  @Test
  void aNonEmptyOutputDirectoryIsRefused() throws IOException {
    Path f = Files.writeString(dir.resolve("m.gguf"), "GGUF");
    Path o = Files.createDirectories(dir.resolve("o"));
    Files.writeString(o.resolve("keep.txt"), "x");
    int code = run("import-gguf", f.toString(), "--out", o.toString());
    assertThat(code).isEqualTo(ModelCommand.EXIT_INVALID_INPUT);
    assertThat(err.toString()).contains(o + ": already exists and is not empty");
    assertThat(o.resolve("keep.txt")).hasContent("x");
  }
}
