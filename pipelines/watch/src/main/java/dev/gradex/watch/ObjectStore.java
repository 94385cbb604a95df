package dev.gradex.watch;

import java.io.IOException;
import java.util.List;

/**
 * An S3-compatible object store, as far as the watcher needs one: listing objects with their ETags.
 * The watcher ships no signing client (see the module README); deployments plug one in.
 */
@FunctionalInterface
public interface ObjectStore {
  /** One object: its key and ETag (quotes stripped). */
  record Entry(String key, String etag) {}

  List<Entry> list(String bucket, String prefix) throws IOException;
}
