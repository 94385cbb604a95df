package dev.gradex.kfp.dsl;

import java.util.List;

/**
 * A pipeline input parameter with its default (every GradEx knob has one, so a run from the KFP UI
 * needs no typing).
 *
 * @param name identifier shown in the KFP UI
 * @param type parameter type
 * @param defaultValue String, Number, Boolean or List matching {@code type}; null for required
 */
public record PipelineParameter(String name, ParameterType type, Object defaultValue) {
  public PipelineParameter {
    Problems p =
        new Problems("pipeline parameter " + name)
            .required("name", name)
            .required("type", type)
            .identifier("name", name);
    if (type != null && defaultValue != null) {
      p.check(fits(type, defaultValue), "default " + defaultValue + " is not a " + type);
    }
    p.throwIfAny();
  }

  public static PipelineParameter of(String name, ParameterType type, Object defaultValue) {
    return new PipelineParameter(name, type, defaultValue);
  }

  /** This parameter as a task input. */
  public Value value() {
    return new Value.PipelineInput(this);
  }

  static boolean fits(ParameterType type, Object v) {
    return switch (type) {
      case STRING -> v instanceof String;
      case NUMBER_INTEGER -> v instanceof Integer || v instanceof Long;
      case NUMBER_DOUBLE -> v instanceof Number;
      case BOOLEAN -> v instanceof Boolean;
      case LIST -> v instanceof List;
      case STRUCT -> v instanceof java.util.Map;
    };
  }
}
