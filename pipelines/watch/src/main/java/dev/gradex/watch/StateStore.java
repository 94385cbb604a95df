package dev.gradex.watch;

import java.io.IOException;
import java.util.Optional;

/** Where the last {@link WatchState} is kept between watcher runs. */
public interface StateStore {
  Optional<WatchState> load() throws IOException;

  void save(WatchState state) throws IOException;

  /** For messages: where the state lives. */
  String describe();
}
