package dev.gradex.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradex.core.Json;
import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Digests every configured source: {@code s3://} through an object store, the rest locally. */
public final class SourceDigests {
  private static final ObjectMapper JSON = Json.JSON;
  private final SourceDigester local;
  private final SourceDigester objects;

  /**
   * @param objects digester for {@code s3://} URIs; null when no object store is configured
   */
  public SourceDigests(SourceDigester local, SourceDigester objects) {
    this.local = local;
    this.objects = objects;
  }

  /** Source name to digest, sorted by name. */
  public SortedMap<String, String> compute(List<SourceSpec> sources) throws IOException {
    return digestsOf(measure(sources));
  }

  /** Source name to digest and size, sorted by name. */
  public SortedMap<String, SourceDigester.Measure> measure(List<SourceSpec> sources)
      throws IOException {
    SortedMap<String, SourceDigester.Measure> out = new TreeMap<>();
    for (SourceSpec s : sources) {
      out.put(s.name(), digesterFor(s.uri()).measure(s.uri()));
    }
    return out;
  }

  /** The digests of {@code measures}. */
  public static SortedMap<String, String> digestsOf(
      SortedMap<String, SourceDigester.Measure> measures) {
    SortedMap<String, String> out = new TreeMap<>();
    measures.forEach((name, m) -> out.put(name, m.digest()));
    return out;
  }

  private SourceDigester digesterFor(String uri) {
    if (uri.startsWith("s3://")) {
      if (objects == null) {
        throw new IllegalStateException(
            "source " + uri + " needs an object store; none is configured");
      }
      return objects;
    }
    return local;
  }

  /** The compact JSON object passed to the pipeline as {@code source_digests}. */
  public static String toJson(SortedMap<String, String> digests) {
    try {
      return JSON.writeValueAsString(digests);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
