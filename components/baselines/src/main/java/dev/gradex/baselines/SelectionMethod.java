package dev.gradex.baselines;

import dev.gradex.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The baselines' selection methods, by their command-line names ({@code random}, {@code less},
 * {@code representation}, {@code dsir}).
 */
public enum SelectionMethod {
  /** A seeded random draw of the same number of sources ("random subsets of the same size"). */
  RANDOM,
  /** LESS-style gradient similarity (Xia et al. 2024), from the run's gradient store. */
  LESS,
  /** Cosine of mean last hidden states of the base pretrained model. */
  REPRESENTATION,
  /** DSIR-style hashed n-gram importance weights (Xie et al. 2023). */
  DSIR;

  /** The command-line name, lower case. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every method's command-line name, comma separated, in declaration order. */
  public static String allowed() {
    return Arrays.stream(values()).map(SelectionMethod::cliName).collect(Collectors.joining(", "));
  }

  /**
   * The method named {@code name} (case-insensitive).
   *
   * @param field the option or setting the name came from, named in the error
   * @throws InvalidInputException naming {@code field}, the value and the allowed names
   */
  public static SelectionMethod parse(String field, String name) {
    for (SelectionMethod m : values()) {
      if (m.cliName().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return m;
      }
    }
    throw new InvalidInputException(field, "unknown method '" + name + "'; allowed: " + allowed());
  }
}
