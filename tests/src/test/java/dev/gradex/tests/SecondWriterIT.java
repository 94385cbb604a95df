package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.core.OutputLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writers of an output directory besides run, estimate, extract, meta-train and fine-tune
 * (those are {@link ConcurrentWritersIT}'s and {@code OutputLockTest}'s): while another process
 * holds the directory's {@link OutputLock}, {@code merge-stores}, {@code synth-store}, {@code model
 * import-gguf} and {@code problem real-text} exit 2 naming the directory and the holder's pid, and
 * write nothing into it.
 */
@Tag("fast")
class SecondWriterIT {
  @TempDir Path dir;

  @Test
  void mergeStoresIntoALockedStoreOutIsRefused() throws Exception {
    Path shard = Cli.synthStore(dir.resolve("shard"), 400, 4, 8, 1, 3);
    refusedWhileHeld(
        dir.resolve("merged"),
        "merge-stores",
        "--shards",
        shard.toString(),
        "--store-out",
        dir.resolve("merged").toString());
  }

  @Test
  void synthStoreIntoALockedOutIsRefused() throws Exception {
    refusedWhileHeld(
        dir.resolve("store"), "synth-store", "--out", dir.resolve("store").toString(), "--quiet");
  }

  @Test
  void importGgufIntoALockedOutIsRefused() throws Exception {
    Path gguf = Files.writeString(dir.resolve("model.gguf"), "not read: the lock comes first");
    refusedWhileHeld(
        dir.resolve("model"),
        "model",
        "import-gguf",
        gguf.toString(),
        "--out",
        dir.resolve("model").toString());
  }

  @Test
  void realTextProblemIntoALockedOutIsRefused() throws Exception {
    refusedWhileHeld(
        dir.resolve("problem"),
        "problem",
        "real-text",
        "--corpora",
        dir.resolve("corpora").toString(),
        "--model",
        dir.resolve("minilm").toString(),
        "--out",
        dir.resolve("problem").toString());
  }

  /** Runs {@code gradex args} in a child JVM while a holder process has the lock of {@code out}. */
  private void refusedWhileHeld(Path out, String... args) throws Exception {
    Process holder =
        new ProcessBuilder(
                Cli.command(LockHolder.class.getName(), List.of("-Xmx64m"), out.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      String said =
          new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      assertThat(said).isEqualTo("locked");
      Cli.Outcome o = Cli.runChild(List.of("-Xmx256m"), dir.resolve(args[0] + ".log"), 2, args);
      assertThat(o.exitCode()).as(o.stdout()).isEqualTo(2);
      assertThat(o.stdout())
          .contains(
              "error: "
                  + out
                  + ": is being written by another gradex run (pid "
                  + holder.pid()
                  + ", started 20")
          .doesNotContain("\tat ");
      try (var files = Files.list(out)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .as("the refused writer wrote nothing")
            .containsExactly(OutputLock.FILE);
      }
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
