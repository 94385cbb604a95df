package dev.gradex.model.config;

/**
 * What a model's attention and positions are, for {@code gradex model info}: the numbers a user
 * checks after converting a model (heads, key/value heads, head width), the longest sequence it was
 * trained for, how positions enter (rotary with its base and scaling, or learned embeddings) and
 * whether the LM head shares the token embedding.
 *
 * @param ropeTheta rotary base, or NaN for learned positions
 * @param ropeScaling rotary scaling, or null for none (and for learned positions)
 * @param tiedEmbeddings whether the output projection is the token embedding (false for encoders)
 */
public record Attention(
    int heads,
    int kvHeads,
    int headDim,
    int contextLength,
    String positions,
    double ropeTheta,
    RopeScaling ropeScaling,
    boolean tiedEmbeddings) {
  public static final String ROTARY = "rotary";
  public static final String LEARNED = "learned";

  /** The attention summary of {@code c}, one case per family. */
  public static Attention of(ModelConfig c) {
    if (c instanceof LlamaConfig l) {
      return new Attention(
          l.numHeads(),
          l.numKvHeads(),
          l.headDim(),
          l.maxPositions(),
          ROTARY,
          l.ropeTheta(),
          l.ropeScaling(),
          l.tieWordEmbeddings());
    }
    if (c instanceof Gpt2Config g) {
      return new Attention(
          g.numHeads(),
          g.numHeads(),
          g.hiddenSize() / g.numHeads(),
          g.nPositions(),
          LEARNED,
          Double.NaN,
          null,
          true);
    }
    BertConfig b = (BertConfig) c; // the interface is sealed: the last family
    return new Attention(
        b.numHeads(),
        b.numHeads(),
        b.hiddenSize() / b.numHeads(),
        b.maxPositions(),
        LEARNED,
        Double.NaN,
        null,
        false);
  }

  /** One line, e.g. {@code rotary (theta 100000, no scaling)} or {@code learned}. */
  public String positionsText() {
    if (!ROTARY.equals(positions)) {
      return positions;
    }
    String scaling =
        ropeScaling == null
            ? "no scaling"
            : ropeScaling.type() + " scaling x" + ropeScaling.factor();
    return String.format("rotary (theta %s, %s)", ropeThetaText(), scaling);
  }

  private String ropeThetaText() {
    return ropeTheta == Math.rint(ropeTheta) ? Long.toString((long) ropeTheta) : "" + ropeTheta;
  }
}
