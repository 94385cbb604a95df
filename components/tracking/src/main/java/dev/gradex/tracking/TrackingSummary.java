package dev.gradex.tracking;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a tracker did: calls delivered, still pending (buffered on disk), and rejected by the
 * server.
 *
 * @param trackingUri the server, or empty when tracking is off
 * @param delivered calls the server accepted
 * @param pending calls buffered and not yet delivered
 * @param rejected calls the server refused (bad input); they are not retried
 * @param bufferFile where pending calls are kept, if any are
 * @param problems one line per rejection or outage, oldest first (the most recent 20)
 * @param promotions model registrations that were carried out
 * @param note why tracking is off, when it is
 */
public record TrackingSummary(
    Optional<String> trackingUri,
    long delivered,
    long pending,
    long rejected,
    Optional<Path> bufferFile,
    List<String> problems,
    List<ModelPromotion> promotions,
    String note) {

  public TrackingSummary {
    problems = List.copyOf(problems);
    promotions = List.copyOf(promotions);
  }

  /** A summary for a tracker that does not track. */
  public static TrackingSummary off(String note) {
    return new TrackingSummary(
        Optional.empty(), 0, 0, 0, Optional.empty(), List.of(), List.of(), note);
  }

  /** True when everything recorded reached the server. */
  public boolean complete() {
    return pending == 0 && rejected == 0;
  }

  /** One or two sentences for the end of a pipeline's output. */
  public String message() {
    if (trackingUri.isEmpty()) {
      return note;
    }
    String uri = trackingUri.get();
    StringBuilder sb = new StringBuilder();
    if (pending > 0 && bufferFile.isEmpty()) {
      sb.append(
          String.format(
              "MLflow unreachable at %s: %d calls kept in memory only (the buffer file could not"
                  + " be written) and lost if the process ends (%d delivered).",
              uri, pending, delivered));
    } else if (pending > 0) {
      String file = bufferFile.get().toString();
      sb.append(
          String.format(
              "MLflow unreachable at %s: %d calls buffered in %s; run `gradex tracking flush"
                  + " --buffer %s --tracking-uri %s` later (%d delivered).",
              uri, pending, file, file, uri, delivered));
    } else {
      sb.append(String.format("MLflow at %s: %d calls delivered.", uri, delivered));
    }
    if (rejected > 0) {
      sb.append(String.format(" %d calls rejected by the server", rejected));
      if (!problems.isEmpty()) {
        sb.append(" (last: ").append(problems.get(problems.size() - 1)).append(')');
      }
      sb.append('.');
    }
    return sb.toString();
  }
}
