package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stress check, off by default (about 12 s a run): {@code gradex run} of one configuration, many
 * times over in fresh JVMs, every other run after a run killed (SIGKILL) during base-model
 * pretraining; every run must write a bitwise identical base model and meta-trained adapter. This
 * is how the rare wrong gradients of DJL's scalar arithmetic were found and their fix checked
 * (CHANGELOG.md, 2026-11-24). Run with
 *
 * <pre>
 * mvn -B -o -pl tests -am verify -Dit.test=RepeatedRunsIT -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgradex.repeatedRuns=20
 * </pre>
 */
@EnabledIfSystemProperty(named = "gradex.repeatedRuns", matches = "[1-9][0-9]*")
@Tag("dev")
class RepeatedRunsIT {
  private static final Pattern PRETRAINING =
      Pattern.compile("^gradex: base model steps (\\d+)/(\\d+)(?: \\(.*\\))?$");

  @TempDir Path dir;

  @Test
  void everyRunWritesTheSameBaseModelAndAdapter() throws Exception {
    Path yaml = MiniatureRun.fourSources(500, 1).write(dir);
    int runs = Integer.getInteger("gradex.repeatedRuns");
    Path out = dir.resolve("out");
    List<String> results = new ArrayList<>();
    for (int k = 0; k < runs; k++) {
      dev.gradex.core.AtomicFiles.deleteTree(out);
      boolean afterKill = k % 2 == 1;
      if (afterKill) {
        killDuringPretraining(yaml, dir.resolve("killed-" + k + ".log"));
      }
      Cli.Outcome o =
          Cli.runChild(
              List.of("-Xmx1g"), dir.resolve("run-" + k + ".log"), 5, "run", yaml.toString());
      assertThat(o.exitCode()).as(o.stdout()).isZero();
      String result =
          "base "
              + sha256(out.resolve("base-model/model.safetensors"))
              + " adapter "
              + sha256(out.resolve("meta-train/adapter_model.safetensors"))
              + " curves "
              + sha256(out.resolve("meta-train/curves.csv"));
      System.out.printf(
          "RepeatedRunsIT run %d (%s): %s%n", k, afterKill ? "after a kill" : "plain", result);
      results.add(result);
    }
    long differing = results.stream().filter(r -> !r.equals(results.get(0))).count();
    System.out.printf("RepeatedRunsIT: %d of %d runs differ from the first%n", differing, runs);
    assertThat(results).as("every run's base model and adapter").containsOnly(results.get(0));
  }

  private static void killDuringPretraining(Path yaml, Path log) throws Exception {
    Process p = Cli.start(List.of("-Xmx1g"), log, "run", yaml.toString());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline && p.isAlive()) {
      for (String line : Files.readAllLines(log)) {
        Matcher m = PRETRAINING.matcher(line);
        if (m.matches() && Long.parseLong(m.group(1)) * 10 >= 3 * Long.parseLong(m.group(2))) {
          p.destroyForcibly();
          assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
          return;
        }
      }
      Thread.sleep(25);
    }
    p.destroyForcibly();
    throw new AssertionError("pretraining never got under way:\n" + Files.readString(log));
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    return HexFormat.of().formatHex(d, 0, 6);
  }
}
