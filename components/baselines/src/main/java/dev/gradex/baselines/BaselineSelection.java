package dev.gradex.baselines;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gradex.core.AtomicFiles;
import dev.gradex.core.Csv;
import dev.gradex.core.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A baseline's answer: every source ranked by the method's score, the top ones selected.
 *
 * @param method the method that ranked
 * @param ranking every source, best (highest score) first
 * @param selected the selected sources, best first: a prefix of the ranking
 * @param seed the seed (used by {@link SelectionMethod#RANDOM}; recorded for every method)
 */
public record BaselineSelection(
    SelectionMethod method, List<SourceScore> ranking, List<String> selected, long seed) {
  /** The selection file, named and shaped as estimate-subsets writes it. */
  public static final String FILE = "selection.json";

  /** The ranking as a table. */
  public static final String RANKING_CSV = "ranking.csv";

  public BaselineSelection {
    ranking = List.copyOf(ranking);
    selected = List.copyOf(selected);
  }

  /**
   * Writes {@code dir/ranking.csv} and then {@code dir/selection.json}, each atomically (temporary
   * file, then rename), so a reader never sees a partial file and a selection file present means
   * its ranking is too. {@code selection.json} has the fields of estimate-subsets' file that apply
   * to a baseline ({@code rule}, {@code selected}, {@code ranking}, {@code warnings}, {@code
   * scoring}); the fine-tune stage reads its {@code selected} list.
   */
  public void writeTo(Path dir) {
    Csv.Table csv = Csv.table("rank", "source", "score", "selected");
    Set<String> chosen = Set.copyOf(selected);
    for (int i = 0; i < ranking.size(); i++) {
      SourceScore s = ranking.get(i);
      csv.row(i + 1, s.source(), s.score(), chosen.contains(s.source()));
    }
    AtomicFiles.write(dir.resolve(RANKING_CSV), csv.bytes());
    AtomicFiles.writeString(dir.resolve(FILE), json());
  }

  private String json() {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("kind", "baseline");
    rule.put("method", method.cliName());
    rule.put("count", selected.size());
    rule.put("seed", seed);
    rule.put("score", Baselines.scoreDescription(method));
    List<Map<String, Object>> ranked = new ArrayList<>();
    for (SourceScore s : ranking) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("task", s.source());
      r.put("score", s.score());
      ranked.add(r);
    }
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("rule", rule);
    file.put("selected", selected);
    file.put("warnings", List.of());
    file.put("scoring", method.cliName());
    file.put("ranking", ranked);
    try {
      return Json.PRETTY.writeValueAsString(file) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
