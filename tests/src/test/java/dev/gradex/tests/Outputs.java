package dev.gradex.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the files estimate-subsets and synth-store write, as a user's script would. */
final class Outputs {
  private Outputs() {}

  /** scores.csv as task -> score. */
  static Map<String, Double> scores(Path out) throws IOException {
    List<String> lines = Files.readAllLines(out.resolve("scores.csv"));
    if (!lines.get(0).equals("task,score,count")) {
      throw new AssertionError("scores.csv header is " + lines.get(0));
    }
    Map<String, Double> m = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      m.put(f[0], Double.parseDouble(f[1]));
    }
    return m;
  }

  static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  /** Names in truth.json's list {@code role} ("helpful", "noisy", "neutral"). */
  static Set<String> truth(Path store, String role) throws IOException {
    Set<String> s = new HashSet<>();
    json(store.resolve("truth.json")).path(role).forEach(n -> s.add(n.asText()));
    return s;
  }

  static Set<String> selected(Path out) throws IOException {
    Set<String> s = new HashSet<>();
    json(out.resolve("selection.json")).path("selected").forEach(n -> s.add(n.asText()));
    return s;
  }
}
