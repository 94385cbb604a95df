package dev.gradex.tests;

import java.util.List;

/** The set-up scripts under tests/setup, run from the tests the way ./gradex-test runs them. */
final class Setup {
  private Setup() {}

  /**
   * Runs {@code script} (a path from the repository root) with bash and returns the last line of
   * its output: the directory it prepared (each script prints it last). A failing script fails the
   * calling test with its output.
   */
  static String lastLine(String script) throws Exception {
    String out = Python.run(List.of("bash", Python.root().resolve(script).toString()), script);
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
