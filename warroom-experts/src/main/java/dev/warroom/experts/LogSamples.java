package dev.warroom.experts;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written generators of log lines in the formats the router tells apart, modelled on the
 * default layouts of the common frameworks (logback/log4j/Spring Boot, Python logging/gunicorn/
 * uvicorn, Go log/klog/zap console, Node winston/pino-pretty/NestJS, RFC 3164/5424 syslog, nginx
 * and Apache access logs, logfmt/logrus, JSON lines).
 */
final class LogSamples {
  private LogSamples() {}

  static String sample(InputKind kind, Gen g) {
    int lines = g.pick(1, 1, 2, 3, 5, 8, 12, 20);
    long t = g.epochSecond();
    int style = g.between(0, 5);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      t += g.between(0, 30);
      out.add(line(kind, g, t, style));
    }
    return String.join("\n", out) + (g.chance(0.5) ? "\n" : "");
  }

  private static String line(InputKind kind, Gen g, long t, int style) {
    String msg = g.message();
    String lvl = g.level();
    String svc = g.service();
    return switch (kind) {
      case LOG_JSON_LINES -> json(g, t, style, msg, lvl, svc);
      case LOG_SYSLOG ->
          style % 2 == 0
              ? g.format(t, "MMM d HH:mm:ss").replaceFirst(" (\\d) ", "  $1 ")
                  + " "
                  + g.host()
                  + " "
                  + g.pick(svc, "sshd", "kernel", "systemd", "cron", "dockerd")
                  + (g.chance(0.7) ? "[" + g.between(100, 40000) + "]" : "")
                  + ": "
                  + msg
              : "<"
                  + g.between(0, 191)
                  + ">1 "
                  + g.iso(t)
                  + " "
                  + g.host()
                  + " "
                  + svc
                  + " "
                  + g.between(100, 40000)
                  + " "
                  + g.pick("-", "ID47", "audit")
                  + " - "
                  + msg;
      case LOG_LOGFMT ->
          style % 2 == 0
              ? "ts="
                  + g.iso(t)
                  + " level="
                  + lvl.toLowerCase()
                  + " caller="
                  + g.word()
                  + ".go:"
                  + g.between(10, 400)
                  + " msg=\""
                  + msg
                  + "\" service="
                  + svc
                  + (g.chance(0.5) ? " duration=" + g.between(1, 900) + "ms" : "")
              : "time=\""
                  + g.iso(t)
                  + "\" level="
                  + lvl.toLowerCase()
                  + " msg=\""
                  + msg
                  + "\" component="
                  + g.word()
                  + " request_id="
                  + g.hex(12);
      case LOG_JAVA -> java(g, t, style, msg, lvl);
      case LOG_PYTHON -> python(g, t, style, msg, lvl);
      case LOG_GO -> go(g, t, style, msg, lvl);
      case LOG_NODE -> node(g, t, style, msg, lvl);
      case LOG_ACCESS ->
          g.ip()
              + " - "
              + g.pick("-", "alice", "svc-" + svc)
              + " ["
              + g.format(t, "dd/MMM/yyyy:HH:mm:ss")
              + " +0000] \""
              + g.pick("GET", "POST", "PUT")
              + " /"
              + g.pick("api/v1/", "", "static/")
              + g.word()
              + "s/"
              + g.between(1, 9999)
              + " HTTP/1.1\" "
              + g.pick(200, 200, 201, 304, 404, 500, 502, 503)
              + " "
              + g.between(0, 90000)
              + (style % 2 == 0
                  ? " \"-\" \""
                      + g.pick(
                          "curl/8.4.0", "Mozilla/5.0 (X11; Linux" + " x86_64)", "kube-probe/1.29")
                      + "\""
                  : "");
      case LOG_PLAIN -> plain(g, t, style, msg, lvl);
      default -> throw new IllegalArgumentException("not a log kind: " + kind);
    };
  }

  private static String json(Gen g, long t, int style, String msg, String lvl, String svc) {
    return switch (style % 4) {
      case 0 ->
          "{\"ts\":\""
              + g.iso(t)
              + "\",\"service\":\""
              + svc
              + "\",\"level\":\""
              + lvl
              + "\",\"message\":\""
              + msg
              + "\"}";
      case 1 ->
          "{\"level\":"
              + g.pick(20, 30, 40, 50)
              + ",\"time\":"
              + t * 1000
              + ",\"pid\":"
              + g.between(1, 99)
              + ",\"hostname\":\""
              + g.host()
              + "\",\"msg\":\""
              + msg
              + "\"}";
      case 2 ->
          "{\"@timestamp\":\""
              + g.iso(t)
              + "\",\"log.level\":\""
              + lvl.toLowerCase()
              + "\",\"message\":\""
              + msg
              + "\",\"service.name\":\""
              + svc
              + "\",\"trace.id\":\""
              + g.hex(32)
              + "\"}";
      default ->
          "{\"severity\":\""
              + lvl
              + "\",\"timestamp\":\""
              + g.iso(t)
              + "\",\"logger\":\""
              + g.word()
              + "\",\"msg\":\""
              + msg
              + "\",\"attributes\":{\"pod\":\""
              + svc
              + "-"
              + g.hex(5)
              + "\",\"status\":"
              + g.pick(200, 500)
              + "}}";
    };
  }

  private static String java(Gen g, long t, int style, String msg, String lvl) {
    String logger = g.pick("com", "org", "io") + "." + g.word() + "." + g.word() + "." + g.type();
    return switch (style) {
      case 0 ->
          g.format(t, "yyyy-MM-dd HH:mm:ss.SSS")
              + " "
              + String.format("%5s", lvl)
              + " "
              + g.between(1, 9)
              + " --- ["
              + g.pick("main", "nio-8080-exec-" + g.between(1, 9), "scheduling-1")
              + "] "
              + logger
              + " : "
              + msg;
      case 1 ->
          g.format(t, "yyyy-MM-dd HH:mm:ss,SSS")
              + " "
              + lvl
              + " ["
              + g.pick("main", "pool-1-thread-" + g.between(1, 20), "http-nio-8080-exec-3")
              + "] "
              + logger
              + ": "
              + msg;
      case 2 ->
          g.format(t, "HH:mm:ss.SSS")
              + " ["
              + g.pick("main", "worker-" + g.between(1, 8))
              + "] "
              + String.format("%-5s", lvl)
              + " "
              + logger.substring(logger.lastIndexOf('.') + 1)
              + " - "
              + msg;
      default ->
          g.format(t, "yy/MM/dd HH:mm:ss")
              + " "
              + lvl
              + " "
              + g.word()
              + "."
              + g.type()
              + ": "
              + msg;
    };
  }

  private static String python(Gen g, long t, int style, String msg, String lvl) {
    String plvl = lvl.equals("WARN") ? "WARNING" : lvl;
    return switch (style % 4) {
      case 0 ->
          g.format(t, "yyyy-MM-dd HH:mm:ss,SSS")
              + " - "
              + g.word()
              + "."
              + g.word()
              + " - "
              + plvl
              + " - "
              + msg;
      case 1 -> plvl + ":" + g.pick("root", g.word(), "app." + g.word()) + ":" + msg;
      case 2 ->
          "["
              + g.format(t, "yyyy-MM-dd HH:mm:ss")
              + " +0000] ["
              + g.between(1, 99)
              + "] ["
              + plvl
              + "] "
              + msg;
      default ->
          plvl
              + ":     "
              + g.ip()
              + ":"
              + g.between(1024, 65000)
              + " - \""
              + g.pick("GET", "POST")
              + " /"
              + g.word()
              + " HTTP/1.1\" "
              + g.pick("200 OK", "500 Internal Server" + " Error", "404 Not Found");
    };
  }

  private static String go(Gen g, long t, int style, String msg, String lvl) {
    return switch (style % 4) {
      case 0 ->
          g.format(t, "yyyy/MM/dd HH:mm:ss")
              + " "
              + (g.chance(0.5) ? g.word() + ".go:" + g.between(10, 300) + ": " : "")
              + msg;
      case 1 ->
          lvl.charAt(0)
              + g.format(t, "MMdd HH:mm:ss.SSSSSS")
              + "   "
              + g.between(1, 9999)
              + " "
              + g.word()
              + ".go:"
              + g.between(10, 900)
              + "] "
              + msg;
      case 2 ->
          g.iso(t)
              + "\t"
              + lvl.toLowerCase()
              + "\t"
              + g.word()
              + "/"
              + g.word()
              + ".go:"
              + g.between(10, 900)
              + "\t"
              + msg
              + (g.chance(0.5) ? "\t{\"" + g.word() + "\": " + g.between(1, 99) + "}" : "");
      default ->
          lvl.substring(0, 4)
              + "["
              + String.format("%04d", g.between(0, 3000))
              + "] "
              + msg
              + "  "
              + g.word()
              + "="
              + g.between(1, 500);
    };
  }

  private static String node(Gen g, long t, int style, String msg, String lvl) {
    return switch (style % 4) {
      case 0 -> g.iso(t) + " " + lvl.toLowerCase() + ": " + msg;
      case 1 ->
          "[" + g.format(t, "HH:mm:ss.SSS") + "] " + lvl + " (" + g.between(1, 9999) + "): " + msg;
      case 2 ->
          "[Nest] "
              + g.between(1, 99999)
              + "  - "
              + g.format(t, "MM/dd/yyyy, h:mm:ss a")
              + "     "
              + g.pick("LOG", "ERROR", "WARN")
              + " ["
              + g.type()
              + "] "
              + msg;
      default ->
          lvl.toLowerCase()
              + ": "
              + msg
              + " {\"service\":\""
              + g.service()
              + "\",\"timestamp\":\""
              + g.iso(t)
              + "\"}";
    };
  }

  private static String plain(Gen g, long t, int style, String msg, String lvl) {
    return switch (style % 4) {
      case 0 ->
          g.format(t, "yyyyMMdd-HH:mm:ss:SSS")
              + "|"
              + g.type()
              + "|"
              + g.between(1, 9999999)
              + "|"
              + msg;
      case 1 ->
          "["
              + g.format(t, "MM.dd HH:mm:ss")
              + "] "
              + g.word()
              + ".exe - "
              + g.host()
              + ":"
              + g.between(80, 9999)
              + " "
              + msg;
      case 2 ->
          "- "
              + t
              + " "
              + g.format(t, "yyyy.MM.dd")
              + " R"
              + g.between(0, 63)
              + "-M"
              + g.between(0, 1)
              + "-N"
              + g.between(0, 9)
              + " "
              + g.pick("RAS", "APP")
              + " "
              + g.pick("KERNEL", "MMCS", "LINKCARD")
              + " "
              + lvl
              + " "
              + msg;
      default -> msg;
    };
  }
}
