package dev.warroom.store;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Prometheus-style label matcher: {@code label="v"}, {@code label!="v"}, {@code label=~"re"},
 * {@code label!~"re"}. Regular expressions are fully anchored, as in PromQL.
 */
public record LabelMatcher(String label, Op op, String value) {
  /** The four PromQL matching operators. */
  public enum Op {
    EQ("="),
    NEQ("!="),
    RE("=~"),
    NRE("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public LabelMatcher {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("matcher: blank label name");
    }
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
    if (op == Op.RE || op == Op.NRE) {
      try {
        Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "matcher " + label + ": invalid regex '" + value + "': " + e.getDescription());
      }
    }
  }

  public static LabelMatcher eq(String label, String value) {
    return new LabelMatcher(label, Op.EQ, value);
  }

  public static LabelMatcher regex(String label, String regex) {
    return new LabelMatcher(label, Op.RE, regex);
  }

  /** Whether a label value (null when the series lacks the label, matching as "") matches. */
  public boolean matches(String labelValue) {
    String v = labelValue == null ? "" : labelValue;
    return switch (op) {
      case EQ -> v.equals(value);
      case NEQ -> !v.equals(value);
      case RE -> v.matches(value);
      case NRE -> !v.matches(value);
    };
  }

  @Override
  public String toString() {
    return label + op.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
