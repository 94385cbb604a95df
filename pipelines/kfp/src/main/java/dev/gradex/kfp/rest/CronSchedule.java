package dev.gradex.kfp.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cron expression as KFP's scheduler reads it: six fields, <b>seconds first</b> ({@code sec min
 * hour day-of-month month day-of-week}), or a descriptor such as {@code @daily} or {@code @every
 * 6h}. A classic five-field cron is rejected, because KFP would read its first field as seconds.
 */
public final class CronSchedule {
  private static final String[] FIELDS = {
    "seconds", "minutes", "hours", "day-of-month", "month", "day-of-week"
  };
  private static final int[][] RANGES = {{0, 59}, {0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}};
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final List<String> DESCRIPTORS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final Pattern EVERY =
      Pattern.compile("@every ([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+");
  private static final Pattern PART =
      Pattern.compile("(\\*|\\?|[A-Za-z0-9]+)(-([A-Za-z0-9]+))?(/([0-9]+))?");

  private final String expression;

  private CronSchedule(String expression) {
    this.expression = expression;
  }

  /** Parses and checks {@code expression}; the exception names the field and the value. */
  public static CronSchedule parse(String expression) {
    List<String> problems = problems(expression);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "cron '" + expression + "': " + String.join("; ", problems));
    }
    return new CronSchedule(expression.trim());
  }

  /** Every problem of {@code expression}; empty when KFP accepts it. */
  public static List<String> problems(String expression) {
    List<String> problems = new ArrayList<>();
    if (expression == null || expression.isBlank()) {
      problems.add("is empty");
      return problems;
    }
    String e = expression.trim();
    if (e.startsWith("@")) {
      if (!DESCRIPTORS.contains(e) && !EVERY.matcher(e).matches()) {
        problems.add("unknown descriptor (use " + DESCRIPTORS + " or '@every 6h')");
      }
      return problems;
    }
    String[] fields = e.split("\\s+");
    if (fields.length == 5) {
      problems.add("has 5 fields; KFP needs 6 with seconds first, e.g. '0 " + e + "'");
      return problems;
    }
    if (fields.length != 6) {
      problems.add("has " + fields.length + " fields; KFP needs 6 (sec min hour dom month dow)");
      return problems;
    }
    for (int i = 0; i < 6; i++) {
      for (String part : fields[i].split(",", -1)) {
        String problem = checkPart(i, part);
        if (problem != null) {
          problems.add(FIELDS[i] + " field '" + fields[i] + "': " + problem);
        }
      }
    }
    return problems;
  }

  private static String checkPart(int field, String part) {
    Matcher m = PART.matcher(part);
    if (!m.matches()) {
      return "'" + part + "' is not a value, range or step";
    }
    String start = m.group(1);
    if (start.equals("?") && field != 3 && field != 5) {
      return "'?' is allowed only in day-of-month and day-of-week";
    }
    if (m.group(5) != null && Integer.parseInt(m.group(5)) == 0) {
      return "step must be positive";
    }
    if (start.equals("*") || start.equals("?")) {
      return m.group(3) == null ? null : "a range cannot start with " + start;
    }
    Integer low = value(field, start);
    Integer high = m.group(3) == null ? low : value(field, m.group(3));
    int[] range = RANGES[field];
    if (low == null || high == null) {
      return "'" + part + "' has a value that is not a number or name";
    }
    if (low < range[0] || high > range[1] || low > high) {
      return "'" + part + "' is outside " + range[0] + "-" + range[1];
    }
    return null;
  }

  private static Integer value(int field, String token) {
    if (token.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(token);
    }
    String upper = token.toUpperCase(Locale.ROOT);
    if (field == 4 && MONTHS.contains(upper)) {
      return MONTHS.indexOf(upper) + 1;
    }
    if (field == 5 && DAYS.contains(upper)) {
      return DAYS.indexOf(upper);
    }
    return null;
  }

  public String expression() {
    return expression;
  }

  @Override
  public String toString() {
    return expression;
  }
}
