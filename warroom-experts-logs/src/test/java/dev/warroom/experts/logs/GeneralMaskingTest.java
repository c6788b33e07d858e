package dev.warroom.experts.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Lines shaped like those of systems the miner was not tuned on — a cloud controller's request
 * lines (key=value pairs, paths, UUIDs, request ids) and an SSH daemon's (user names, IPs, ports) —
 * written here with their own truth, generated from a seeded random source.
 */
class GeneralMaskingTest {
  private final RandomGenerator random = new java.util.SplittableRandom(7);

  @Test
  void masksHostNamesPathsAndUuidsButKeepsClassNames() {
    assertThat(TokenMasker.mask("Resolved MSRA-SA-41.corp.example.com to /default-rack"))
        .containsExactly("Resolved", "<*>", "to", "<*>");
    assertThat(TokenMasker.mask("reverse mapping for ns1.example.net [10.1.2.3] failed"))
        .containsExactly("reverse", "mapping", "for", "<*>", "[<*>]", "failed");
    assertThat(TokenMasker.mask("[instance: 3f2a0c1e-9b7d-4c55-8e21-0a9f3b6c7d10] Creating image"))
        .containsExactly("[instance:", "<*>]", "Creating", "image");
    assertThat(TokenMasker.mask("Loaded org.apache.hadoop.conf.Configuration"))
        .containsExactly("Loaded", "org.apache.hadoop.conf.Configuration");
  }

  @Test
  void unitsJoinTheirValueOnlyWhenConfigured() {
    assertThat(TokenMasker.mask("a:80 close, 1910 bytes (1.86 KB) sent, lifetime <1 sec", true))
        .containsExactly("<*>", "close,", "<*>", "sent,", "lifetime", "<*>");
    assertThat(TokenMasker.mask("a:80 close, 1910 bytes (1.86 KB) sent, lifetime <1 sec", false))
        .containsExactly(
            "<*>", "close,", "<*>", "bytes", "(<*>)", "sent,", "lifetime", "<*>", "sec");
    assertThat(TokenMasker.mask("Failed to renew lease for 30 seconds.", true))
        .containsExactly("Failed", "to", "renew", "lease", "for", "<*>", "seconds.");
  }

