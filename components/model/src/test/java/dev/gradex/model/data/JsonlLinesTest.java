package dev.gradex.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradex.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlLinesTest {
  @TempDir Path dir;

  private List<String> lines(byte[] bytes, int max) throws IOException {
    Path f = dir.resolve("d.jsonl");
    Files.write(f, bytes);
    List<String> out = new ArrayList<>();
    JsonlLines.forEach(f, max, (n, line) -> out.add(n + "=" + line));
    return out;
  }

  @Test
  void linesEndAtLfCrLfOrLoneCrAsBufferedReaderHasIt() throws IOException {
    byte[] b = "a\r\nb\rc\n\nd".getBytes(StandardCharsets.UTF_8);
    assertThat(lines(b, 100)).containsExactly("1=a", "2=b", "3=c", "4=", "5=d");
    assertThat(lines("x\n".getBytes(StandardCharsets.UTF_8), 100)).containsExactly("1=x");
  }

  @Test
  void crLfSplitAcrossTheSixtyFourKibibyteReadIsOneLineEnd() throws IOException {
    String first = "a".repeat((1 << 16) - 1);
    byte[] b = (first + "\r\nb\n").getBytes(StandardCharsets.UTF_8);
    assertThat(lines(b, 1 << 20)).containsExactly("1=" + first, "2=b");
  }

  @Test
  void byteOrderMarkBeforeTheFirstLineIsDropped() throws IOException {
    byte[] b = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i', '\n', 'y'};
    assertThat(lines(b, 100)).containsExactly("1=hi", "2=y");
  }

  @Test
  void multiByteTextAndAGenuineReplacementCharacterDecodeExactly() throws IOException {
    assertThat(lines("é€😀\uFFFD\n".getBytes(StandardCharsets.UTF_8), 100))
        .containsExactly("1=é€😀\uFFFD");
  }

  @Test
  void invalidUtf8IsRefusedNamingFileLineAndByte() {
    byte[] b = {'o', 'k', '\n', '{', '"', (byte) 0xC3, '"', '}', '\n'};
    assertThatThrownBy(() -> lines(b, 100))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("d.jsonl:2: not valid UTF-8 at byte 3 of the line; records must be UTF-8 text");
  }

  @Test
  void recordLongerThanTheLimitIsRefusedNamingItsLine() throws IOException {
    byte[] b = ("short\n" + "x".repeat(11) + "\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> lines(b, 10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("d.jsonl:2: record is longer than 10 bytes; split it or shorten its text");
    byte[] atTheLimit = "x".repeat(10).getBytes(StandardCharsets.UTF_8);
    assertThat(lines(atTheLimit, 10)).containsExactly("1=" + "x".repeat(10));
  }

  @Test
  void datasetRefusesARecordOverSixteenMebibytesWithoutReadingItAll() throws IOException {
    Path f = dir.resolve("long.jsonl");
    byte[] huge = new byte[JsonlLines.MAX_RECORD_BYTES + 1];
    Arrays.fill(huge, (byte) 'a');
    Files.write(f, "{\"text\":\"ok\",\"label\":0}\n".getBytes(StandardCharsets.UTF_8));
    Files.write(f, huge, java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> Dataset.read(f, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("long.jsonl:2: record is longer than 16777216 bytes");
  }

  @Test
  void datasetAndLabelMapRefuseInvalidUtf8NamingTheLine() throws IOException {
    Path f = dir.resolve("latin1.jsonl");
    byte[] latin1 =
        "{\"text\":\"caf\u00e9\",\"label\":\"pos\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(f, latin1);
    assertThatThrownBy(() -> Dataset.read(f, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "latin1.jsonl:1: not valid UTF-8 at byte 13 of the line; records must be UTF-8 text");
    assertThatThrownBy(() -> LabelMap.fromTraining(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("latin1.jsonl:1: not valid UTF-8");
  }
}
