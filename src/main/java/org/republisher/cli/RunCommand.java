package org.republisher.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.republisher.RepublisherException;
import org.republisher.http.WebSubPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code republisher run}: one round. Fetches every due source once, records what it got in the
 * store, writes every feed and archive page, prints a line per source and a summary. With a WebSub
 * hub configured, the current documents whose written bytes changed are announced to it, and the
 * command waits for the notifications for at most {@link WebSubPublisher#DEFAULT_TIMEOUT}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Fetches every due source once, records what it got in the store, and writes every feed"
          + " and archive page into the output folder.",
      "The clock is the system's, unless --now or the environment variable SOURCE_DATE_EPOCH"
          + " (seconds since 1970) fixes it."
    },
    footer = {"", "Exit status: 0 feeds written (failed sources reported), 1 nothing written (the"
        + " store or the output cannot be written, or every source failed: the last feeds are left"
        + " as they were), 2 bad configuration or arguments."})
final class RunCommand implements Callable<Integer> {
  static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

  @Spec CommandSpec spec;

  @Mixin ConfigOption config = new ConfigOption();

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      converter = InstantConverter.class,
      description = "Fixes the clock, such as 2026-12-01T08:00:00Z, for reproducible output.")
  @Nullable Instant now;

  private final Map<String, String> env;

  RunCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    Config cfg;
    Clock clock;
    try {
      clock = clock(now, env);
      cfg = config.read();
    } catch (ConfigException e) {
      e.problems().forEach(err::println);
      return 2;
    }
    try (Job job = Job.open(cfg, clock)) {
      Job.Round round = job.round();
      Progress.sources(out, round.sources());
      if (round.allFailed()) {
        err.println("republisher: every source failed: the feeds in " + cfg.output()
            + " are left as they were");
        Progress.summary(out, round, null, cfg.output(), elapsed(start));
        return 1;
      }
      Output.Result written =
          new Output(cfg.output(), cfg.site()).write(round.files(), round.feeds());
      Progress.summary(out, round, written, cfg.output(), null);
      if (cfg.hub() != null) {
        announce(cfg.hub(), round, written, out);
      }
      Progress.time(out, elapsed(start));
      return 0;
    } catch (ConfigException e) {
      e.problems().forEach(err::println);
      return 2;
    } catch (RepublisherException e) {
      // the store or the output: nothing was written, or each file written is whole
      err.println("republisher: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Tells the hub which current documents were written changed, and waits for the notifications
   * (retries included) for at most the publisher's timeout; a failure is logged, never fatal.
   */
  private static void announce(URI hub, Job.Round round, Output.Result written, PrintWriter out) {
    List<URI> feeds = written.changed().stream().filter(round.current()::contains).toList();
    long notAnnounced = 0;
    if (!feeds.isEmpty()) {
      WebSubPublisher publisher = WebSubPublisher.builder(hub.toString()).build();
      try (publisher) {
        publisher.publish(feeds);
      }
      notAnnounced = publisher.notAnnounced();
    }
    if (notAnnounced == 0) {
      out.printf(Locale.ROOT, "websub    %d changed feeds announced to %s%n", feeds.size(), hub);
    } else {
      out.printf(Locale.ROOT, "websub    %d changed feeds, %d not announced to %s (see the log)%n",
          feeds.size(), notAnnounced, hub);
    }
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * Returns the job's clock: fixed at {@code --now}, else at {@code SOURCE_DATE_EPOCH} when that
   * is set and not empty, else the system clock.
   *
   * @throws ConfigException when SOURCE_DATE_EPOCH is not a whole number of seconds
   */
  static Clock clock(@Nullable Instant now, Map<String, String> env) {
    if (now != null) {
      return Clock.fixed(now, ZoneOffset.UTC);
    }
    String epoch = env.get(SOURCE_DATE_EPOCH);
    if (epoch == null || epoch.isBlank()) {
      return Clock.systemUTC();
    }
    try {
      return Clock.fixed(Instant.ofEpochSecond(Long.parseLong(epoch.strip())), ZoneOffset.UTC);
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw new ConfigException(SOURCE_DATE_EPOCH + ": " + YamlTree.quoted(epoch)
          + " is not a whole number of seconds since 1970-01-01T00:00:00Z");
    }
  }

  /** Reads {@code --now}: an instant, or a date-time with an offset. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value.strip()).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(YamlTree.quoted(value)
            + " is not an instant such as 2026-12-01T08:00:00Z or 2026-12-01T09:00:00+01:00");
      }
    }
  }
}
