package dev.gradex.watch;

/**
 * One data source the watcher digests.
 *
 * @param name the source's name, a key of {@code source_digests}
 * @param uri a local file or directory path ({@code file:} URIs too) or {@code s3://bucket/prefix}
 */
public record SourceSpec(String name, String uri) {}
