package dev.gradex.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Optional;

/**
 * One line for an I/O failure the user can fix (a full disk, a read-only or unwritable output, a
 * missing directory): what was being done and to which path, then the operating system's reason,
 * e.g. {@code cannot write /out/scores.csv: No space left on device}. The front-ends print it as
 * {@code error: ...} and exit 2 instead of a stack trace.
 */
public final class IoErrors {
  private IoErrors() {}

  /** The message of the outermost I/O failure in {@code t}'s cause chain, if there is one. */
  public static Optional<String> message(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UncheckedIOException u) {
        return Optional.of(join(u.getMessage(), u.getCause()));
      }
      if (c instanceof IOException io) {
        return Optional.of(join(null, io));
      }
    }
    return Optional.empty();
  }

  /** {@code context: path: reason}, without repeating the path the context already names. */
  private static String join(String context, IOException io) {
    String detail;
    if (io instanceof FileSystemException fs && fs.getFile() != null) {
      String reason = fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
      detail =
          context != null && context.contains(fs.getFile())
              ? reason
              : fs.getFile()
                  + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "")
                  + ": "
                  + reason;
    } else {
      detail = io.getMessage() != null ? io.getMessage() : io.getClass().getSimpleName();
    }
    if (context == null || context.equals(detail)) {
      return detail;
    }
    // UncheckedIOException(IOException) copies the cause's toString() as its own message
    String cause = io.toString();
    return context.equals(cause) ? detail : context + ": " + detail;
  }
}
