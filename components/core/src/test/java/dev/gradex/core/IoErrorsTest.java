package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {
  @Test
  void fullDiskWhileWritingNamesTheFileAndTheReasonOnce() {
    var e =
        new UncheckedIOException(
            "cannot write /out/scores.csv", new IOException("No space left on device"));
    assertThat(IoErrors.message(new RuntimeException(e)))
        .contains("cannot write /out/scores.csv: No space left on device");
  }

  @Test
  void fileSystemExceptionsPathIsNotRepeated() {
    var ro = new FileSystemException("/out/.gradex.lock", null, "Read-only file system");
    assertThat(IoErrors.message(new UncheckedIOException("cannot lock /out/.gradex.lock", ro)))
        .contains("cannot lock /out/.gradex.lock: Read-only file system");
    assertThat(IoErrors.message(ro)).contains("/out/.gradex.lock: Read-only file system");
  }

  @Test
  void uncheckedIoExceptionWithoutAMessageOfItsOwnIsTheCause() {
    var e = new UncheckedIOException(new IOException("No space left on device"));
    assertThat(IoErrors.message(e)).contains("No space left on device");
  }

  @Test
  void anythingElseIsNotAnIoFailure() {
    assertThat(IoErrors.message(new IllegalStateException("bug"))).isEmpty();
  }
}
