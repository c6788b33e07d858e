package dev.warroom.engine.director;

import dev.warroom.model.Alert;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The class of an alert, normalised from its free-text signal, title and {@code alertname} label:
 * the key by which the Director picks a runbook.
 */
public enum AlertClass {
  LATENCY("latency|p9\\d|slow|duration|response.?time"),
  ERROR_RATE("error|5xx|http_5|failure|exception|502|503|500"),
  RESTARTS("restart|crash|oom|backoff|killed"),
  DATABASE("database|db_|\\bdb\\b|query|sql|postgres|mysql|rows"),
  QUEUE_LAG("queue|lag|backlog|consumer|kafka"),
  SATURATION("saturat|cpu|memory|disk|throttl|steal|utili[sz]ation|load"),
  AVAILABILITY("availab|down|no.?data|absent|unreachable|health|probe|uptime"),
  UNKNOWN("$^");

  private final Pattern pattern;

  AlertClass(String regex) {
    this.pattern = Pattern.compile(regex);
  }

  /** {@code error_rate} for {@link #ERROR_RATE}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The class of the alert's signal; when the signal says nothing known, of its alertname label,
   * then its title.
   */
  public static AlertClass of(Alert a) {
    for (String text :
        new String[] {a.signal(), a.labels().getOrDefault("alertname", ""), a.title()}) {
      String t = text.toLowerCase(Locale.ROOT);
      if (t.isBlank()) {
        continue;
      }
      for (AlertClass c : values()) {
        if (c != UNKNOWN && c.pattern.matcher(t).find()) {
          return c;
        }
      }
    }
    return UNKNOWN;
  }
}
