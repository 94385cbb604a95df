package dev.gradex.tests;

import dev.gradex.cli.GradexCli;
import dev.gradex.component.CommandLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Runs the {@code gradex} command line in this JVM or in a child JVM, capturing its output. */
public final class Cli {
  private Cli() {}

  /** Exit code and captured error stream of one invocation. */
  record Outcome(int exitCode, String stdout, String stderr) {}

  /** Writes a synthetic store in-process (synth-store) and fails the test if that fails. */
  static Path synthStore(Path out, int examples, int tasks, int dim, int helpful, long seed) {
    Outcome o =
        run(
            "synth-store",
            "--out",
            out.toString(),
            "--examples",
            String.valueOf(examples),
            "--tasks",
            String.valueOf(tasks),
            "--dim",
            String.valueOf(dim),
            "--helpful",
            String.valueOf(helpful),
            "--seed",
            String.valueOf(seed),
            "--quiet");
    if (o.exitCode() != 0) {
      throw new AssertionError("synth-store failed: " + o.stderr());
    }
    return out;
  }

  /** In-process: fast; picocli's error stream is captured. */
  static Outcome run(String... args) {
    CommandLine cl = CommandLines.create(new GradexCli());
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(out, true));
    int code = cl.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  /** A child JVM with the given JVM options, started but not waited for. */
  static Process start(List<String> jvmOptions, Path log, String... args) throws IOException {
    return start(jvmOptions, java.util.Map.of(), log, args);
  }

  /** A child JVM with extra environment variables, started but not waited for. */
  static Process start(
      List<String> jvmOptions, java.util.Map<String, String> env, Path log, String... args)
      throws IOException {
    return start(GradexCli.class.getName(), jvmOptions, env, log, args);
  }

  /** A child JVM running {@code mainClass} (e.g. a component's own main), not waited for. */
  public static Process start(
      String mainClass,
      List<String> jvmOptions,
      java.util.Map<String, String> env,
      Path log,
      String... args)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command(mainClass, jvmOptions, args))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  /** The command line of a child JVM running {@code mainClass} with this test's class path. */
  static List<String> command(String mainClass, List<String> jvmOptions, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** A child JVM run to completion (at most {@code minutes}). */
  static Outcome runChild(List<String> jvmOptions, Path log, int minutes, String... args)
      throws IOException, InterruptedException {
    return runChild(jvmOptions, log, minutes, java.util.Map.of(), args);
  }

  /** A child JVM with extra environment variables, run to completion. */
  static Outcome runChild(
      List<String> jvmOptions,
      Path log,
      int minutes,
      java.util.Map<String, String> env,
      String... args)
      throws IOException, InterruptedException {
    return runChild(GradexCli.class.getName(), jvmOptions, log, minutes, env, args);
  }

  /** A child JVM running {@code mainClass} with extra environment variables, to completion. */
  static Outcome runChild(
      String mainClass,
      List<String> jvmOptions,
      Path log,
      int minutes,
      java.util.Map<String, String> env,
      String... args)
      throws IOException, InterruptedException {
    Process p = start(mainClass, jvmOptions, env, log, args);
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(
          "gradex " + String.join(" ", args) + " ran over " + minutes + " min");
    }
    String text = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
    return new Outcome(p.exitValue(), text, text);
  }
}
