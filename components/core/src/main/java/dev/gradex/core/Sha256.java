package dev.gradex.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one home of SHA-256: every digest in manifests, cache keys and source digests is the
 * lowercase hex of a SHA-256 computed here.
 */
public final class Sha256 {
  private Sha256() {}

  /** A fresh SHA-256 digest, for streaming callers. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  /** Lowercase hex of a finished digest. */
  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  /** Lowercase hex SHA-256 of bytes. */
  public static String of(byte[] bytes) {
    return hex(newDigest().digest(bytes));
  }

  /** Lowercase hex SHA-256 of a string's UTF-8 bytes. */
  public static String of(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Lowercase hex SHA-256 of a file, streamed. */
  public static String of(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Lowercase hex SHA-256 of a stream's remaining bytes (the stream is not closed). */
  public static String of(InputStream in) throws IOException {
    MessageDigest md = newDigest();
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) > 0; ) {
      md.update(buf, 0, n);
    }
    return hex(md.digest());
  }
}
