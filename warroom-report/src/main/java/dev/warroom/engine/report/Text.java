package dev.warroom.engine.report;

import dev.warroom.model.FaultClass;
import dev.warroom.model.RcaReport;
import dev.warroom.model.Verdict;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Wording and number formats shared by the Markdown and HTML renderings. */
final class Text {
  private Text() {}

  static String verdict(Verdict v) {
    return switch (v) {
      case ROOT_CAUSE_FOUND -> "Root cause found";
      case INCONCLUSIVE -> "Inconclusive";
      case NO_FAULT -> "No fault found";
    };
  }

  /** One line under the title: the verdict and, when found, the top candidate. */
  static String headline(RcaReport r) {
    if (r.verdict() == Verdict.ROOT_CAUSE_FOUND && r.top() != null) {
      var top = r.top();
      return verdict(r.verdict())
          + ": "
          + faultClass(top.faultClass())
          + " in "
          + top.service()
          + (top.component().equals(top.service()) ? "" : " (" + top.component() + ")")
          + ", confidence "
          + percent(top.confidence());
    }
    return verdict(r.verdict());
  }

  static String title(RcaReport r) {
    return r.alert() == null
        ? "Incident " + r.incidentId()
        : "Incident " + r.incidentId() + ": " + r.alert().title();
  }

  /**
   * One line about the alert that opened the incident ({@code alertmanager alert, signal
   * error_rate, service checkout, severity critical, firing since 2026-11-20T10:12:00Z}), or empty
   * when there is none.
   */
  static String alertLine(RcaReport r) {
    var a = r.alert();
    if (a == null) {
      return "";
    }
    StringBuilder s = new StringBuilder(lower(a.source())).append(" alert");
    if (!a.signal().isEmpty()) {
      s.append(", signal ").append(a.signal());
    }
    s.append(", service ").append(a.service() == null ? "not named" : a.service());
    s.append(", severity ").append(a.severity());
    s.append(", ").append(lower(a.status())).append(" since ").append(a.startsAt());
    if (a.endsAt() != null) {
      s.append(" until ").append(a.endsAt());
    }
    return s.toString();
  }

  /** {@code memory exhaustion} for MEMORY_EXHAUSTION. */
  static String faultClass(FaultClass f) {
    return f.id().replace('_', ' ');
  }

  /** A probability as a whole percentage: {@code 87%}. */
  static String percent(double p) {
    return BigDecimal.valueOf(p * 100).setScale(0, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  static String instant(Instant t) {
    return t == null ? "unknown" : t.toString();
  }

  /** {@code [E1, E2]} or {@code —} when none. */
  static String ids(List<String> ids) {
    return ids.isEmpty() ? "—" : String.join(", ", ids);
  }

  /** A chart axis value with at most 3 significant decimals, no exponent. */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    BigDecimal d = BigDecimal.valueOf(v);
    int scale = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 1 ? 2 : 3;
    return d.setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  /**
   * An axis label that stays short: SI suffixes from ten thousand up ({@code 284M}, {@code 1G}, 3
   * significant digits), {@link #number} below.
   */
  static String compact(double v) {
    double a = Math.abs(v);
    if (!Double.isFinite(v) || a < 1e4) {
      return number(v);
    }
    String[] suffixes = {"k", "M", "G", "T", "P"};
    int i = Math.min(suffixes.length - 1, (int) Math.floor(Math.log10(a) / 3) - 1);
    double scaled = v / Math.pow(1000, i + 1);
    BigDecimal d =
        BigDecimal.valueOf(scaled).round(new java.math.MathContext(3, RoundingMode.HALF_UP));
    return d.stripTrailingZeros().toPlainString() + suffixes[i];
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
