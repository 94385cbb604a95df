package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradex.cli.GradexCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code gradex} in a child JVM inside a private mount namespace ({@code unshare -rm}) where a
 * small tmpfs (or a read-only one) is mounted at a directory, so the command meets a real {@code No
 * space left on device} or {@code Read-only file system} from the kernel. The mount is seen only by
 * the namespace, so the files it holds after the command are listed from inside it; optionally the
 * tmpfs is then grown in place (the leftovers stay) and the same command rerun, to prove a rerun
 * after freeing space completes. A namespace that cannot be made fails the test (never a skip).
 *
 * @param mountPoint the directory the tmpfs is mounted on (must exist)
 * @param options tmpfs mount options, e.g. {@code size=512k} or {@code ro,size=1m}
 */
record SmallDisk(Path mountPoint, String options) {
  private static final int MINUTES = 10;

  /** A writable tmpfs of {@code size} (mount syntax: {@code 512k}, {@code 2m}). */
  static SmallDisk of(Path mountPoint, String size) {
    return new SmallDisk(mountPoint, "size=" + size);
  }

  /** A read-only tmpfs. */
  static SmallDisk readOnly(Path mountPoint) {
    return new SmallDisk(mountPoint, "ro,size=1m");
  }

  /**
   * One run's exit code, output (stdout and stderr), and the files on the tmpfs afterwards
   * (relative path to size in bytes; directories end in {@code /}).
   */
  record Outcome(int exitCode, String output, Map<String, Long> files) {
    /** The regular files left, by relative path. */
    List<String> regularFiles() {
      return files.keySet().stream().filter(f -> !f.endsWith("/")).toList();
    }
  }

  /** The first run on the small disk and, if asked for, the rerun after growing it. */
  record Session(Outcome first, Outcome rerun) {}

  /** Runs {@code gradex args} once on the small disk. */
  Session run(Path work, List<String> jvm, String... args) throws Exception {
    return session(work, null, null, jvm, args);
  }

  /**
   * Runs {@code gradex args} on the small disk, then grows the tmpfs to {@code grownSize} (made
   * writable) and runs it again; the tmpfs's content is then copied to {@code copyTo} for checks.
   */
  Session runThenGrow(Path work, String grownSize, Path copyTo, List<String> jvm, String... args)
      throws Exception {
    return session(work, grownSize, copyTo, jvm, args);
  }

  private Session session(
      Path work, String grownSize, Path copyTo, List<String> jvm, String... args) throws Exception {
    Files.createDirectories(work);
    Files.createDirectories(mountPoint);
    String java = shell(Cli.command(GradexCli.class.getName(), jvm, args));
    List<String> lines = new ArrayList<>();
    lines.add("set -u");
    lines.add("m=" + q(mountPoint.toString()));
    lines.add("mount -t tmpfs -o " + q(options) + " tmpfs \"$m\" || exit 97");
    lines.addAll(runLines(work, 1, java));
    if (grownSize != null) {
      Files.createDirectories(copyTo);
      lines.add("mount -o remount,rw,size=" + q(grownSize) + " \"$m\" || exit 98");
      lines.addAll(runLines(work, 2, java));
      lines.add("cp -a \"$m/.\" " + q(copyTo.toString()) + " || exit 99");
    }
    Path script = work.resolve("small-disk.sh");
    Files.writeString(script, String.join("\n", lines) + "\n");
    Path log = work.resolve("unshare.log");
    Process p =
        new ProcessBuilder("unshare", "-rm", "sh", script.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(MINUTES * (grownSize == null ? 1 : 2), TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("gradex " + String.join(" ", args) + " on a small disk ran over");
    }
    String why = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue())
        .as(
            "unshare -rm with a tmpfs at %s failed (a private mount namespace is required): %s",
            mountPoint, why)
        .isZero();
    return new Session(outcome(work, 1), grownSize == null ? null : outcome(work, 2));
  }

  /** Runs the command, records its exit code and lists the tmpfs (from inside the namespace). */
  private static List<String> runLines(Path work, int n, String java) {
    return List.of(
        java + " > " + q(work.resolve("run" + n + ".log").toString()) + " 2>&1",
        "echo $? > " + q(work.resolve("run" + n + ".rc").toString()),
        "(cd \"$m\" && find . -mindepth 1 \\( -type d -printf '%P/\\t0\\n' \\) -o -printf"
            + " '%P\\t%s\\n') > "
            + q(work.resolve("run" + n + ".files").toString()));
  }

  private static Outcome outcome(Path work, int n) throws IOException {
    int rc = Integer.parseInt(Files.readString(work.resolve("run" + n + ".rc")).strip());
    String output = Files.readString(work.resolve("run" + n + ".log"), StandardCharsets.UTF_8);
    Map<String, Long> files = new LinkedHashMap<>();
    for (String line : Files.readAllLines(work.resolve("run" + n + ".files"))) {
      int tab = line.lastIndexOf('\t');
      files.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)));
    }
    return new Outcome(rc, output, files);
  }

  private static String shell(List<String> words) {
    return String.join(" ", words.stream().map(SmallDisk::q).toList());
  }

  /** Single-quotes {@code s} for sh. */
  private static String q(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
