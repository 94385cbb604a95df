package dev.gradex.core.store;

/** The two example sets of a gradient store: auxiliary and target training, target validation. */
public enum Split {
  TRAIN("train"),
  VALIDATION("validation");

  private final String key;

  Split(String key) {
    this.key = key;
  }

  /** Name used in file names and in the manifest's {@code splits} object. */
  public String key() {
    return key;
  }

  String featuresFile() {
    return key + ".features.f32";
  }

  String offsetsFile() {
    return key + ".offsets.f32";
  }

  String tasksFile() {
    return key + ".tasks.i32";
  }

  String tokensFile() {
    return key + ".tokens.i32";
  }

  String idsFile() {
    return key + ".ids.txt";
  }

  /** The data files of this split, in manifest order. */
  java.util.List<String> files() {
    return java.util.List.of(featuresFile(), offsetsFile(), tasksFile(), tokensFile(), idsFile());
  }
}
