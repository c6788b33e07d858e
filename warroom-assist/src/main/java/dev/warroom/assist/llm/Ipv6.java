package dev.warroom.assist.llm;

/**
 * Whether a candidate is an IPv6 address (RFC 4291 text forms: eight groups, or fewer with one
 * {@code ::}, optionally ending in a dotted IPv4 and a zone). The pattern that finds candidates
 * also matches clock times like {@code 10:12:03}; this check throws those out: three groups without
 * {@code ::} are no address.
 */
final class Ipv6 {
  private Ipv6() {}

  static boolean valid(String s) {
    int zone = s.indexOf('%');
    String a = zone >= 0 ? s.substring(0, zone) : s;
    int groupsNeeded = 8;
    int lastColon = a.lastIndexOf(':');
    if (a.indexOf('.') > lastColon && lastColon >= 0) {
      groupsNeeded = 6; // the last two groups are written as dotted IPv4
      a = a.substring(0, lastColon + 1) + "0";
    }
    if ((a.startsWith(":") && !a.startsWith("::")) || (a.endsWith(":") && !a.endsWith("::"))) {
      return false;
    }
    int dc = a.indexOf("::");
    if (dc >= 0 && a.indexOf("::", dc + 1) >= 0) {
      return false;
    }
    String[] parts = a.split(":", -1);
    int groups = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty()) {
        if (dc < 0) {
          return false;
        }
        continue;
      }
      if (p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return false;
      }
      groups++;
    }
    if (groupsNeeded == 6) {
      groups--; // the "0" stand-in for the IPv4 tail
    }
    return dc >= 0 ? groups < groupsNeeded : groups == groupsNeeded;
  }
}
