package dev.gradex.watch;

import java.io.IOException;

/** Computes the content digest ({@code sha256:<hex>}) of one source URI, and its size. */
@FunctionalInterface
public interface SourceDigester {
  /**
   * A source's digest and total size in bytes (-1 when unknown).
   *
   * @param digest {@code sha256:<hex>}
   * @param bytes total size of its files or objects; -1 if unknown
   */
  record Measure(String digest, long bytes) {}

  String digest(String uri) throws IOException;

  /** Digest and size in one pass; digesters that know sizes override it. */
  default Measure measure(String uri) throws IOException {
    return new Measure(digest(uri), -1);
  }
}
