package dev.gradex.kfp.gradex;

import java.util.regex.Pattern;

/**
 * Image names of the four component programs: {@code <registry>/gradex-<component>:<tag>}.
 *
 * @param registry registry and path prefix, e.g. {@code ghcr.io/gradex}
 * @param tag image tag (pin it; a digest-pinned tag makes runs reproducible)
 */
public record ImageNames(String registry, String tag) {
  public static final String DEFAULT_REGISTRY = "ghcr.io/gradex";
  public static final String DEFAULT_TAG = "0.1.0";
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  public ImageNames {
    if (registry == null || registry.isBlank() || registry.endsWith("/")) {
      throw new IllegalArgumentException(
          "registry '" + registry + "' must be non-empty, no trailing /");
    }
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("tag '" + tag + "' is not a valid image tag");
    }
  }

  public static ImageNames defaults() {
    return new ImageNames(DEFAULT_REGISTRY, DEFAULT_TAG);
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
    return registry + "/gradex-" + component + ":" + tag;
  }
}
