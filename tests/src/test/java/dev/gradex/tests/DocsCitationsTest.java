package dev.gradex.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's citations of its own docs hold: nothing cites the design briefs that live
 * outside the repository, and every {@code docs/<file>.md#<anchor>} cited from a source, the README
 * or another doc names a heading that exists (GitHub's anchor of it).
 */
class DocsCitationsTest {
  /**
   * Names of files outside the repository that the code used to cite (split so this file is clean).
   */
  private static final List<String> OUTSIDE = List.of("ALGORITHM" + ".md", "DESIGN" + ".md");

  private static final Pattern FROM_SOURCES = Pattern.compile("docs/([\\w-]+\\.md)#([\\w-]+)");
  private static final Pattern FROM_DOCS = Pattern.compile("\\]\\(([\\w-]+\\.md)?#([\\w-]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
  private static final Set<String> SKIPPED_DIRS =
      Set.of(".git", ".ci", "target", "node_modules", ".mvn");
  private static final Set<String> TEXT =
      Set.of("java", "md", "yaml", "yml", "xml", "sh", "py", "txt", "json", "jsonl", "tpl");

  @Test
  void githubAnchor_dropsPunctuationAndJoinsWordsWithHyphens() {
    assertThat(anchor("Stage 3: estimating f(S) on CPU")).isEqualTo("stage-3-estimating-fs-on-cpu");
    assertThat(anchor("The linear regime, lambda and the norm cap"))
        .isEqualTo("the-linear-regime-lambda-and-the-norm-cap");
    assertThat(anchor("`gradex watch` and S3_store")).isEqualTo("gradex-watch-and-s3_store");
  }

  @Test
  void noFileCitesTheBriefsOutsideTheRepository() throws IOException {
    List<String> hits = new ArrayList<>();
    for (Path f : repositoryTextFiles()) {
      String text = read(f);
      for (String name : OUTSIDE) {
        if (text != null && text.contains(name) && !f.endsWith("DocsCitationsTest.java")) {
          hits.add(Python.root().relativize(f) + " cites " + name);
        }
      }
    }
    assertThat(hits).isEmpty();
  }

  @Test
  void everyCitedDocsAnchorExists() throws IOException {
    Path root = Python.root();
    Map<String, Set<String>> anchors = new HashMap<>();
    List<String> broken = new ArrayList<>();
    int cited = 0;
    for (Path f : repositoryTextFiles()) {
      String text = read(f);
      if (text == null) {
        continue;
      }
      boolean isDoc = f.getParent().equals(root.resolve("docs")) && f.toString().endsWith(".md");
      List<String[]> citations = new ArrayList<>();
      collect(FROM_SOURCES.matcher(text), null, citations);
      if (isDoc) {
        collect(FROM_DOCS.matcher(text), f.getFileName().toString(), citations);
      }
      for (String[] c : citations) {
        cited++;
        Path doc = root.resolve("docs").resolve(c[0]);
        Set<String> known = anchors.computeIfAbsent(c[0], k -> anchorsOf(doc));
        if (!known.contains(c[1])) {
          broken.add(root.relativize(f) + " -> docs/" + c[0] + "#" + c[1]);
        }
      }
    }
    assertThat(broken).as("citations of missing docs anchors").isEmpty();
    // The method and architecture pages are cited from the code: a scan that finds none is broken.
    assertThat(cited).isGreaterThan(25);
    assertThat(anchors).containsKeys("method.md", "architecture.md");
  }

  private static void collect(Matcher m, String self, List<String[]> out) {
    while (m.find()) {
      out.add(new String[] {m.group(1) != null ? m.group(1) : self, m.group(2)});
    }
  }

  /**
   * GitHub's anchors of a Markdown file's headings (outside code fences); empty if it is absent.
   */
  static Set<String> anchorsOf(Path doc) {
    Set<String> out = new LinkedHashSet<>();
    if (!Files.isRegularFile(doc)) {
      return out;
    }
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    try {
      for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
        if (line.startsWith("```")) {
          fenced = !fenced;
        }
        Matcher h = HEADING.matcher(line);
        if (!fenced && h.matches()) {
          String a = anchor(h.group(1));
          int n = seen.merge(a, 1, Integer::sum) - 1;
          out.add(n == 0 ? a : a + "-" + n);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
  static String anchor(String heading) {
    return heading
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
        .replace(' ', '-');
  }

  private static List<Path> repositoryTextFiles() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Python.root())) {
      files
          .filter(Files::isRegularFile)
          .filter(p -> !skipped(p))
          .filter(p -> TEXT.contains(extension(p)))
          .forEach(out::add);
    }
    return out;
  }

  private static boolean skipped(Path p) {
    for (Path part : Python.root().relativize(p)) {
      if (SKIPPED_DIRS.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  private static String extension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1);
  }

  /** The file as UTF-8, or null if it is not (a binary file with a text extension). */
  private static String read(Path f) throws IOException {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      return null;
    }
  }
}
