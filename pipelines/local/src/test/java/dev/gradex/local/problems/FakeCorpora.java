package dev.gradex.local.problems;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A tiny stand-in for the unpacked corpora of tests/setup/corpora.sh, in their layouts: distinct
 * emails per SpamAssassin folder, long addresses per party, and tagged Brown files per genre.
 */
final class FakeCorpora {
  private FakeCorpora() {}

  /** Writes the corpora with {@code emails} emails per folder; returns the directory. */
  static Path write(Path dir, int emails) throws IOException {
    for (String folder :
        new String[] {"easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2"}) {
      Path d = Files.createDirectories(dir.resolve("spam-assassin/data").resolve(folder));
      for (int i = 0; i < emails; i++) {
        String raw =
            "From someone@example.org  Thu Aug 22 13:17:22 2002\n"
                + "Received: from relay\n"
                + "Subject: "
                + folder
                + " message "
                + i
                + "\n\n<html><b>Hello</b> this is the body of "
                + folder
                + " number "
                + i
                + ", with enough words to pass the shortest length.</html>\n";
        Files.writeString(
            d.resolve(String.format(Locale.ROOT, "%05d.abc.json", i)),
            "{\"id\":\"" + i + "\",\"group\":\"" + folder + "\",\"text\":" + quote(raw) + "}");
      }
    }
    Path sotu = Files.createDirectories(dir.resolve("sotu/data"));
    String[][] addresses = {
      {"1900_a_d", "Democratic"}, {"1901_b_r", "Republican"}, {"1790_w_n", "none"}
    };
    for (String[] a : addresses) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 1200; i++) {
        text.append("The ")
            .append(a[1])
            .append(" nation pledged sentence number ")
            .append(i)
            .append(" of address ")
            .append(a[0])
            .append(" to the Congress assembled. ");
      }
      Files.writeString(
          sotu.resolve(a[0] + ".json"),
          "{\"year\":1900,\"name\":\"x\",\"party\":\""
              + a[1]
              + "\",\"text\":"
              + quote(text.toString())
              + "}");
    }
    Path brown = Files.createDirectories(dir.resolve("brown"));
    for (String genre : new String[] {"a", "k", "j", "p", "b", "d", "e", "h", "n"}) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 400; i++) {
        text.append("\n\n\tThe/at genre/nn ")
            .append(genre)
            .append("/np paragraph/nn ")
            .append(i)
            .append("/cd tells/vbz a/at long/jj story/nn about/in things/nns ,/, people/nns and/cc")
            .append(" places/nns ./.\n");
      }
      Files.writeString(brown.resolve("c" + genre + "01"), text.toString());
    }
    Files.writeString(brown.resolve("CONTENTS"), "not a genre file");
    return dir;
  }

  /** A model directory with the one file the builder checks for. */
  static Path model(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.json"), "{}");
    return dir;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
