package dev.gradex.component.settings;

import java.util.List;

/** What values a setting accepts; {@link #problem} says why a value is refused. */
public sealed interface Constraint {
  /** Why {@code value} is refused, or null if it is accepted. */
  String problem(Object value);

  /** The rule as the documentation states it. */
  String describe();

  /** Any value of the type. */
  Constraint NONE = new Described("");

  /** A number &ge; {@code min}. */
  record AtLeast(long min) implements Constraint {
    @Override
    public String problem(Object value) {
      return ((Number) value).doubleValue() >= min ? null : "must be >= " + min;
    }

    @Override
    public String describe() {
      return ">= " + min;
    }
  }

  /** A finite number &gt; 0. */
  record Positive() implements Constraint {
    @Override
    public String problem(Object value) {
      double v = ((Number) value).doubleValue();
      return v > 0 && v < Double.POSITIVE_INFINITY ? null : "must be > 0";
    }

    @Override
    public String describe() {
      return "> 0";
    }
  }

  /** A number in (0, 1]. */
  record Fraction() implements Constraint {
    @Override
    public String problem(Object value) {
      double v = ((Number) value).doubleValue();
      return v > 0 && v <= 1 ? null : "must be in (0, 1]";
    }

    @Override
    public String describe() {
      return "in (0, 1]";
    }
  }

  /** One of {@code values}. */
  record OneOf(List<String> values) implements Constraint {
    public OneOf {
      values = List.copyOf(values);
    }

    @Override
    public String problem(Object value) {
      return values.contains(String.valueOf(value))
          ? null
          : "must be one of " + String.join(", ", values);
    }

    @Override
    public String describe() {
      return String.join(" | ", values);
    }
  }

  /**
   * A grammar the owning component parses (and so checks) itself, e.g. the selection rules; stated
   * here for the documentation.
   */
  record Described(String text) implements Constraint {
    @Override
    public String problem(Object value) {
      return null;
    }

    @Override
    public String describe() {
      return text;
    }
  }
}
