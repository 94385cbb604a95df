package dev.gradex.kfp.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every problem a builder finds so that {@code build()} reports them in one message. */
final class Problems {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String what;
  private final List<String> problems = new ArrayList<>();

  Problems(String what) {
    this.what = what;
  }

  Problems required(String field, Object value) {
    if (value == null) {
      problems.add(field + " is required (set" + capitalize(field) + ")");
    }
    return this;
  }

  Problems check(boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
    return this;
  }

  /** Task and pipeline names become Kubernetes/Argo names: lower-case DNS labels. */
  Problems name(String field, String value) {
    if (value != null && !NAME.matcher(value).matches()) {
      problems.add(field + " '" + value + "' must match " + NAME.pattern());
    }
    return this;
  }

  /** Parameter and artifact names appear in placeholders: identifiers. */
  Problems identifier(String field, String value) {
    if (value != null && !IDENTIFIER.matcher(value).matches()) {
      problems.add(field + " '" + value + "' must match " + IDENTIFIER.pattern());
    }
    return this;
  }

  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(what + ": " + String.join("; ", problems));
    }
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
