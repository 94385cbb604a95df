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
   * @param subject the file, field or option at fault, e.g. {@code "train.features.f32"} or {@code
   *     "--alpha"}
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
}
