package dev.gradex.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code selected} list of a {@code selection.json} (estimate-subsets' or a baseline's), the
 * one part every consumer of a selection needs: the fine-tune stage and the baselines read it here.
 */
public final class SelectedSources {
  /** The file name inside a selection directory. */
  public static final String FILE = "selection.json";

  private SelectedSources() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Selection(List<String> selected) {}

  /**
   * The selected source names of {@code dirOrFile} (a directory holding {@value #FILE}, or a {@code
   * .json} file), best first.
   *
   * @throws InvalidInputException naming the file when it is unreadable or has no list
   */
  public static List<String> read(Path dirOrFile) {
    Path file = dirOrFile.toString().endsWith(".json") ? dirOrFile : dirOrFile.resolve(FILE);
    Selection sel;
    try {
      sel = Json.JSON.readValue(file.toFile(), Selection.class);
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage());
    }
    if (sel == null || sel.selected() == null) {
      throw new InvalidInputException(file.toString(), "has no \"selected\" list");
    }
    return List.copyOf(sel.selected());
  }
}
