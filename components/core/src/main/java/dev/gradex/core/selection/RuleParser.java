package dev.gradex.core.selection;

import dev.gradex.core.InvalidInputException;

/** Parses the command-line form of a {@link SelectionRule}. */
final class RuleParser {
  private static final String FORMS =
      "threshold:<score>, top-k:<k>, top-ratio:<r>, best-prefix or below-mean";

  private RuleParser() {}

  static SelectionRule parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException(SelectionRule.FIELD, "empty rule; use one of " + FORMS);
    }
    String t = text.strip();
    int colon = t.indexOf(':');
    String kind = colon < 0 ? t : t.substring(0, colon);
    String arg = colon < 0 ? null : t.substring(colon + 1).strip();
    switch (kind) {
      case "best-prefix":
        if (arg != null) {
          throw error(text, "best-prefix takes no value");
        }
        return new SelectionRule.BestPrefix();
      case "below-mean":
        if (arg != null) {
          throw error(text, "below-mean takes no value");
        }
        return new SelectionRule.BelowMean();
      case "threshold":
        return new SelectionRule.Threshold(number(text, arg, "a score"));
      case "top-ratio":
        double ratio = number(text, arg, "a ratio in (0, 1]");
        if (!(ratio > 0 && ratio <= 1)) {
          throw error(text, "ratio must be in (0, 1], e.g. top-ratio:0.3");
        }
        return new SelectionRule.TopRatio(ratio);
      case "top-k":
        if (arg == null || !arg.matches("\\d{1,9}") || Integer.parseInt(arg) == 0) {
          throw error(text, "k must be a positive integer, e.g. top-k:10");
        }
        return new SelectionRule.TopK(Integer.parseInt(arg));
      default:
        throw error(text, "unknown rule \"" + kind + "\"; use one of " + FORMS);
    }
  }

  private static double number(String text, String arg, String what) {
    try {
      if (arg == null) {
        throw new NumberFormatException();
      }
      double v = Double.parseDouble(arg);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw error(text, "expected " + what + " after the colon");
    }
  }

  private static InvalidInputException error(String text, String why) {
    return new InvalidInputException(SelectionRule.FIELD, "\"" + text + "\": " + why);
  }
}
