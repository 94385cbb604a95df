package dev.gradex.model.data;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
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
      Chunks chunks = new Chunks(in);
      byte[] buf = new byte[256];
      int n = 0;
      int len = 0;
      int b = chunks.next();
      while (b >= 0) {
        if (b == '\n' || b == '\r') {
          n++;
          consumer.accept(n, decode(utf8, buf, len, n == 1, file, n));
          len = 0;
          int next = chunks.next();
          b = b == '\r' && next == '\n' ? chunks.next() : next;
          continue;
        }
        if (len == maxRecordBytes) {
          throw new InvalidInputException(
              where(file, n + 1),
              "record is longer than " + maxRecordBytes + " bytes; split it or shorten its text");
        }
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxRecordBytes));
        }
        buf[len++] = (byte) b;
        b = chunks.next();
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
    ByteBuffer bytes = ByteBuffer.wrap(buf, start, len - start);
    try {
      CharBuffer chars = utf8.reset().decode(bytes);
      return chars.toString();
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

  /** Bytes of a stream one at a time, read 64 KiB at a time. */
  private static final class Chunks {
    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int end;

    Chunks(InputStream in) {
      this.in = in;
    }

    /** The next byte as 0..255, or -1 at the end. */
    int next() throws IOException {
      if (pos == end) {
        end = in.read(chunk);
        pos = 0;
        if (end <= 0) {
          end = 0;
          return -1;
        }
      }
      return chunk[pos++] & 0xFF;
    }
  }

  private static String where(Path file, int line) {
    return file.getFileName() + ":" + line;
  }
}
