package dev.gradex.watch;

import java.io.IOException;

/**
 * Another pass holds the state (its claim is live, or it won the race to claim it: the API server
 * answered 409 Conflict). The pass that gets this started nothing and recorded nothing; it backs
 * off and the next scheduled pass tries again.
 */
public final class StateContendedException extends IOException {
  private static final long serialVersionUID = 1L;

  public StateContendedException(String message) {
    super(message);
  }

  public StateContendedException(String message, Throwable cause) {
    super(message, cause);
  }
}
