package dev.gradex.model.data;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The lines of a JSONL file, decoded as strict UTF-8, one record at a time. A line longer than
 * {@link #MAX_RECORD_BYTES} is refused before more of it is held in memory, and a line that is not
 * valid UTF-8 is refused naming its byte column, both as {@code file:line}; nothing is replaced or
 * skipped silently. Lines end at {@code \n}, {@code \r\n} or a lone {@code \r}, as {@link
 * java.io.BufferedReader#readLine()} has it; a UTF-8 byte order mark before the first line is
 * dropped.
 */
final class JsonlLines {
  /** Longest record accepted, in bytes: far above any text example, far below the heap. */
  static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** Receives each line with its 1-based number. */
  @FunctionalInterface
  interface LineConsumer {
    void accept(int lineNumber, String line);
  }

  private JsonlLines() {}

  /** Passes every line of {@code file} to {@code consumer}, in order. */
  static void forEach(Path file, LineConsumer consumer) {
    forEach(file, MAX_RECORD_BYTES, consumer);
  }

  static void forEach(Path file, int maxRecordBytes, LineConsumer consumer) {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[1 << 16];
      byte[] buf = new byte[256];
      int n = 0;
      int len = 0;
      boolean skipLf = false; // the previous line ended at '\r': a '\n' right after belongs to it
      for (int end = in.read(chunk); end > 0; end = in.read(chunk)) {
        int pos = 0;
        if (skipLf && chunk[0] == '\n') {
          pos = 1;
        }
        skipLf = false;
        while (pos < end) {
          int i = pos;
          while (i < end && chunk[i] != '\n' && chunk[i] != '\r') {
            i++;
          }
          if ((long) len + (i - pos) > maxRecordBytes) {
            throw new InvalidInputException(
                where(file, n + 1),
                "record is longer than " + maxRecordBytes + " bytes; split it or shorten its text");
          }
          if (len + (i - pos) > buf.length) {
            long grown = Math.max((long) buf.length * 2, (long) len + (i - pos));
            buf = Arrays.copyOf(buf, (int) Math.min(grown, maxRecordBytes));
          }
          System.arraycopy(chunk, pos, buf, len, i - pos);
          len += i - pos;
          if (i == end) {
            break;
          }
          n++;
          consumer.accept(n, decode(utf8, buf, len, n == 1, file, n));
          len = 0;
          pos = i + 1;
          if (chunk[i] == '\r') {
            if (pos < end) {
              pos += chunk[pos] == '\n' ? 1 : 0;
            } else {
              skipLf = true;
            }
          }
        }
      }
      if (len > 0) {
        n++;
        consumer.accept(n, decode(utf8, buf, len, n == 1, file, n));
      }
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
  }

  private static String decode(
      CharsetDecoder utf8, byte[] buf, int len, boolean first, Path file, int line) {
    int start = first && startsWithBom(buf, len) ? BOM.length : 0;
    String text = new String(buf, start, len - start, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      return text; // the fast decoder replaces malformed input with U+FFFD, so none was there
    }
    ByteBuffer bytes = ByteBuffer.wrap(buf, start, len - start);
    try {
      return utf8.reset().decode(bytes).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(
          where(file, line),
          "not valid UTF-8 at byte "
              + (bytes.position() + 1)
              + " of the line; records must be UTF-8 text");
    }
  }

  private static boolean startsWithBom(byte[] buf, int len) {
    return len >= 3 && buf[0] == BOM[0] && buf[1] == BOM[1] && buf[2] == BOM[2];
  }

  private static String where(Path file, int line) {
    return file.getFileName() + ":" + line;
  }
}
