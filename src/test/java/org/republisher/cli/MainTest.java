package org.republisher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command in this process: arguments, configuration errors, the clock. */
class MainTest {
  @TempDir Path dir;

  @Test
  void noCommandOrAnUnknownOnePrintsTheUsageAndExitsTwo() {
    Run none = run(Map.of());
    assertThat(none.status).isEqualTo(2);
    assertThat(none.err).contains("Missing the command: run").contains("Usage: republisher");

    Run unknown = run(Map.of(), "publish");
    assertThat(unknown.status).isEqualTo(2);
    assertThat(unknown.err).contains("Unmatched argument at index 0: 'publish'");
  }

  @Test
  void helpAndVersionExitZero() {
    Run help = run(Map.of(), "run", "--help");
    assertThat(help.status).isZero();
    assertThat(help.out).contains("Usage: republisher run").contains("--config=FILE")
        .contains("--now=INSTANT").contains("SOURCE_DATE_EPOCH");
    Run version = run(Map.of(), "--version");
    assertThat(version.status).isZero();
    assertThat(version.out).startsWith("republisher ");
  }

  @Test
  void serveHasItsHelpItsPortAndItsExitStatuses() {
    Run help = run(Map.of(), "serve", "--help");
    assertThat(help.status).isZero();
    assertThat(help.out).contains("Usage: republisher serve").contains("--config=FILE")
        .contains("--port=N").contains("/health").contains("SIGTERM")
        .contains("Exit status: 143 after SIGTERM");

    Run badPort = run(Map.of(), "serve", "--port", "70000");
    assertThat(badPort.status).isEqualTo(2);
    assertThat(badPort.err).contains("Invalid value for option '--port': 70000 is not a port");
  }

  @Test
  void serveExitsTwoOnABadConfigAndOneWhenItCannotListen() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "site: {url: \"https://x.example/\"}\nsources: [{id: a, uri: a.jsonl}]\n"
        + "serve: {port: http}\n");
    Run badConfig = run(Map.of(), "serve", "--config", bad.toString());
    assertThat(badConfig.status).isEqualTo(2);
    assertThat(badConfig.err).isEqualTo(bad + ":3: serve.port: \"http\" is not a whole number"
        + System.lineSeparator());

    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      Run inUse = run(Map.of(), "serve", "--config", config(), "--port",
          Integer.toString(taken.getLocalPort()));

      assertThat(inUse.status).as(inUse.err).isEqualTo(1);
      assertThat(inUse.err).startsWith("republisher: cannot listen on ")
          .contains(":" + taken.getLocalPort());
    }
    // the store was opened, then closed: nothing holds it
    assertThat(dir.resolve("republisher.db-wal")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2026-12-01", "2026-12-01T08:00:00"})
  void aBadNowExitsTwo(String now) {
    Run run = run(Map.of(), "run", "--now", now);

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).contains("Invalid value for option '--now'")
        .contains("is not an instant such as 2026-12-01T08:00:00Z");
  }

  @Test
  void aBadSourceDateEpochExitsTwo() throws IOException {
    Run run = run(Map.of("SOURCE_DATE_EPOCH", "last tuesday"), "run", "--config", config());

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).isEqualTo("SOURCE_DATE_EPOCH: \"last tuesday\" is not a whole number of"
        + " seconds since 1970-01-01T00:00:00Z" + System.lineSeparator());
  }

  @Test
  void aBadConfigExitsTwoNamingTheKeyAndItsLine() throws IOException {
    Path file = dir.resolve("republisher.yaml");
    Files.writeString(file, "site:\n  url: https://x.example/\nsources:\n  - id: a\n"
        + "    uri: \"ht tp://x\"\n    intervall: 5m\n");

    Run run = run(Map.of(), "run", "--config", file.toString());

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err.lines()).containsExactly(
        file + ":5: sources[0].uri: \"ht tp://x\" is not a URI",
        file + ":6: sources[0].intervall: unknown key; did you mean \"interval\"?");
    assertThat(run.out).isEmpty();
    assertThat(dir.resolve("republisher.db")).doesNotExist();
  }

  @Test
  void aMissingConfigExitsTwo() {
    Run run = run(Map.of(), "run", "--config", dir.resolve("none.yaml").toString());

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).contains("none.yaml: no such file");
  }

  @Test
  void aSourceItsProviderRejectsExitsTwoNamingItsLineBeforeTheStoreIsOpened()
      throws IOException {
    Path file = dir.resolve("republisher.yaml");
    Files.writeString(file, "site: {url: \"https://x.example/\"}\nsources:\n"
        + "  - {id: a, uri: a.jsonl, type: records}\n"
        + "  - {id: b, uri: b.jsonl, type: nope}\n");

    Run run = run(Map.of(), "run", "--config", file.toString());

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).startsWith(file + ":4: sources[1]: source b (")
        .containsPattern("no source provider for key \"nope\"; known keys: .*file, http, https,"
            + " page, .*records");
    assertThat(dir.resolve("republisher.db")).doesNotExist();
  }

  @Test
  void theClockIsNowElseSourceDateEpochElseTheSystems() {
    Instant now = Instant.parse("2026-12-01T08:00:00Z");
    assertThat(RunCommand.clock(now, Map.of("SOURCE_DATE_EPOCH", "1")))
        .isEqualTo(Clock.fixed(now, ZoneOffset.UTC));
    assertThat(RunCommand.clock(null, Map.of("SOURCE_DATE_EPOCH", "1764576000")))
        .isEqualTo(Clock.fixed(Instant.ofEpochSecond(1764576000), ZoneOffset.UTC));
    assertThat(RunCommand.clock(null, Map.of("SOURCE_DATE_EPOCH", ""))).isEqualTo(Clock.systemUTC());
    assertThat(RunCommand.clock(null, Map.of())).isEqualTo(Clock.systemUTC());
  }

  @Test
  void nowAcceptsAnInstantOrADateTimeWithAnOffset() {
    RunCommand.InstantConverter converter = new RunCommand.InstantConverter();
    assertThat(converter.convert("2026-12-01T08:00:00Z"))
        .isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    assertThat(converter.convert("2026-12-01T09:00:00+01:00"))
        .isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
  }

  private String config() throws IOException {
    Path file = dir.resolve("republisher.yaml");
    Files.writeString(file, "site: {url: \"https://x.example/\"}\nsources: [{id: a, uri: a.jsonl}]\n");
    return file.toString();
  }

  static Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, env, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    return new Run(status, out.toString(UTF_8), err.toString(UTF_8));
  }

  record Run(int status, String out, String err) {}
}
