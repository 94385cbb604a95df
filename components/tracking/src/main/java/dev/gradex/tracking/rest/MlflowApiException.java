package dev.gradex.tracking.rest;

/** A failed MLflow call, classified by what the caller should do about it. */
public final class MlflowApiException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this was. */
  public enum Kind {
    /** No answer (connection refused, timeout) or a gateway's 502/503/504: try again later. */
    UNREACHABLE,
    /** The server answered 429 or 5xx: retry a few times, then give up on this call. */
    TRANSIENT,
    /** The server refused the request (4xx) or the request cannot be made: do not retry. */
    REJECTED
  }

  private final Kind kind;
  private final int status;
  private final String errorCode;

  public MlflowApiException(Kind kind, int status, String errorCode, String message) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.errorCode = errorCode;
  }

  public MlflowApiException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = 0;
    this.errorCode = "";
  }

  /** A request that cannot be made, e.g. an unresolved run or an unsupported artifact URI. */
  public static MlflowApiException rejected(String message) {
    return new MlflowApiException(Kind.REJECTED, 0, "", message);
  }

  /** Classifies an HTTP status that is not 2xx. */
  public static Kind kindOf(int status) {
    if (status == 502 || status == 503 || status == 504) {
      return Kind.UNREACHABLE;
    }
    return status == 429 || status >= 500 ? Kind.TRANSIENT : Kind.REJECTED;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** MLflow's {@code error_code}, e.g. {@code RESOURCE_ALREADY_EXISTS}, or empty. */
  public String errorCode() {
    return errorCode;
  }
}
