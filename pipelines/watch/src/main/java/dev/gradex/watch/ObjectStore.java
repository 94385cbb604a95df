package dev.gradex.watch;

import java.io.IOException;
import java.util.List;

/**
 * An S3-compatible object store, as far as the watcher needs one: listing objects with their ETags.
 * {@link S3ObjectStore} is the AWS SDK's; tests plug in their own.
 */
@FunctionalInterface
public interface ObjectStore {
  /** One object: its key, ETag (quotes stripped) and size in bytes (-1 if not listed). */
  record Entry(String key, String etag, long size) {
    public Entry(String key, String etag) {
      this(key, etag, -1);
    }
  }

  List<Entry> list(String bucket, String prefix) throws IOException;
}
