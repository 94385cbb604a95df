package dev.gradex.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
  private static final String NASTY = "a,b \"quoted\"\nsecond line";

  @Test
  void fieldWithCommaQuoteAndNewlineRoundTripsThroughAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.csv");
    Files.writeString(
        file, Csv.table("task", "score").row(NASTY, 0.25).row("plain", -1).toString());

    assertThat(Files.readString(file))
        .isEqualTo("task,score\n\"a,b \"\"quoted\"\"\nsecond line\",0.25\nplain,-1\n");
    List<Csv.Row> rows = Csv.read(file);
    assertThat(rows)
        .extracting(Csv.Row::fields)
        .containsExactly(List.of("task", "score"), List.of(NASTY, "0.25"), List.of("plain", "-1"));
    assertThat(rows).extracting(Csv.Row::at).containsExactly(file + ":1", file + ":2", file + ":4");
  }

  @Test
  void rowQuotesOnlyWhatNeedsItAndParsesBack() {
    assertThat(Csv.row(3, 2, "t1;t2", 0.5, "", true)).isEqualTo("3,2,t1;t2,0.5,,true");
    assertThat(Csv.parseRow(Csv.row(1, NASTY, ""))).containsExactly("1", NASTY, "");
  }

  @Test
  void unterminatedQuoteIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "a,b\n\"open,1\n");
    assertThatThrownBy(() -> Csv.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not valid CSV");
  }
}