  @Test
  void groupsSshDaemonLinesByEventNotByUserOrAddress() {
    String[] users = {"root", "admin", "test", "oracle", "guest", "webmaster", "ftp", "pi"};
    List<String> lines = new ArrayList<>();
    List<String> truth = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String ip = ip();
      String user = users[random.nextInt(users.length)];
      int port = 1024 + random.nextInt(60000);
      switch (random.nextInt(7)) {
        case 6 ->
            add(
                lines,
                truth,
                "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser="
                    + " rhost="
                    + ip,
                "pam_unix(sshd:auth): authentication failure; logname= uid=<*> euid=<*> tty=ssh"
                    + " ruser= rhost=<*>");
        case 0 ->
            add(
                lines,
                truth,
                "Failed password for " + user + " from " + ip + " port " + port + " ssh2",
                "Failed password for <*> from <*> port <*> ssh2");
        case 1 ->
            add(
                lines,
                truth,
                "Failed password for invalid user "
                    + user
                    + " from "
                    + ip
                    + " port "
                    + port
                    + " ssh2",
                "Failed password for invalid user <*> from <*> port <*> ssh2");
        case 2 ->
            add(lines, truth, "Invalid user " + user + " from " + ip, "Invalid user <*> from <*>");
        case 3 ->
            add(
                lines,
                truth,
                "Received disconnect from " + ip + ": 11: Bye Bye [preauth]",
                "Received disconnect from <*>: <*>: Bye Bye [preauth]");
        case 4 ->
            add(
                lines,
                truth,
                "pam_unix(sshd:auth): authentication failure; logname= uid=0"
                    + " euid=0 tty=ssh ruser= rhost="
                    + ip
                    + "  user="
                    + user,
                "pam_unix(sshd:auth): authentication failure; logname= uid=<*> euid=<*> tty=ssh ruser="
                    + " rhost=<*> user=<*>");
        default ->
            add(
                lines,
                truth,
                "Connection closed by " + ip + " [preauth]",
                "Connection closed by <*> [preauth]");
      }
    }
    assertScores(lines, truth, 1.0, 1.0);
  }

  @Test
  void groupsCloudControllerLinesWithRequestPathsIdsAndMeasurements() {
    String[] methods = {"GET", "POST", "DELETE"};
    List<String> lines = new ArrayList<>();
    List<String> truth = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String tenant = hex(32);
      String uuid = hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
      switch (random.nextInt(6)) {
        case 0 -> {
          String m = methods[random.nextInt(methods.length)];
          String path =
              random.nextBoolean()
                  ? "/v2/" + tenant + "/servers/detail"
                  : "/v2/" + tenant + "/os-server-external-events";
          add(
              lines,
              truth,
              ip()
                  + " \""
                  + m
                  + " "
                  + path
                  + " HTTP/1.1\" status: "
                  + (200 + random.nextInt(5))
                  + " len: "
                  + random.nextInt(3000)
                  + " time: 0."
                  + random.nextInt(99999),
              "<*> \"" + m + " <*> HTTP/<*>\" status: <*> len: <*> time: <*>");
        }
        case 1 ->
            add(
                lines,
                truth,
                "[instance: "
                    + uuid
                    + "] Took "
                    + random.nextInt(30)
                    + "."
                    + random.nextInt(99)
                    + " seconds to spawn the instance on the hypervisor.",
                "[instance: <*>] Took <*> seconds to spawn the instance on the hypervisor.");
        case 2 ->
            add(
                lines,
                truth,
                "[instance: "
                    + uuid
                    + "] VM "
                    + (random.nextBoolean() ? "Started" : "Stopped")
                    + " (Lifecycle Event)",
                null);
        case 3 ->
            add(
                lines,
                truth,
                "image " + uuid + " at (/var/lib/nova/instances/_base/" + hex(40) + "): checking",
                "image <*> at (<*>): checking");
        case 4 ->
            add(
                lines,
                truth,
                "Total memory: "
                    + random.nextInt(90000)
                    + " MB, used: "
                    + random.nextInt(9000)
                    + ".00 MB",
                "Total memory: <*>, used: <*>");
        default ->
            add(
                lines,
                truth,
                "Claim successful on node="
                    + hex(6)
                    + ".compute"
                    + random.nextInt(9)
                    + " request_id=req-"
                    + uuid,
                "Claim successful on node=<*> request_id=<*>");
      }
    }
    for (int i = 0; i < truth.size(); i++) {
      if (truth.get(i) == null) {
        truth.set(i, "[instance: <*>] VM " + lines.get(i).split(" ")[3] + " (Lifecycle Event)");
      }
    }
    assertScores(lines, truth, 1.0, 0.95);
  }

  private static void add(List<String> lines, List<String> truth, String line, String template) {
    lines.add(line);
    truth.add(template);
  }

  private static void assertScores(List<String> lines, List<String> truth, double ga, double pa) {
    List<LoghubEvaluator.LabelledLine> labelled = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      labelled.add(new LoghubEvaluator.LabelledLine(lines.get(i), truth.get(i)));
    }
    LogParseScore s = LoghubEvaluator.score("synthetic", labelled, MinerConfig.defaults());
    TemplateMiner miner = TemplateMiner.create();
    int[] ids = lines.stream().mapToInt(miner::add).toArray();
    miner.consolidate();
    java.util.Set<String> wrong = new java.util.TreeSet<>();
    for (int i = 0; i < ids.length; i++) {
      wrong.add(truth.get(i) + "  <-  " + miner.template(ids[i]));
    }
    assertThat(s.groupAccuracy()).as("GA, truth <- mined: %s", wrong).isGreaterThanOrEqualTo(ga);
    assertThat(s.parsingAccuracy()).as("PA, truth <- mined: %s", wrong).isGreaterThanOrEqualTo(pa);
  }

  private String ip() {
    return (1 + random.nextInt(223))
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256);
  }

  private String hex(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("0123456789abcdef".charAt(random.nextInt(16)));
    }
    return sb.toString();
  }
}
