package dev.gradex.model.safetensors;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the safetensors reader: any bytes either open as a {@link SafeTensorsFile} whose every
 * float tensor reads with as many values as its shape holds, or are refused with an {@link
 * InvalidInputException} naming the file; any other throwable (an OutOfMemoryError from a header
 * that lies about its length included) is a finding. Corpus: {@code
 * SafeTensorsFileFuzzTestInputs/anyFileOpensOrIsRefused}.
 */
class SafeTensorsFileFuzzTest {
  @TempDir static Path dir;

  @FuzzTest(maxDuration = "20s")
  void anyFileOpensOrIsRefused(byte[] bytes) throws IOException {
    Path file = dir.resolve("model.safetensors");
    Files.write(file, bytes);
    try (SafeTensorsFile st = SafeTensorsFile.open(file)) {
      for (TensorInfo t : st.tensors().values()) {
        if (t.dtype().convertibleToFloat()) {
          float[] values = st.readFloats(t.name());
          if (values.length != t.elementCount()) {
            throw new AssertionError(t.name() + ": " + values.length + " values");
          }
        }
      }
    } catch (InvalidInputException refused) {
      if (!refused.getMessage().startsWith(file.toString())) {
        throw new AssertionError("the refusal does not name the file: " + refused.getMessage());
      }
    }
  }
}
