package dev.warroom.experts.logs;

/**
 * Log-parsing accuracy on one system: Group Accuracy (share of lines whose mined group holds
 * exactly the lines of their true group) and Parsing Accuracy (share of lines whose mined template
 * equals the true one), as defined by Loghub (Zhu et al., ICSE-SEIP 2019; Jiang et al., Loghub-2.0,
 * ISSTA 2024).
 */
public record LogParseScore(
    String system,
    int lines,
    int truthTemplates,
    int minedTemplates,
    double groupAccuracy,
    double parsingAccuracy) {
  public LogParseScore {
    if (system == null || system.isBlank()) {
      throw new IllegalArgumentException("blank system");
    }
    if (lines < 0 || truthTemplates < 0 || minedTemplates < 0) {
      throw new IllegalArgumentException("negative count");
    }
    if (!(groupAccuracy >= 0 && groupAccuracy <= 1)) {
      throw new IllegalArgumentException("groupAccuracy not in [0,1]: " + groupAccuracy);
    }
    if (!(parsingAccuracy >= 0 && parsingAccuracy <= 1)) {
      throw new IllegalArgumentException("parsingAccuracy not in [0,1]: " + parsingAccuracy);
    }
  }
}
