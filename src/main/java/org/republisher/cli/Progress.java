package org.republisher.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.republisher.SourceReport;

/** Prints what a round did: a line per source, then the summary. */
final class Progress {
  private Progress() {}

  /**
   * Prints one line per source: what happened, its id, and the counts, its next due time or its
   * failure.
   */
  static void sources(PrintWriter out, List<SourceReport> sources) {
    int width = sources.stream().mapToInt(s -> s.sourceId().length()).max().orElse(0);
    for (SourceReport s : sources) {
      String detail =
          switch (s.outcome()) {
            case FETCHED -> s.articles() + " articles, " + s.added() + " new, " + s.updated()
                + " updated" + (s.rejected() > 0 ? ", " + s.rejected() + " rejected" : "")
                + next(s);
            case NOT_MODIFIED -> "not modified upstream" + next(s);
            case NOT_DUE -> "not due" + next(s);
            case FAILED -> s.failure() == null ? "failed" : s.failure().cause().getMessage();
          };
      out.printf(Locale.ROOT, "%-8s %-" + Math.max(1, width) + "s  %s%n", label(s), s.sourceId(),
          detail);
    }
  }

  private static String label(SourceReport s) {
    return switch (s.outcome()) {
      case FETCHED, NOT_MODIFIED -> "ok";
      case NOT_DUE -> "waiting";
      case FAILED -> "FAILED";
    };
  }

  private static String next(SourceReport s) {
    return s.nextFetch() == null ? "" : "; next at " + s.nextFetch();
  }

  /** Prints the summary: sources, articles, files, and the time when it is given. */
  static void summary(
      PrintWriter out,
      Job.Round round,
      Output.@Nullable Result written,
      Path folder,
      @Nullable Duration elapsed) {
    long ok = count(round, SourceReport.Outcome.FETCHED) + count(round, SourceReport.Outcome.NOT_MODIFIED);
    long failed = count(round, SourceReport.Outcome.FAILED);
    long notDue = count(round, SourceReport.Outcome.NOT_DUE);
    int added = round.sources().stream().mapToInt(SourceReport::added).sum();
    int updated = round.sources().stream().mapToInt(SourceReport::updated).sum();
    out.printf(Locale.ROOT, "sources   %d ok, %d failed, %d not due%n", ok, failed, notDue);
    out.printf(Locale.ROOT, "articles  %d new, %d updated, %d total%n", added, updated,
        round.total());
    if (written == null) {
      out.printf(Locale.ROOT, "files     none written, %s left as it was%n", folder);
    } else {
      out.printf(Locale.ROOT, "files     %d written, %d unchanged, %d removed in %s%n",
          written.written(), written.unchanged(), written.removed(), folder);
    }
    if (elapsed != null) {
      time(out, elapsed);
    }
  }

  /** Prints the time a round took. */
  static void time(PrintWriter out, Duration elapsed) {
    out.printf(Locale.ROOT, "time      %.2f s%n", elapsed.toMillis() / 1000.0);
  }

  private static long count(Job.Round round, SourceReport.Outcome outcome) {
    return round.sources().stream().filter(s -> s.outcome() == outcome).count();
  }
}
