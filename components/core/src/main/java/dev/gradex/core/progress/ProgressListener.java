package dev.gradex.core.progress;

/**
 * Receives the {@link ProgressEvent}s of a long step; front-ends print them, collectors keep some.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores every event. */
  ProgressListener NONE = e -> {};

  /** Called on the emitting thread, in the order the events happen. */
  void on(ProgressEvent event);
}
