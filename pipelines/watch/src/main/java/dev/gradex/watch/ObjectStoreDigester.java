package dev.gradex.watch;

import dev.gradex.core.Sha256;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;

/**
 * Digests {@code s3://bucket/prefix} as SHA-256 over {@code "<etag> <key>\n"} of every object under
 * the prefix, sorted by key: any added, removed or rewritten object changes it, and no object is
 * downloaded.
 */
public final class ObjectStoreDigester implements SourceDigester {
  private final ObjectStore store;

  public ObjectStoreDigester(ObjectStore store) {
    this.store = store;
  }

  @Override
  public String digest(String uri) throws IOException {
    return measure(uri).digest();
  }

  @Override
  public Measure measure(String uri) throws IOException {
    URI u = URI.create(uri);
    String prefix = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
    List<ObjectStore.Entry> entries =
        store.list(u.getHost(), prefix).stream()
            .sorted(Comparator.comparing(ObjectStore.Entry::key))
            .toList();
    if (entries.isEmpty()) {
      throw new IOException("source " + uri + " has no objects");
    }
    MessageDigest md = Sha256.newDigest();
    long bytes = 0;
    for (ObjectStore.Entry e : entries) {
      md.update((e.etag() + "  " + e.key() + "\n").getBytes(StandardCharsets.UTF_8));
      bytes = bytes < 0 || e.size() < 0 ? -1 : bytes + e.size();
    }
    return new Measure("sha256:" + Sha256.hex(md.digest()), bytes);
  }
}
