package dev.gradex.kfp.dsl;

/**
 * Command-line placeholders that the KFP launcher replaces at run time, in the syntax of the IR.
 */
public final class Placeholders {
  private Placeholders() {}

  /** The value of input parameter {@code name}. */
  public static String inputValue(String name) {
    return "{{$.inputs.parameters['" + name + "']}}";
  }

  /** The local path of input artifact {@code name}. */
  public static String inputPath(String name) {
    return "{{$.inputs.artifacts['" + name + "'].path}}";
  }

  /** The URI of input artifact {@code name}. */
  public static String inputUri(String name) {
    return "{{$.inputs.artifacts['" + name + "'].uri}}";
  }

  /** The local path where output artifact {@code name} must be written. */
  public static String outputPath(String name) {
    return "{{$.outputs.artifacts['" + name + "'].path}}";
  }

  /** The local path where output parameter {@code name} must be written. */
  public static String outputParameterPath(String name) {
    return "{{$.outputs.parameters['" + name + "'].output_file}}";
  }

  /** The whole executor input as JSON (it names the executor output file, for metrics). */
  public static String executorInput() {
    return "{{$}}";
  }
}
