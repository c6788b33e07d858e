package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WarroomCommandTest {
  @Test
  void unknownOptionIsAUsageError() {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertThat(WarroomCommand.run("--no-such-option")).isEqualTo(ExitCodes.USAGE);
    } finally {
      System.setErr(old);
    }
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void versionPrintsProductName() {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertThat(WarroomCommand.run("--version")).isZero();
    } finally {
      System.setOut(old);
    }
    assertThat(buf.toString(StandardCharsets.UTF_8)).startsWith("warroom ");
  }

  @Test
  void anUnknownCommandIsAnErrorEvenWithHelp() {
    PrintStream old = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(WarroomCommand.run("no-such-command", "--help")).isEqualTo(ExitCodes.USAGE);
      assertThat(WarroomCommand.run("gym", "no-such-sub", "--help")).isEqualTo(ExitCodes.USAGE);
      assertThat(WarroomCommand.run("gym", "--help")).isZero();
    } finally {
      System.setErr(old);
      System.setOut(oldOut);
    }
    assertThat(buf.toString(StandardCharsets.UTF_8))
        .contains("'no-such-command'")
        .contains("'no-such-sub'");
  }
}
