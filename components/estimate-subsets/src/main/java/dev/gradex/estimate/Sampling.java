package dev.gradex.estimate;

/**
 * How the subsets were chosen (selection.json's {@code sampling}; stage 3 of Li et al., arXiv
 * 2409.19458): {@code enumerated} when C(n, k) <= m (every k-subset once, fewer than m), else
 * {@code sampled} (m distinct ones).
 *
 * @param kind {@link #ENUMERATED} or {@link #SAMPLED}
 * @param subsets subsets estimated
 * @param requested subsets asked for (m)
 * @param candidates candidate sources (n)
 * @param subsetSize sources per subset (k)
 */
public record Sampling(String kind, int subsets, int requested, int candidates, int subsetSize) {
  public static final String ENUMERATED = "enumerated";
  public static final String SAMPLED = "sampled";

  /**
   * One line for the user, e.g. "enumerated all 70 = C(8, 4) subsets once each (1000 requested)".
   */
  public String text() {
    String size = "C(" + candidates + ", " + subsetSize + ")";
    return ENUMERATED.equals(kind)
        ? "enumerated all "
            + subsets
            + " = "
            + size
            + " subsets once each ("
            + requested
            + " requested)"
        : "sampled " + subsets + " distinct subsets of the " + size + " possible";
  }
}
