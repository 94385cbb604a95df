package dev.gradex.core;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The one home of CSV (Apache Commons CSV): every table GradEx writes or reads uses RFC 4180 with
 * {@code \n} line ends and minimal quoting, so a field with a comma, a quote or a line break
 * round-trips, and readers parse records, not lines.
 */
public final class Csv {
  private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
  private static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

  private Csv() {}

  /** One record read from a file: its fields and where it starts ({@code file:line}). */
  public record Row(String at, List<String> fields) {
    public Row {
      fields = List.copyOf(fields);
    }

    /** Field {@code i}. */
    public String get(int i) {
      return fields.get(i);
    }

    /** Number of fields. */
    public int size() {
      return fields.size();
    }
  }

  /** A table being written: a header and rows, each record ended by {@code \n}. */
  public static final class Table {
    private final StringBuilder text = new StringBuilder();
    private final CSVPrinter printer;

    private Table(List<String> header) {
      try {
        printer = new CSVPrinter(text, WRITE);
        printer.printRecord(header);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a StringBuilder does not fail
      }
    }

    /** Appends one record; each value is written as its {@link String#valueOf}. */
    public Table row(Object... fields) {
      return row(Arrays.asList(fields));
    }

    /** Appends one record. */
    public Table row(Iterable<?> fields) {
      try {
        printer.printRecord(fields);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** The table's text, header first. */
    @Override
    public String toString() {
      return text.toString();
    }

    /** The table's text as UTF-8. */
    public byte[] bytes() {
      return toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A new table with these column names. */
  public static Table table(String... header) {
    return new Table(Arrays.asList(header));
  }

  /** One record as text, without a line end (quoted as in a {@link Table}). */
  public static String row(Object... fields) {
    return row(Arrays.asList(fields));
  }

  /** One record as text, without a line end. */
  public static String row(Iterable<?> fields) {
    StringBuilder sb = new StringBuilder();
    try {
      CSVFormat.RFC4180.builder().setRecordSeparator("").get().printRecord(sb, toArray(fields));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString();
  }

  private static Object[] toArray(Iterable<?> fields) {
    List<Object> list = new ArrayList<>();
    fields.forEach(list::add);
    return list.toArray();
  }

  /** The fields of one record written by {@link #row} (it may span lines inside quotes). */
  public static List<String> parseRow(String record) {
    List<Row> rows = parse(new StringReader(record), "record");
    if (rows.size() != 1) {
      throw new InvalidInputException("record", "expected one CSV record, found " + rows.size());
    }
    return rows.get(0).fields();
  }

  /**
   * Every record of {@code file}, header included, each naming where it starts. Empty lines are
   * skipped.
   *
   * @throws InvalidInputException naming the file if it cannot be read or is not valid CSV
   */
  public static List<Row> read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage());
    }
  }

  private static List<Row> parse(Reader in, String name) {
    List<Row> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(READ).get()) {
      long nextLine = 1;
      for (CSVRecord r : parser) {
        rows.add(new Row(name + ":" + nextLine, r.toList()));
        nextLine = parser.getCurrentLineNumber() + 1;
      }
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidInputException(name, "not valid CSV: " + e.getMessage());
    }
    return rows;
  }
}
