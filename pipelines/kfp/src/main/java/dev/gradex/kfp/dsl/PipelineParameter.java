package dev.gradex.kfp.dsl;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline input parameter with its default (every GradEx knob has one, so a run from the KFP UI
 * needs no typing).
 *
 * <p>A LIST parameter may name the type of its elements, as Python's {@code List[int]} does for the
 * official SDK: a ParallelFor over it then declares its item with that type, and the KFP driver
 * hands each item to the loop's tasks as a number rather than a string. Without an element type the
 * item is a STRING, as for the SDK's bare {@code list}.
 *
 * @param name identifier shown in the KFP UI
 * @param type parameter type
 * @param elementType type of each element of a LIST; null for an untyped list and for other types
 * @param defaultValue String, Number, Boolean, List or Map matching {@code type} (and each element
 *     {@code elementType}); null for required
 */
public record PipelineParameter(
    String name, ParameterType type, ParameterType elementType, Object defaultValue) {
  public PipelineParameter {
    Problems p =
        new Problems("pipeline parameter " + name)
            .required("name", name)
            .required("type", type)
            .identifier("name", name);
    if (elementType != null) {
      p.check(type == ParameterType.LIST, "element type " + elementType + " needs type LIST")
          .check(elementType != ParameterType.LIST, "element type must not be LIST (no nesting)");
    }
    if (type != null && defaultValue != null) {
      p.check(fits(type, defaultValue), "default " + defaultValue + " is not a " + type);
      if (elementType != null && defaultValue instanceof List<?> list) {
        for (Object element : list) {
          p.check(
              element != null && fits(elementType, element),
              "default element " + element + " is not a " + elementType);
        }
      }
    }
    p.throwIfAny();
  }

  /** A parameter of a scalar type, STRUCT or an untyped LIST. */
  public static PipelineParameter of(String name, ParameterType type, Object defaultValue) {
    return new PipelineParameter(name, type, null, defaultValue);
  }

  /** A LIST parameter whose elements are {@code elementType}s. */
  public static PipelineParameter listOf(
      String name, ParameterType elementType, List<?> defaultValue) {
    return new PipelineParameter(name, ParameterType.LIST, elementType, defaultValue);
  }

  /** The type of a LIST's elements, when declared. */
  public Optional<ParameterType> element() {
    return Optional.ofNullable(elementType);
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
      case STRUCT -> v instanceof Map;
    };
  }
}
