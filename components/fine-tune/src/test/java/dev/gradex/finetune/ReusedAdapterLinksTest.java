package dev.gradex.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Sha256;
import dev.gradex.model.lora.PeftFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reused adapter directory (incremental reselection) is copied file by file into the new
 * fine-tune's adapter: a symbolic link in it, e.g. to a mounted service-account token, is refused
 * before anything is read or copied.
 */
class ReusedAdapterLinksTest {
  @TempDir Path tmp;

  @Test
  void linkInTheReusedAdapter_isRefusedBeforeTheDigest() throws Exception {
    Path from = Files.createDirectories(tmp.resolve("theta"));
    Files.writeString(from.resolve(PeftFiles.WEIGHTS), "weights");
    Path token = Files.writeString(tmp.resolve("token"), "eyJhbGciOi...");
    Files.createSymbolicLink(from.resolve("notes.txt"), token);

    assertThatThrownBy(() -> ReusedAdapter.weightsDigest(from))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            from.resolve("notes.txt")
                + ": is a symbolic link (to "
                + token
                + "); a reused adapter directory holds regular files only");
  }

  @Test
  void regularFilesOnly_digestTheWeights() throws Exception {
    Path from = Files.createDirectories(tmp.resolve("theta"));
    Path weights = Files.writeString(from.resolve(PeftFiles.WEIGHTS), "weights");

    assertThat(ReusedAdapter.weightsDigest(from)).isEqualTo(Sha256.of(weights));
  }
}
