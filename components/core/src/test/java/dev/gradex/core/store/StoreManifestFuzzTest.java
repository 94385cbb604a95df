package dev.gradex.core.store;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the gradient-store manifest reader: any bytes as {@code manifest.json} (edited by hand,
 * truncated, from another version) either pass the header checks or are refused with an {@link
 * InvalidInputException} naming {@code manifest.json}; any other throwable is a finding. The store
 * has no data files, so a manifest that passes its header checks must then be refused naming a
 * missing file. Corpus: {@code StoreManifestFuzzTestInputs/anyManifestOpensOrIsRefused}.
 */
class StoreManifestFuzzTest {
  @TempDir static Path dir;

  @FuzzTest(maxDuration = "20s")
  void anyManifestOpensOrIsRefused(byte[] bytes) throws IOException {
    Files.write(dir.resolve(StoreManifest.FILE), bytes);
    StoreManifest m;
    try {
      m = ManifestJson.read(dir);
      ManifestChecks.checkHeader(m);
    } catch (InvalidInputException refused) {
      if (!refused.getMessage().startsWith(StoreManifest.FILE)) {
        throw new AssertionError("the refusal does not name the manifest: " + refused.getMessage());
      }
      return;
    }
    try (GradientStore store = GradientStore.open(dir, false)) {
      throw new AssertionError("a store without data files opened: " + store.manifest());
    } catch (InvalidInputException refused) {
      // a data file the manifest names is missing: expected
    }
  }
}
