package dev.gradex.watch;

import java.io.IOException;
import java.util.Optional;

/** Where the last {@link WatchState} is kept between watcher runs. */
public interface StateStore {
  Optional<WatchState> load() throws IOException;

  void save(WatchState state) throws IOException;

  /** For messages: where the state lives. */
  String describe();

  /**
   * Runs {@code pass} while no other pass on this state runs, so that between reading the state and
   * recording a started run no other pass can start one for the same digests. The default excludes
   * passes in this JVM on a store of the same {@link #describe()}; a store that can, excludes other
   * processes too.
   */
  default <T> T exclusively(Pass<T> pass) throws IOException {
    return PassLocks.inThisJvm(describe(), pass);
  }

  /** A watcher pass, run under {@link #exclusively}. */
  @FunctionalInterface
  interface Pass<T> {
    T run() throws IOException;
  }
}
