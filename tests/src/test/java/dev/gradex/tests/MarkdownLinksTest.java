package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front page stays a front page and its links hold: README.md is under 12 KB, and every
 * relative link of the README, the CHANGELOG, BENCHMARKS.md and the pages under docs/ names a file
 * of the repository and, for a Markdown file, a heading it has (GitHub's anchor of it).
 */
class MarkdownLinksTest {
  /** 12 KiB: the README holds what GradEx is, the two commands, a tour and links. */
  static final int README_LIMIT = 12 * 1024;

  private static final Pattern LINK =
      Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

  /** One link of a Markdown file: its 1-based line and its target as written. */
  record Link(int line, String target) {}

  @Test
  void readmeIsUnderTwelveKilobytes() throws IOException {
    long size = Files.size(Python.root().resolve("README.md"));
    assertThat(size).as("README.md bytes").isLessThan(README_LIMIT).isGreaterThan(2_000);
  }

  @Test
  void linksAreFoundOutsideCodeOnly() {
    String text =
        String.join(
            "\n",
            "See [the method](docs/method.md#stage-1-meta-training) and",
            "![a figure](charts/x.png \"title\") but not `[code](nowhere.md)`.",
            "```",
            "[fenced](nowhere-either.md)",
            "```",
            "[web](https://example.com) [here](#two-commands) [a text over",
            "two lines](docs/testing.md)");
    assertThat(links(text))
        .containsExactly(
            new Link(1, "docs/method.md#stage-1-meta-training"),
            new Link(2, "charts/x.png"),
            new Link(6, "https://example.com"),
            new Link(6, "#two-commands"),
            new Link(7, "docs/testing.md"));
  }

  @Test
  void aMissingFileOrHeadingIsReported(@TempDir Path dir) throws IOException {
    // Not "docs/": DocsCitationsTest reads this source and would look for these headings there.
    Files.createDirectories(dir.resolve("pages"));
    Files.writeString(dir.resolve("pages/a.md"), "# Page A\n\n## Two words\n");
    Path readme = dir.resolve("README.md");
    Files.writeString(
        readme,
        "[ok](pages/a.md#two-words) [no file](pages/b.md) [no heading](pages/a.md#three)"
            + " [outside](../x.md) [self](#missing)\n");
    assertThat(broken(dir, readme))
        .containsExactly(
            "README.md:1 -> pages/b.md: no such file",
            "README.md:1 -> pages/a.md#three: no such heading",
            "README.md:1 -> ../x.md: outside the repository",
            "README.md:1 -> #missing: no such heading");
  }

  @Test
  void everyRelativeLinkOfTheDocsNamesAFileAndHeadingThatExist() throws IOException {
    Path root = Python.root();
    List<Path> pages = new ArrayList<>();
    for (String top : List.of("README.md", "CHANGELOG.md", "BENCHMARKS.md")) {
      pages.add(root.resolve(top));
    }
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages) {
      assertThat(page).as("page").isRegularFile();
      broken.addAll(broken(root, page));
      checked += links(Files.readString(page, StandardCharsets.UTF_8)).size();
    }
    assertThat(broken).as("broken links").isEmpty();
    // The README alone links the seven docs pages, BENCHMARKS and the CHANGELOG.
    assertThat(checked).isGreaterThan(40);
  }

  /** Every link of {@code page} (under {@code root}) that names no file or heading, described. */
  static List<String> broken(Path root, Path page) throws IOException {
    List<String> out = new ArrayList<>();
    String name = root.relativize(page).toString();
    for (Link link : links(Files.readString(page, StandardCharsets.UTF_8))) {
      String t = link.target();
      if (t.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
        continue; // https:, mailto: and the like
      }
      int hash = t.indexOf('#');
      String file = hash < 0 ? t : t.substring(0, hash);
      String anchor = hash < 0 ? null : t.substring(hash + 1);
      Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
      String where = name + ":" + link.line() + " -> " + t;
      if (!target.startsWith(root.normalize())) {
        out.add(where + ": outside the repository");
      } else if (!Files.exists(target)) {
        out.add(where + ": no such file");
      } else if (anchor != null
          && target.toString().endsWith(".md")
          && !DocsCitationsTest.anchorsOf(target).contains(anchor)) {
        out.add(where + ": no such heading");
      }
    }
    return out;
  }

  /**
   * The inline links of a Markdown text, outside code fences and code spans, in order; a link's
   * text may run over a line break.
   */
  static List<Link> links(String text) {
    StringBuilder prose = new StringBuilder();
    boolean fenced = false;
    for (String line : text.split("\n", -1)) {
      boolean fence = line.startsWith("```");
      if (fence) {
        fenced = !fenced;
      }
      // Code is blanked, not removed, so that offsets still give line numbers.
      String kept = fence || fenced ? "" : line;
      Matcher code = CODE_SPAN.matcher(kept);
      StringBuilder blanked = new StringBuilder();
      while (code.find()) {
        code.appendReplacement(blanked, " ".repeat(code.group().length()));
      }
      code.appendTail(blanked);
      prose.append(blanked).append('\n');
    }
    List<Link> out = new ArrayList<>();
    Matcher m = LINK.matcher(prose);
    while (m.find()) {
      int line = 1 + (int) prose.substring(0, m.start(1)).chars().filter(c -> c == '\n').count();
      out.add(new Link(line, m.group(1)));
    }
    return out;
  }
}
