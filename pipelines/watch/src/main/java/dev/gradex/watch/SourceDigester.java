package dev.gradex.watch;

import java.io.IOException;

/** Computes the content digest ({@code sha256:<hex>}) of one source URI. */
@FunctionalInterface
public interface SourceDigester {
  String digest(String uri) throws IOException;
}
