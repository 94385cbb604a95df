package dev.gradex.estimate;

/** Minimal RFC 4180 quoting for the few text fields (task names) our CSV files carry. */
final class CsvText {
  private CsvText() {}

  static String field(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
