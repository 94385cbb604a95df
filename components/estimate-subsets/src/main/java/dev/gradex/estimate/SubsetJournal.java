package dev.gradex.estimate;

import dev.gradex.core.progress.ProgressEvent;
import dev.gradex.core.progress.ProgressListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Append-only record of finished subset estimates, so that a killed run resumes where it stopped
 * and ends with the same bytes. Line format: {@code <index> <estimated loss> <subsets.csv row>}.
 * The first line holds the run key; a journal with another key (other inputs or settings) is
 * discarded. A torn last line (the process died mid-write) is dropped.
 */
final class SubsetJournal implements AutoCloseable {
  private static final String HEADER = "# gradex subset journal v1 ";

  /** One finished subset: its index in the sampled list, fhat and the CSV row as written. */
  record Entry(int index, double estimatedLoss, String csvRow) {}

  private final Path file;
  private final List<Entry> entries;
  private final BufferedWriter writer;
  private final FileChannel channel;

  private SubsetJournal(Path file, List<Entry> entries, BufferedWriter writer, FileChannel ch) {
    this.file = file;
    this.entries = entries;
    this.writer = writer;
    this.channel = ch;
  }

  /**
   * Opens (or starts) the journal at {@code file} for the given run key, keeping only complete
   * lines that continue the index sequence 0, 1, 2, ...
   */
  static SubsetJournal open(Path file, String runKey, ProgressListener listener) {
    try {
      Files.createDirectories(file.getParent());
      List<Entry> kept = new ArrayList<>();
      long keepBytes = 0;
      if (Files.exists(file)) {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int lineEnd = text.indexOf('\n');
        if (lineEnd > 0 && text.substring(0, lineEnd).equals(HEADER + runKey)) {
          keepBytes = lineEnd + 1;
          int pos = lineEnd + 1;
          while (true) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
              break; // torn or absent last line
            }
            Entry e = parse(text.substring(pos, end), kept.size());
            if (e == null) {
              break;
            }
            kept.add(e);
            pos = end + 1;
            keepBytes = text.substring(0, pos).getBytes(StandardCharsets.UTF_8).length;
          }
        } else {
          listener.on(
              new ProgressEvent.Warning(
                  "discarding a partial run journal made with other inputs or settings"));
        }
      }
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      ch.truncate(keepBytes);
      ch.position(keepBytes);
      BufferedWriter w =
          new BufferedWriter(
              new java.io.OutputStreamWriter(
                  java.nio.channels.Channels.newOutputStream(ch), StandardCharsets.UTF_8));
      if (keepBytes == 0) {
        w.write(HEADER + runKey + "\n");
        w.flush();
      }
      return new SubsetJournal(file, kept, w, ch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open run journal " + file, e);
    }
  }

  private static Entry parse(String line, int expectedIndex) {
    int a = line.indexOf(' ');
    int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
    if (b < 0) {
      return null;
    }
    try {
      int index = Integer.parseInt(line.substring(0, a));
      double loss = Double.parseDouble(line.substring(a + 1, b));
      return index == expectedIndex ? new Entry(index, loss, line.substring(b + 1)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Entries finished before this process started, in index order. */
  List<Entry> resumed() {
    return List.copyOf(entries);
  }

  /** Appends finished entries (in index order) and forces them to disk. */
  void append(List<Entry> batch) {
    try {
      for (Entry e : batch) {
        writer.write(e.index() + " " + e.estimatedLoss() + " " + e.csvRow() + "\n");
      }
      writer.flush();
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to run journal " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
