package dev.warroom.experts.logs;

/**
 * Parameters of {@link TemplateMiner}. {@code similarityThreshold} is the share of token positions
 * a line must share with a template to join it (Drain's {@code st}); with {@code wordsAreConstant}
 * a line never joins a template that has a different plain word at the same position.
 */
public record MinerConfig(double similarityThreshold, boolean wordsAreConstant) {
  public MinerConfig {
    if (!(similarityThreshold > 0 && similarityThreshold <= 1)) {
      throw new IllegalArgumentException(
          "similarityThreshold not in (0,1]: " + similarityThreshold);
    }
  }

  /** The single configuration used for every system in the Loghub evaluation. */
  public static MinerConfig defaults() {
    return new MinerConfig(0.7, true);
  }
}
