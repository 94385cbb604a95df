package dev.gradex.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.InvalidInputException;
import dev.gradex.core.store.Split;
import dev.gradex.core.store.StoreManifest;
import dev.gradex.core.store.StoreMerger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The merge step after the sharded extraction: merges the shard stores into one, refusing shards
 * that disagree (the core's {@link StoreMerger} names the field).
 */
@Command(
    name = "merge-stores",
    mixinStandardHelpOptions = true,
    description = {
      "Merges gradient-store shards into one store.",
      "--shards takes KFP's JSON of collected artifacts (uris under gs://, minio://, s3:// map to",
      "the launcher's /gcs, /minio, /s3 mounts) or local directories separated by commas."
    })
public final class MergeStoreCommand implements Callable<Integer> {
  @Option(names = "--shards", required = true, description = "Shard stores (see above).")
  String shards;

  @Option(names = "--shard-count", description = "Expected number of shards (0 = any).")
  int shardCount;

  @Option(names = "--store-out", required = true, description = "Merged store directory.")
  Path storeOut;

  @Option(names = "--source-digests", description = "Digests of the source data (provenance).")
  String sourceDigests = "";

  @Override
  public Integer call() {
    List<Path> dirs = paths(shards);
    if (shardCount > 0 && dirs.size() != shardCount) {
      throw new InvalidInputException(
          "--shards", dirs.size() + " shard stores given but --shard-count is " + shardCount);
    }
    StoreManifest m = StoreMerger.merge(dirs, storeOut);
    System.err.printf(
        "gradex: merged %d shards into %s (%d training examples; source digests %s)%n",
        dirs.size(), storeOut, m.split(Split.TRAIN).examples(), sourceDigests);
    return 0;
  }

  /** Local directories from KFP's artifact-list JSON or a comma-separated list. */
  static List<Path> paths(String text) {
    String t = text.strip();
    List<Path> out = new ArrayList<>();
    if (!t.startsWith("[") && !t.startsWith("{")) {
      for (String p : t.split(",")) {
        if (!p.isBlank()) {
          out.add(Path.of(p.strip()));
        }
      }
      return out;
    }
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(t);
    } catch (IOException e) {
      throw new InvalidInputException("--shards", "not JSON: " + e.getMessage());
    }
    JsonNode list = node.isArray() ? node : node.path("artifacts");
    for (JsonNode a : list) {
      String path = a.path("path").asText("");
      out.add(Path.of(path.isEmpty() ? local(a.path("uri").asText("")) : path));
    }
    if (out.isEmpty()) {
      throw new InvalidInputException("--shards", "no shard artifacts in " + t);
    }
    return out;
  }

  private static String local(String uri) {
    for (String[] m :
        new String[][] {{"gs://", "/gcs/"}, {"minio://", "/minio/"}, {"s3://", "/s3/"}}) {
      if (uri.startsWith(m[0])) {
        return m[1] + uri.substring(m[0].length());
      }
    }
    if (uri.startsWith("/")) {
      return uri;
    }
    throw new InvalidInputException("--shards", "artifact uri '" + uri + "' has no local mount");
  }
}
