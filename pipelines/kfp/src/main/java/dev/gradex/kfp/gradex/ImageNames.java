package dev.gradex.kfp.gradex;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Image names of the four component programs: {@code <registry>/gradex-<component>:<tag>}, or
 * {@code <registry>/gradex-<component>@sha256:<hex>} for a component whose digest is known (a
 * release pins every image by the digest Jib wrote, so a run always gets the bytes that were
 * tested).
 *
 * @param registry registry and path prefix, e.g. {@code ghcr.io/gradex}
 * @param tag image tag, used for components without a digest
 * @param digests component ({@link #COMPONENTS}) to {@code sha256:<64 hex>}
 */
public record ImageNames(String registry, String tag, Map<String, String> digests) {
  public static final String DEFAULT_REGISTRY = "ghcr.io/gradex";
  public static final String DEFAULT_TAG = "0.1.0";

  /** The components that have an image, as named in image names and digest files. */
  public static final List<String> COMPONENTS =
      List.of("meta-train", "extract-gradients", "estimate-subsets", "fine-tune");

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  public ImageNames {
    if (registry == null || registry.isBlank() || registry.endsWith("/")) {
      throw new IllegalArgumentException(
          "registry '" + registry + "' must be non-empty, no trailing /");
    }
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("tag '" + tag + "' is not a valid image tag");
    }
    digests = Collections.unmodifiableMap(new TreeMap<>(digests == null ? Map.of() : digests));
    digests.forEach(
        (component, digest) -> {
          if (!COMPONENTS.contains(component)) {
            throw new IllegalArgumentException(
                "image digest for unknown component '" + component + "'; known: " + COMPONENTS);
          }
          if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException(
                "image digest '" + digest + "' of " + component + " is not sha256:<64 hex>");
          }
        });
  }

  /** Tags only. */
  public ImageNames(String registry, String tag) {
    this(registry, tag, Map.of());
  }

  public static ImageNames defaults() {
    return new ImageNames(DEFAULT_REGISTRY, DEFAULT_TAG);
  }

  /** The same names with these digests added (or replaced). */
  public ImageNames withDigests(Map<String, String> more) {
    Map<String, String> all = new TreeMap<>(digests);
    all.putAll(more);
    return new ImageNames(registry, tag, all);
  }

  public String metaTrain() {
    return image("meta-train");
  }

  public String extractGradients() {
    return image("extract-gradients");
  }

  public String estimateSubsets() {
    return image("estimate-subsets");
  }

  public String fineTune() {
    return image("fine-tune");
  }

  private String image(String component) {
    String digest = digests.get(component);
    String repo = registry + "/gradex-" + component;
    return digest != null ? repo + "@" + digest : repo + ":" + tag;
  }
}
