package dev.gradex.kfp.rest;

/** The KFP API answered with an error status (the body is a google.rpc.Status). */
public final class KfpApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;

  public KfpApiException(int httpStatus, String message) {
    super("KFP API error " + httpStatus + ": " + message);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
