package dev.gradex.model.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the JSONL reading of user records: any bytes as a data file either read as a {@link
 * Dataset} (with the labels {@link LabelMap#fromTraining} finds in them) or are refused with an
 * {@link InvalidInputException} naming the file; any other throwable is a finding. The corpus is
 * under {@code DatasetFuzzTestInputs/anyFileReadsOrIsRefused}; docs/reliability.md says how to
 * fuzz.
 */
class DatasetFuzzTest {
  @TempDir static Path dir;

  @FuzzTest(maxDuration = "20s")
  void anyFileReadsOrIsRefused(byte[] bytes) throws IOException {
    Path file = dir.resolve("records.jsonl");
    Files.write(file, bytes);
    try {
      LabelMap labels = LabelMap.fromTraining(file);
      Dataset d = Dataset.read(file, null, labels);
      if (d.size() == 0 || d.examples().stream().anyMatch(e -> e.id().isEmpty())) {
        throw new AssertionError("read without records or with an empty id: " + d.examples());
      }
    } catch (InvalidInputException refused) {
      if (!refused.getMessage().contains("records.jsonl")) {
        throw new AssertionError("the refusal does not name the file: " + refused.getMessage());
      }
    }
  }
}
