package org.republisher.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.republisher.RepublisherException;
import org.republisher.SourceReport;
import org.republisher.http.FeedResponder;
import org.republisher.http.FeedServer;
import org.republisher.http.WebSubPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve} at work: the rounds of {@code run} on the sources' schedule, their files served
 * over HTTP from memory and written to the output folder, changed feeds announced to the WebSub
 * hub.
 *
 * <h2>Schedule</h2>
 *
 * {@link #run()} refreshes at once, then waits until the earliest time a source is next due (its
 * interval, or its backoff after failures, as the store reports it), at least {@link #MIN_WAIT},
 * and refreshes again; a refresh that fails as a whole (the store cannot be read or written) is
 * logged and tried again after {@link #RETRY} or the interval, whichever is shorter. Nothing a
 * refresh does stops the server.
 *
 * <h2>Files</h2>
 *
 * Each refresh renders every feed and archive page from the store, unless every source failed
 * (then the files served stay as they are; the first refresh renders all the same when the store
 * holds articles). The files are swapped into the {@link FeedResponder} at once, which makes the
 * gzip form and the responses of a changed file only, then written to the output folder as {@code
 * run} writes them. A write that fails is logged and reported in {@code /health}; serving goes on
 * from memory.
 *
 * <h2>WebSub</h2>
 *
 * After a refresh, the current documents whose bytes changed are announced to the hub (archive
 * pages are not): changed since the last refresh of this process, or, at the first refresh, since
 * the files of the output folder, so a restart announces nothing that did not change.
 *
 * <h2>Stopping</h2>
 *
 * {@link #stop()} stops the schedule. A refresh under way finishes, its files written (its fetches
 * are bounded by the configuration's {@code deadline}; nothing is interrupted, so no source is
 * left claimed in the store); then the server closes (the requests under way finish, new ones get
 * 503), the publisher gets its timeout to send what waits, and the store closes. Thread-safe:
 * {@link #run()} on one thread, the other methods from any.
 */
final class Serving {
  private static final Logger LOG = LoggerFactory.getLogger(Serving.class);

  /** The shortest wait between two refreshes: never a busy loop, whatever the store says. */
  static final Duration MIN_WAIT = Duration.ofSeconds(1);

  /** The wait after a refresh that failed as a whole, unless the interval is shorter. */
  static final Duration RETRY = Duration.ofMinutes(1);

  private final Config config;
  private final Clock clock;
  private final PrintWriter out;
  private final Job job;
  private final Output output;
  private final FeedResponder responder;
  private final @Nullable WebSubPublisher hub;
  private final FeedServer server;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean stopping; // guarded by lock
  private boolean woken; // guarded by lock

  /** What {@code /health} shows: replaced whole after each refresh. */
  private volatile Health health = Health.STARTING;

  private boolean served; // the loop's thread only: files were swapped in once

  private Serving(Config config, Clock clock, @Nullable Integer port, PrintWriter out, Job job) {
    this.config = config;
    this.clock = clock;
    this.out = out;
    this.job = job;
    this.output = new Output(config.output(), config.site());
    FeedResponder.Builder responder =
        FeedResponder.builder().maxAge(config.interval()).clock(clock);
    if (config.hub() != null) {
      responder.hub(config.hub().toString());
    }
    this.responder = responder.build();
    InetSocketAddress address =
        new InetSocketAddress(config.serve().address(),
            port != null ? port : config.serve().port());
    if (address.isUnresolved()) {
      throw new RepublisherException("cannot listen on " + config.serve().address()
          + ": no such host (serve.address)");
    }
    this.hub = config.hub() == null ? null : WebSubPublisher.builder(config.hub().toString())
        .build();
    try {
      this.server =
          FeedServer.builder(this.responder)
              .address(address)
              .threads(config.serve().threads())
              .health(() -> health.toMap())
              .start();
    } catch (RuntimeException e) {
      if (hub != null) {
        hub.close();
      }
      throw e;
    }
  }

  /**
   * Opens the store and starts the server; serves nothing but {@code /health} until {@link
   * #run()} has refreshed once.
   *
   * @param config the configuration
   * @param clock the clock of the whole job
   * @param port the port, or {@code null} for the configuration's ({@code serve.port})
   * @param out where each refresh's lines are printed
   * @return the service, listening
   * @throws ConfigException when a provider rejects a source
   * @throws RepublisherException when the store cannot be opened or the address listened on
   */
  static Serving open(Config config, Clock clock, @Nullable Integer port, PrintWriter out) {
    Job job = Job.open(config, clock);
    try {
      Serving serving = new Serving(config, clock, port, out, job);
      out.println("serving   " + config.site() + " at " + serving.local());
      return serving;
    } catch (RuntimeException e) {
      job.close();
      throw e;
    }
  }

  /** Returns the address listened on. */
  InetSocketAddress address() {
    return server.address();
  }

  /** Returns the URL of the site's folder on this server: {@code http://127.0.0.1:8080/feeds/}. */
  URI local() {
    InetSocketAddress a = server.address();
    String host = a.getAddress().getHostAddress();
    if (host.indexOf(':') >= 0) {
      int zone = host.indexOf('%');
      host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + config.site().getRawPath());
  }

  /**
   * Refreshes on schedule until {@link #stop()}, then closes the server, the publisher and the
   * store. Returns once everything is closed.
   */
  void run() {
    try {
      while (!isStopping()) {
        long start = System.nanoTime();
        Instant next;
        try {
          next = publish(job.refresh(), start);
        } catch (RuntimeException e) {
          next = failed(e);
        }
        await(next);
      }
    } finally {
      close();
    }
  }

  /**
   * Renders, swaps, writes and announces a refresh's files; returns when to refresh next.
   *
   * @throws RepublisherException when the store cannot be read
   */
  private Instant publish(Job.Round fetched, long start) {
    Job.Round round = fetched;
    Output.Result written = null;
    String writeError = null;
    int changed = 0;
    if (!fetched.allFailed() || !served && fetched.total() > 0) {
      round = job.render(fetched);
      Set<URI> swapped = responder.swap(round.files());
      boolean first = !served;
      served = true;
      try {
        written = output.write(round.files(), round.feeds());
      } catch (Output.OutputException e) {
        writeError = e.getMessage();
        LOG.warn("{}", writeError);
      }
      // at the first refresh, the output folder tells what changed since the last process
      Collection<URI> news = first && written != null ? written.changed() : swapped;
      changed = news.size();
      List<URI> feeds = news.stream().filter(round.current()::contains).toList();
      if (hub != null && !feeds.isEmpty()) {
        hub.publish(feeds);
      }
    }
    Instant next = next(round.sources(), clock.instant(), config.interval());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    health = health.next(round, written, writeError, changed, next, took);
    Progress.sources(out, round.sources());
    Progress.summary(out, round, written, config.output(), took);
    out.printf(Locale.ROOT, "serving   %d files, %d changed%s; next refresh at %s%n",
        health.files(), changed, writeError == null ? "" : ", not written (see the log)",
        next.truncatedTo(ChronoUnit.SECONDS));
    return next;
  }

  /** Logs a refresh that failed as a whole; returns when to try again. */
  private Instant failed(RuntimeException e) {
    LOG.warn("the refresh failed: {}", e.getMessage());
    LOG.debug("the refresh failed", e);
    Instant now = clock.instant();
    Duration wait = config.interval().compareTo(RETRY) < 0 ? config.interval() : RETRY;
    Instant next = now.plus(wait);
    health = health.failed(now, String.valueOf(e.getMessage()), next);
    out.printf(Locale.ROOT, "FAILED    the refresh: %s; next refresh at %s%n", e.getMessage(),
        next.truncatedTo(ChronoUnit.SECONDS));
    return next;
  }

  /**
   * Returns when to refresh next: the earliest time a source is due, else after the interval, and
   * never sooner than {@link #MIN_WAIT} from now.
   */
  static Instant next(List<SourceReport> sources, Instant now, Duration interval) {
    Instant next = null;
    for (SourceReport source : sources) {
      Instant due = source.nextFetch();
      if (due != null && (next == null || due.isBefore(next))) {
        next = due;
      }
    }
    if (next == null) {
      next = now.plus(interval);
    }
    Instant soonest = now.plus(MIN_WAIT);
    return next.isBefore(soonest) ? soonest : next;
  }

  /** Waits until the clock reaches a time, {@link #refreshNow()} or {@link #stop()}. */
  private void await(Instant next) {
    lock.lock();
    try {
      while (!stopping && !woken) {
        long millis = Duration.between(clock.instant(), next).toMillis();
        if (millis <= 0) {
          break;
        }
        wake.await(millis, TimeUnit.MILLISECONDS);
      }
      woken = false;
    } catch (InterruptedException e) {
      stopping = true; // an interrupt of the serving thread stops it
    } finally {
      lock.unlock();
    }
  }

  private boolean isStopping() {
    lock.lock();
    try {
      return stopping;
    } finally {
      lock.unlock();
    }
  }

  /** Starts the next refresh now, without waiting for a source to be due. */
  void refreshNow() {
    lock.lock();
    try {
      woken = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the schedule: a refresh under way finishes (its fetches are bounded by the deadline),
   * then {@link #run()} closes everything and returns. Returns at once; see {@link
   * #awaitStopped(Duration)}.
   */
  void stop() {
    lock.lock();
    try {
      if (!stopping) {
        stopping = true;
        out.println("stopping  the refresh under way, if any, finishes first");
      }
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until {@link #run()} has closed everything.
   *
   * @param timeout how long to wait at most
   * @return true when everything is closed
   */
  boolean awaitStopped(Duration timeout) {
    try {
      return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void close() {
    try {
      server.close();
    } finally {
      try {
        if (hub != null) {
          hub.close();
        }
      } finally {
        try {
          job.close();
        } finally {
          health = health.stopped();
          out.println("stopped   the server and the store are closed");
          stopped.countDown();
        }
      }
    }
  }

  /**
   * What {@code /health} shows.
   *
   * @param status {@code starting}, {@code ok}, {@code degraded} (a source failed, or the files
   *     could not be written), {@code failing} (the last refresh failed as a whole) or {@code
   *     stopping}
   * @param refreshes the refreshes done
   * @param time when the last refresh finished, or null
   * @param round the last refresh that did not fail as a whole, or null
   * @param written what its write did, or null
   * @param error why the last refresh failed as a whole, or why its files were not written
   * @param files the files served
   * @param changed the files the last refresh changed
   * @param next when the next refresh is due
   * @param took how long the last refresh took
   */
  record Health(
      String status,
      long refreshes,
      @Nullable Instant time,
      Job.@Nullable Round round,
      Output.@Nullable Result written,
      @Nullable String error,
      int files,
      int changed,
      @Nullable Instant next,
      @Nullable Duration took) {

    static final Health STARTING =
        new Health("starting", 0, null, null, null, null, 0, 0, null, null);

    Health next(Job.Round round, Output.@Nullable Result written, @Nullable String writeError,
        int changed, Instant next, Duration took) {
      boolean failedSource =
          round.sources().stream().anyMatch(s -> s.outcome() == SourceReport.Outcome.FAILED);
      int served = round.files().isEmpty() ? files : round.files().size();
      return new Health(failedSource || writeError != null ? "degraded" : "ok", refreshes + 1,
          round.taken(), round, written, writeError, served, changed, next, took);
    }

    Health failed(Instant now, String error, Instant next) {
      return new Health("failing", refreshes + 1, now, round, written, error, files, 0, next,
          null);
    }

    Health stopped() {
      return new Health("stopping", refreshes, time, round, written, error, files, 0, null, took);
    }

    /** The JSON object of {@code /health}, as maps and lists. */
    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("status", status);
      map.put("refreshes", refreshes);
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("time", time == null ? null : time.truncatedTo(ChronoUnit.SECONDS));
      last.put("tookMs", took == null ? null : took.toMillis());
      last.put("error", error);
      if (round != null) {
        Map<String, Object> sources = new LinkedHashMap<>();
        sources.put("ok",
            count(SourceReport.Outcome.FETCHED) + count(SourceReport.Outcome.NOT_MODIFIED));
        sources.put("failed", count(SourceReport.Outcome.FAILED));
        sources.put("notDue", count(SourceReport.Outcome.NOT_DUE));
        last.put("sources", sources);
        Map<String, Object> articles = new LinkedHashMap<>();
        articles.put("new", round.sources().stream().mapToInt(SourceReport::added).sum());
        articles.put("updated", round.sources().stream().mapToInt(SourceReport::updated).sum());
        articles.put("total", round.total());
        last.put("articles", articles);
      }
      Map<String, Object> fileCounts = new LinkedHashMap<>();
      fileCounts.put("served", files);
      fileCounts.put("changed", changed);
      if (written != null) {
        fileCounts.put("written", written.written());
        fileCounts.put("unchanged", written.unchanged());
        fileCounts.put("removed", written.removed());
      }
      last.put("files", fileCounts);
      map.put("lastRefresh", last);
      map.put("nextRefresh", next == null ? null : next.truncatedTo(ChronoUnit.SECONDS));
      List<Map<String, Object>> sources = new ArrayList<>();
      if (round != null) {
        for (SourceReport s : round.sources()) {
          Map<String, Object> source = new LinkedHashMap<>();
          source.put("id", s.sourceId());
          source.put("outcome", s.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
          source.put("articles", s.articles());
          source.put("new", s.added());
          source.put("updated", s.updated());
          source.put("rejected", s.rejected());
          source.put("nextFetch", s.nextFetch());
          source.put("error", s.failure() == null ? null : s.failure().cause().getMessage());
          sources.add(source);
        }
      }
      map.put("sources", sources);
      return map;
    }

    private long count(SourceReport.Outcome outcome) {
      return round == null ? 0
          : round.sources().stream().filter(s -> s.outcome() == outcome).count();
    }
  }
}
