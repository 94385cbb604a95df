package dev.gradex.local;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the run configuration reader: any bytes as {@code run.yaml} (next to a small valid data
 * set, so that a well-formed configuration reaches every check) either read as a {@link RunConfig}
 * or are refused with an {@link InvalidInputException} naming the file; any other throwable is a
 * finding, and so is a directory written while reading. Corpus: {@code
 * RunConfigFuzzTestInputs/anyConfigurationReadsOrIsRefused}.
 */
class RunConfigFuzzTest {
  @TempDir static Path dir;

  @BeforeAll
  static void data() {
    new ArithmeticSources(1, 1, 1, 0, 5, 5, 5).write(dir.resolve("data"));
  }

  @FuzzTest(maxDuration = "20s")
  void anyConfigurationReadsOrIsRefused(byte[] bytes) throws IOException {
    Path file = dir.resolve("run.yaml");
    Files.write(file, bytes);
    try {
      RunConfig.read(file);
    } catch (InvalidInputException refused) {
      if (!refused.getMessage().startsWith(file.toString())) {
        throw new AssertionError("the refusal does not name the file: " + refused.getMessage());
      }
    }
    try (var entries = Files.list(dir)) {
      long n = entries.count();
      if (n != 2) {
        throw new AssertionError("reading wrote into the configuration's directory: " + n);
      }
    }
  }
}
