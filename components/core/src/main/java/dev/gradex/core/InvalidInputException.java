package dev.gradex.core;

/**
 * Thrown when user input (a file, a manifest field, an option value) is unusable. The message
 * always names the offending file, field or value so that a front-end can print it as is and exit
 * non-zero.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String subject;
  private final String detail;

  /**
   * @param subject the file or field at fault, e.g. {@code "train.features.f32"} or {@code
   *     "lambda"} (the core names settings by field; front-ends map fields to their flags)
   * @param message what is wrong with it and, where possible, what would be right
   */
  public InvalidInputException(String subject, String message) {
    super(subject + ": " + message);
    this.subject = subject;
    this.detail = message;
  }

  public InvalidInputException(String subject, String message, Throwable cause) {
    super(subject + ": " + message, cause);
    this.subject = subject;
    this.detail = message;
  }

  /** The file, field or option at fault. */
  public String subject() {
    return subject;
  }

  /** What is wrong, without the subject (for a front-end that names the subject its own way). */
  public String detail() {
    return detail;
  }

  /**
   * This error in a front-end's vocabulary: each comma-separated name of the subject, and the name
   * that starts each {@code "; "}-separated problem of the detail, is replaced by its entry in
   * {@code names} (e.g. {@code lambda -> --lambda}); this error itself if nothing is renamed.
   */
  public InvalidInputException renamed(java.util.Map<String, String> names) {
    String[] subjects = subject.split(", ", -1);
    for (int i = 0; i < subjects.length; i++) {
      subjects[i] = names.getOrDefault(subjects[i], subjects[i]);
    }
    String[] problems = detail.split("; ", -1);
    for (int i = 0; i < problems.length; i++) {
      int space = problems[i].indexOf(' ');
      String first = space < 0 ? problems[i] : problems[i].substring(0, space);
      if (names.containsKey(first)) {
        problems[i] = names.get(first) + problems[i].substring(first.length());
      }
    }
    String newSubject = String.join(", ", subjects);
    String newDetail = String.join("; ", problems);
    if (newSubject.equals(subject) && newDetail.equals(detail)) {
      return this;
    }
    InvalidInputException e = new InvalidInputException(newSubject, newDetail, getCause());
    e.setStackTrace(getStackTrace());
    return e;
  }
}
