package org.republisher;

import static org.republisher.internal.Checks.notNull;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.republisher.internal.History;
import org.republisher.internal.Upstream;
import org.republisher.model.Article;
import org.republisher.source.ArticleSource;
import org.republisher.source.FetchResult;
import org.republisher.source.FetchState;
import org.republisher.source.SourceConfig;
import org.republisher.source.SourceException;
import org.republisher.source.SourceProvider;
import org.republisher.store.ArticleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade: sources in, feeds out. A republisher fetches its sources in parallel, each guarded by
 * a deadline, and gathers their articles into an immutable {@link Snapshot} that writes feeds.
 *
 * <pre>{@code
 * try (Republisher republisher = Republisher.builder()
 *     .source(SourceConfig.of("2m", URI.create("https://www.2m.ma/fr/rss.xml")))
 *     .source(HostSource.of("cms", posts, Post::toArticle))
 *     .build()) {
 *   Snapshot snapshot = republisher.refresh();
 *   snapshot.write(spec, article -> true, List.of(FeedOutput.of(FeedFormat.RSS, out)));
 * }
 * }</pre>
 *
 * <h2>Isolation</h2>
 *
 * A source that throws, passes its {@linkplain Builder#deadline(Duration) deadline}, returns {@code
 * null} or a list holding {@code null} becomes a {@link SourceFailure} in the snapshot, with one
 * WARN log line naming the source; the articles of the other sources are published all the same.
 * That holds for an {@link Error} too ({@link OutOfMemoryError}, {@link StackOverflowError}): it
 * ends the fetch of the source that raised it, on that source's thread, and is reported as its
 * failure. A source that fails after a good fetch keeps the articles of that fetch in the snapshot,
 * and its failure says so ({@link SourceFailure#stale()}): nothing already published disappears
 * because an upstream is down.
 *
 * <h2>Threading</h2>
 *
 * A republisher is immutable once built and thread-safe. Its methods may be called from any thread.
 *
 * <ul>
 *   <li>Each source is fetched on a thread of the {@linkplain Builder#executor(Executor) executor}.
 *       When its deadline passes, {@link #refresh()} stops waiting, interrupts that thread, and
 *       reports the source as failed.
 *   <li>Fetches of one source never overlap: a source still running past its deadline (it ignored
 *       the interrupt) is not fetched again until that fetch returns; until then each refresh
 *       reports it as failed, with its last good articles.
 *   <li>Refreshes never overlap either: a call to {@link #refresh()} while another is running waits
 *       for that one and returns its snapshot, without fetching anything itself.
 * </ul>
 *
 * <p>A republisher holds threads only when it made its own executor; {@link #close()} ends them.
 * The threads are daemon threads, so a republisher that is never closed does not keep the JVM
 * alive. The built-in web sources share no HTTP client: a fetch opens its own connections and
 * closes them before it returns, so nothing one source does to its client (an {@link
 * OutOfMemoryError} in the middle of a body, an interrupt) can break another's.
 */
public final class Republisher implements AutoCloseable {
  /** The time a source has to return its articles unless told otherwise: 30 seconds. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  /** How often a source is fetched, with a store, unless told otherwise: 15 minutes. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

  /** How long {@link #close()} waits for the threads of its own executor to end: 5 seconds. */
  public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(Republisher.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final List<Slot> slots;
  private final Duration deadline;
  private final long deadlineNanos;
  private final Clock clock;
  private final Executor executor;
  private final @Nullable ExecutorService ownExecutor;
  private final @Nullable History history;
  private final Duration interval;
  private final Map<String, Duration> intervals;
  private final AtomicReference<@Nullable CompletableFuture<Snapshot>> running =
      new AtomicReference<>();
  private volatile @Nullable Snapshot latest;
  private volatile boolean closed;

  private Republisher(List<Slot> slots, Builder b) {
    this.slots = List.copyOf(slots);
    this.deadline = b.deadline;
    this.deadlineNanos = nanos(b.deadline);
    this.clock = b.clock;
    Executor given = b.executor;
    this.ownExecutor = given == null ? Executors.newCachedThreadPool(Republisher::thread) : null;
    this.executor = given != null ? given : Objects.requireNonNull(ownExecutor);
    this.history = (History) b.store; // sealed: every store is the history's one class
    this.interval = b.interval;
    this.intervals = Map.copyOf(b.intervals);
  }

  /**
   * Returns a builder for a republisher.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Fetches every source in parallel and gathers their articles into a snapshot. Each source has
   * the deadline to return; a source that fails is reported in the snapshot's failures, never
   * thrown. When another refresh is already running, waits for it and returns its snapshot.
   *
   * @return the snapshot; also kept as the {@linkplain #latest() latest}
   * @throws IllegalStateException when this republisher is closed
   * @throws RepublisherException when the calling thread is interrupted while waiting; its
   *     interrupt status is set again and the fetches of this refresh are cancelled
   */
  public Snapshot refresh() {
    while (true) {
      if (closed) {
        throw new IllegalStateException("the republisher is closed");
      }
      CompletableFuture<Snapshot> mine = new CompletableFuture<>();
      CompletableFuture<Snapshot> other = running.compareAndExchange(null, mine);
      if (other == null) {
        try {
          Snapshot snapshot = fetchAll();
          latest = snapshot;
          mine.complete(snapshot);
          return snapshot;
        } catch (RuntimeException | Error e) {
          mine.completeExceptionally(e);
          throw e;
        } finally {
          running.set(null);
        }
      }
      try {
        return other.get();
      } catch (ExecutionException e) {
        // the refresh joined was interrupted in its own caller: run one for this caller
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RepublisherException("interrupted while waiting for a refresh", e);
      }
    }
  }

  /**
   * Returns the snapshot of the last refresh that finished.
   *
   * @return the snapshot, or empty before the first refresh
   */
  public Optional<Snapshot> latest() {
    return Optional.ofNullable(latest);
  }

  /**
   * Closes this republisher: later refreshes throw. When it made its own executor (no {@linkplain
   * Builder#executor(Executor) executor} was given), shuts it down, interrupting fetches still
   * running, and waits up to {@link #CLOSE_WAIT} for its threads to end; an executor the host gave
   * is left to the host. The built-in sources hold no connection or thread between fetches (each
   * request has its own connection, closed when its answer is read, or at once by the interrupt),
   * so once this returns the sockets and threads of the fetches are gone. Calling it again does
   * nothing.
   */
  @Override
  public void close() {
    closed = true;
    ExecutorService own = ownExecutor;
    if (own != null) {
      own.shutdownNow();
      try {
        if (!own.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn(
              "a source ignored the interrupt: its thread still runs after {}", shown(CLOSE_WAIT));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Snapshot fetchAll() {
    long start = System.nanoTime();
    Instant now = clock.instant();
    Set<String> due = null;
    if (history != null) {
      due = new HashSet<>(history.claim(slots.stream().map(slot -> slot.id).toList(), now));
    }
    List<@Nullable FutureTask<FetchResult>> tasks = new ArrayList<>(slots.size());
    for (Slot slot : slots) {
      if (due == null) {
        tasks.add(slot.start(executor, null));
      } else if (due.contains(slot.id)) {
        History.Validators v = history.validators(slot.id);
        tasks.add(slot.start(executor, new FetchState(v.etag(), v.lastModified(), v.bodyHash())));
      } else {
        tasks.add(null);
      }
    }
    // first every fetch, then (with a store) one recording and one save of the fetch states
    List<@Nullable FetchResult> results = new ArrayList<>(slots.size());
    List<@Nullable RepublisherException> errors = new ArrayList<>(slots.size());
    try {
      for (int i = 0; i < slots.size(); i++) {
        FetchResult result = null;
        RepublisherException error = null;
        if (due == null || due.contains(slots.get(i).id)) {
          try {
            // wraps around for very long deadlines: only differences of nanoTime are compared
            result = slots.get(i).await(tasks.get(i), start + deadlineNanos, deadline);
          } catch (RepublisherException e) {
            error = e;
          }
        }
        results.add(result);
        errors.add(error);
      }
    } catch (InterruptedException e) {
      for (FutureTask<FetchResult> task : tasks) {
        if (task != null) {
          task.cancel(true);
        }
      }
      Thread.currentThread().interrupt();
      throw new RepublisherException("interrupted while refreshing", e);
    }
    Map<String, History.Recorded> recorded = Map.of();
    Map<String, Instant> next = Map.of();
    if (history != null) {
      Map<String, List<Article>> changed = new LinkedHashMap<>();
      List<History.Fetch> fetches = new ArrayList<>();
      for (int i = 0; i < slots.size(); i++) {
        Slot slot = slots.get(i);
        FetchResult result = results.get(i);
        RepublisherException error = errors.get(i);
        Duration every = intervals.getOrDefault(slot.id, interval);
        if (result != null) {
          if (!result.notModified()) {
            changed.put(slot.id, result.articles());
          }
          FetchState state = result.state();
          fetches.add(History.Fetch.succeeded(slot.id,
              new History.Validators(state.etag(), state.lastModified(), state.bodyHash()),
              every));
        } else if (error != null) {
          Duration retryAfter =
              error instanceof SourceException se ? se.retryAfter().orElse(null) : null;
          fetches.add(History.Fetch.failed(slot.id, slot.failure(error).httpStatus(), retryAfter,
              String.valueOf(error.getMessage()), every));
        }
      }
      recorded = history.recordAll(changed, now);
      next = history.finish(fetches, now);
    }

    List<Article> articles = new ArrayList<>();
    List<SourceFailure> failures = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<SourceReport> reports = new ArrayList<>(slots.size());
    for (int i = 0; i < slots.size(); i++) {
      Slot slot = slots.get(i);
      FetchResult result = results.get(i);
      RepublisherException error = errors.get(i);
      List<Article> kept = slot.lastGood;
      List<Article> gathered;
      SourceReport report;
      if (error != null) {
        SourceFailure failure = slot.failure(error);
        failures.add(failure);
        gathered = slot.failed(failure, error);
        report = new SourceReport(slot.id, SourceReport.Outcome.FAILED, gathered.size(), 0, 0, 0,
            next.get(slot.id), failure);
      } else if (result == null) {
        gathered = kept == null ? List.of() : kept;
        report = new SourceReport(slot.id, SourceReport.Outcome.NOT_DUE, gathered.size(), 0, 0,
            0, history == null ? null : history.nextFetch(slot.id), null);
      } else if (history == null) {
        gathered = result.articles();
        slot.lastGood = gathered;
        report = new SourceReport(slot.id, SourceReport.Outcome.FETCHED, gathered.size(), 0, 0,
            0, null, null);
      } else if (result.notModified()) {
        gathered = kept == null ? List.of() : kept;
        report = new SourceReport(slot.id, SourceReport.Outcome.NOT_MODIFIED, gathered.size(), 0,
            0, 0, next.get(slot.id), null);
      } else {
        History.Recorded r = recorded.get(slot.id);
        gathered = r.articles();
        slot.lastGood = gathered;
        report = new SourceReport(slot.id, SourceReport.Outcome.FETCHED, gathered.size(),
            r.added(), r.updated(), r.rejected(), next.get(slot.id), null);
      }
      articles.addAll(gathered);
      counts.put(slot.id, gathered.size());
      reports.add(report);
    }
    return new Snapshot(clock.instant(), articles, failures, counts, reports);
  }

  private static Thread thread(Runnable task) {
    Thread thread = new Thread(task, "republisher-source-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }

  private static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // about 292 years
    }
  }

  private static String shown(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /** One source and what the republisher remembers of it between refreshes. */
  private static final class Slot {
    final String id;
    final @Nullable URI uri;
    final ArticleSource source;

    /** True from the start of a fetch until the source's fetch() has returned. */
    final AtomicBoolean busy = new AtomicBoolean();

    /** The articles of the last good fetch; null until one succeeds. */
    volatile @Nullable List<Article> lastGood;

    Slot(String id, @Nullable URI uri, ArticleSource source) {
      this.id = id;
      this.uri = uri;
      this.source = source;
    }

    /**
     * Starts a fetch, conditional when {@code known} is given (what the history kept of the last
     * good fetch); null when the previous fetch is still running.
     */
    @Nullable FutureTask<FetchResult> start(Executor executor, @Nullable FetchState known) {
      if (!busy.compareAndSet(false, true)) {
        return null;
      }
      AtomicBoolean ran = new AtomicBoolean();
      FutureTask<FetchResult> task =
          new FutureTask<>(
              () -> {
                ran.set(true);
                try {
                  if (known == null) {
                    return FetchResult.changed(checked(source.fetch()), FetchState.NONE);
                  }
                  FetchResult result = source.fetch(known);
                  if (result == null) {
                    throw new SourceException(id, uri, -1, "fetch() returned null, not a result",
                        null);
                  }
                  return result.notModified()
                      ? result
                      : FetchResult.changed(checked(result.articles()), result.state());
                } finally {
                  // before the outcome is published, so the next refresh finds the source free
                  busy.set(false);
                }
              });
      try {
        executor.execute(
            () -> {
              try {
                task.run();
              } finally {
                if (!ran.get()) {
                  busy.set(false); // cancelled before it started: fetch() never ran
                }
              }
            });
      } catch (RejectedExecutionException e) {
        busy.set(false);
        FutureTask<FetchResult> rejected =
            new FutureTask<>(
                () -> {
                  throw new SourceException(id, uri, -1, "the executor rejected the fetch", e);
                });
        rejected.run();
        return rejected;
      }
      return task;
    }

    /** Waits for a fetch until the deadline; throws the failure as a RepublisherException. */
    FetchResult await(
        @Nullable FutureTask<FetchResult> task, long deadlineNanos, Duration deadline)
        throws InterruptedException {
      if (task == null) {
        throw new SourceException(
            id,
            uri,
            -1,
            "its previous fetch is still running past its deadline (it ignored the interrupt)",
            null);
      }
      try {
        try {
          return task.get(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          if (task.cancel(true)) {
            throw new SourceException(
                id, uri, -1, "did not return within its deadline of " + shown(deadline), e);
          }
          return task.get(); // it returned in the meantime
        }
      } catch (ExecutionException e) {
        throw failure(e.getCause() != null ? e.getCause() : e);
      } catch (CancellationException e) {
        throw failure(e);
      }
    }

    /** Checks what fetch() returned, on the fetching thread. */
    List<Article> checked(@Nullable List<?> fetched) {
      if (fetched == null) {
        throw new SourceException(id, uri, -1, "fetch() returned null, not a list", null);
      }
      List<Article> articles = new ArrayList<>(fetched.size());
      int index = 0;
      for (Object element : fetched) {
        if (!(element instanceof Article article)) {
          throw new SourceException(
              id,
              uri,
              -1,
              "fetch() returned "
                  + (element == null ? "null" : "a " + element.getClass().getName())
                  + " at index "
                  + index
                  + ", not an article",
              null);
        }
        articles.add(article);
        index++;
      }
      return List.copyOf(articles);
    }

    private RepublisherException failure(Throwable cause) {
      if (cause instanceof RepublisherException e) {
        return e;
      }
      // an Error too (OutOfMemoryError, StackOverflowError…): it ended this source's fetch, on
      // this source's thread; the other sources and the next refresh are not concerned
      return new SourceException(id, uri, -1, "fetch() failed: " + Upstream.shown(cause), cause);
    }

    /** The failure report of a fetch. */
    SourceFailure failure(RepublisherException cause) {
      URI failedUri = uri;
      int status = -1;
      if (cause instanceof SourceException e) {
        failedUri = e.uri() != null ? e.uri() : uri;
        status = e.httpStatus();
      }
      return new SourceFailure(id, failedUri, status, cause, lastGood != null);
    }

    /** Logs a failure, and returns the articles kept in the source's place. */
    List<Article> failed(SourceFailure failure, RepublisherException cause) {
      List<Article> kept = lastGood;
      LOG.warn(
          "{}: failed, {}: {}",
          id,
          kept == null
              ? "no articles"
              : "kept the " + kept.size() + " articles of its last good fetch",
          cause.getMessage());
      LOG.debug("{}: failure", id, cause);
      return kept == null ? List.of() : kept;
    }
  }

  /**
   * Builds a {@link Republisher}. Not thread-safe. {@link #build()} validates the whole
   * configuration: every source configuration is resolved through the providers there, so an
   * unknown key fails at build, not at the first refresh.
   */
  public static final class Builder {
    private final List<Object> sources = new ArrayList<>();
    private final List<SourceProvider> providers = new ArrayList<>();
    private boolean discover;
    private Duration deadline = DEFAULT_DEADLINE;
    private Clock clock = Clock.systemUTC();
    private @Nullable Executor executor;
    private @Nullable ArticleStore store;
    private Duration interval = DEFAULT_INTERVAL;
    private final Map<String, Duration> intervals = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Keeps the history in a store: each refresh then fetches only the sources that are due (by
     * their interval and backoff, conditionally, with the validators the store kept), records what
     * they gave (an article keeps the id and dates of its first sighting for ever, and one seen
     * through two sources is one article), and the snapshot holds the fetched articles with the
     * history's ids and dates. Write feeds from the store with {@link
     * org.republisher.write.FeedArchive}. The store stays the host's: {@link Republisher#close()}
     * leaves it open.
     *
     * @param store the history
     * @return this builder
     */
    public Builder store(ArticleStore store) {
      this.store = notNull(store, "store");
      return this;
    }

    /**
     * Sets how often a source is fetched when there is a {@linkplain #store(ArticleStore) store};
     * the default is {@link #DEFAULT_INTERVAL}. A failing source waits longer (backoff).
     *
     * @param interval a positive duration
     * @return this builder
     * @throws InvalidValueException when it is zero or negative
     */
    public Builder interval(Duration interval) {
      this.interval = positive("interval", interval);
      return this;
    }

    /**
     * Sets how often one source is fetched, overriding {@link #interval(Duration)}.
     *
     * @param sourceId the source's id
     * @param interval a positive duration
     * @return this builder
     * @throws InvalidValueException when it is zero or negative
     */
    public Builder interval(String sourceId, Duration interval) {
      intervals.put(notNull(sourceId, "sourceId"), positive("interval", interval));
      return this;
    }

    private static Duration positive(String name, Duration value) {
      notNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new InvalidValueException(name, value, "is not positive");
      }
      return value;
    }

    /**
     * Adds a source the host made, such as a {@link org.republisher.source.HostSource}.
     *
     * @param source the source; its id must be unique among this republisher's sources
     * @return this builder
     */
    public Builder source(ArticleSource source) {
      sources.add(notNull(source, "source"));
      return this;
    }

    /**
     * Adds a source by configuration, created at {@link #build()} by the provider of its {@link
     * SourceConfig#key() key}.
     *
     * @param config the configuration; its id must be unique among this republisher's sources
     * @return this builder
     */
    public Builder source(SourceConfig config) {
      sources.add(notNull(config, "config"));
      return this;
    }

    /**
     * Registers a source provider for its keys. A registered provider takes precedence over
     * discovered and built-in ones; when two registered providers claim a key, the later wins.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder provider(SourceProvider provider) {
      providers.add(notNull(provider, "provider"));
      return this;
    }

    /**
     * Discovers source providers with {@link java.util.ServiceLoader} at {@link #build()}, in the
     * thread's context class loader (else the library's): every {@code
     * META-INF/services/org.republisher.source.SourceProvider} listing found. A discovered provider
     * takes precedence over a built-in one with the same key; one that fails to load is logged at
     * WARN and skipped. Off by default: only the built-in providers ({@code records}, and those of
     * upstream feeds and pages) and registered ones serve keys.
     *
     * @return this builder
     */
    public Builder discoverProviders() {
      this.discover = true;
      return this;
    }

    /**
     * Sets the time each source has to return its articles, counted from the start of a refresh;
     * the default is {@link #DEFAULT_DEADLINE}. A source still running then is interrupted and
     * reported as failed.
     *
     * @param deadline a positive duration
     * @return this builder
     * @throws InvalidValueException when it is zero or negative
     */
    public Builder deadline(Duration deadline) {
      notNull(deadline, "deadline");
      if (deadline.isNegative() || deadline.isZero()) {
        throw new InvalidValueException("deadline", deadline, "is not positive");
      }
      this.deadline = deadline;
      return this;
    }

    /**
     * Sets the clock that dates snapshots, and so bounds article dates and dates empty feeds when
     * they are written; the default is the system clock in UTC. Inject a fixed clock for
     * byte-identical output.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * Sets the executor sources are fetched on; the host owns it, and {@link Republisher#close()}
     * leaves it running. It must run each task on a thread other than the caller's (a same-thread
     * executor defeats deadlines), and should have a thread for each source, or sources wait in its
     * queue through their deadline. The default is a cached pool of daemon threads named {@code
     * republisher-source-N}, shut down by {@link Republisher#close()}.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = notNull(executor, "executor");
      return this;
    }

    /**
     * Builds the republisher: resolves every source configuration through the providers.
     *
     * @return the republisher
     * @throws InvalidValueException when there is no source, a source has a blank id, or a
     *     registered provider has no keys
     * @throws SourceException naming the source when no provider serves its key (the message names
     *     the key), its provider rejects its configuration, or two sources share its id
     */
    public Republisher build() {
      if (sources.isEmpty()) {
        throw new InvalidValueException("sources", null, "are empty");
      }
      Providers registry = Providers.of(providers, discover ? discoveryLoader() : null);
      List<Slot> slots = new ArrayList<>(sources.size());
      Set<String> ids = new HashSet<>();
      for (Object entry : sources) {
        Slot slot;
        if (entry instanceof SourceConfig config) {
          slot = new Slot(config.id(), config.uri(), registry.create(config));
        } else {
          ArticleSource source = (ArticleSource) entry;
          String id = source.id();
          if (id == null || id.isBlank()) {
            throw new InvalidValueException(
                "source.id", id, "is blank (" + source.getClass().getName() + ")");
          }
          slot = new Slot(id, null, source);
        }
        if (!ids.add(slot.id)) {
          throw new SourceException(slot.id, slot.uri, -1, "another source has the same id", null);
        }
        slots.add(slot);
      }
      return new Republisher(slots, this);
    }

    private static ClassLoader discoveryLoader() {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      return context != null ? context : Republisher.class.getClassLoader();
    }
  }
}
