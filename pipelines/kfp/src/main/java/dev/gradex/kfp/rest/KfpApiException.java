package dev.gradex.kfp.rest;

/**
 * The KFP API answered with an error status. The message is the server's: {@code message} of a
 * google.rpc.Status (gRPC-gateway endpoints) or {@code error_message} of the upload endpoints, with
 * the more specific detail appended when the server sent one.
 */
public final class KfpApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;
  private final int grpcCode;

  public KfpApiException(int httpStatus, String message) {
    this(httpStatus, -1, message);
  }

  public KfpApiException(int httpStatus, int grpcCode, String message) {
    this(httpStatus, grpcCode, "KFP API error " + httpStatus + ": " + message, true);
  }

  private KfpApiException(int httpStatus, int grpcCode, String fullMessage, boolean unused) {
    super(fullMessage);
    this.httpStatus = httpStatus;
    this.grpcCode = grpcCode;
  }

  /**
   * A retryable status that lasted through every attempt; {@code message} is the whole line, e.g.
   * {@code KFP API POST http://host/apis/v2beta1/runs: 503 after 5 attempts over 6.2 s: ...}.
   */
  static KfpApiException afterRetries(int httpStatus, int grpcCode, String message) {
    return new KfpApiException(httpStatus, grpcCode, message, true);
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The google.rpc.Code of the status body, or -1 when the body had none (upload endpoints). */
  public int grpcCode() {
    return grpcCode;
  }
}
