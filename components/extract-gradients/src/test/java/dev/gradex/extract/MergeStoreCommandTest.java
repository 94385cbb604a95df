package dev.gradex.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.component.KfpExecutorInput;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MergeStoreCommandTest {
  @TempDir Path dir;

  @Test
  void shardList_isSplitOnCommas() {
    assertThat(MergeStoreCommand.paths("/a, /b,,")).containsExactly(Path.of("/a"), Path.of("/b"));
  }

  @Test
  void noShardsAnywhere_isBadInputNamingBothWays() {
    String err = run("--store-out", dir.resolve("out").toString());
    assertThat(err).contains("--shards", "--kfp-executor-input", "'shards'");
  }

  @Test
  void shardsAndExecutorInputTogether_isBadInput() {
    String in =
        KfpExecutorInput.localJson(
            Map.of("shards", List.of(dir.resolve("s0"))), MergeStoreCommand.OUTPUTS, dir);
    String err =
        run("--shards", "/s", "--kfp-executor-input", in, "--store-out", dir.resolve("store") + "");
    assertThat(err).contains("--shards", "outside KFP");
  }

  @Test
  void executorInputWithoutTheStoreOutput_isRefusedBeforeAnyWork() {
    String in = KfpExecutorInput.localJson(Map.of("shards", List.of(dir)), List.of(), dir);
    String err = run("--kfp-executor-input", in, "--store-out", dir.resolve("store").toString());
    assertThat(err).contains("--kfp-executor-input", "output artifact 'store'");
    assertThat(dir.resolve("store")).doesNotExist();
  }

  /** Runs merge-stores expecting exit code 2 (bad input); returns what it printed. */
  private static String run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = dev.gradex.component.CommandLines.create(new MergeStoreCommand());
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute(args)).isEqualTo(2);
    return err.toString();
  }
}
