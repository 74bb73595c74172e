package org.republisher;

import static org.republisher.internal.Checks.notNull;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
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
import org.republisher.model.Article;
import org.republisher.source.ArticleSource;
import org.republisher.source.SourceConfig;
import org.republisher.source.SourceException;
import org.republisher.source.SourceProvider;
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
 * WARN log line naming the source; the articles of the other sources are published all the same. A
 * source that fails after a good fetch keeps the articles of that fetch in the snapshot, and its
 * failure says so ({@link SourceFailure#stale()}): nothing already published disappears because an
 * upstream is down.
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
 * alive.
 */
public final class Republisher implements AutoCloseable {
  /** The time a source has to return its articles unless told otherwise: 30 seconds. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(Republisher.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final List<Slot> slots;
  private final Duration deadline;
  private final long deadlineNanos;
  private final Clock clock;
  private final Executor executor;
  private final @Nullable ExecutorService ownExecutor;
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
   * running; an executor the host gave is left to the host. Calling it again does nothing.
   */
  @Override
  public void close() {
    closed = true;
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
  }

  private Snapshot fetchAll() {
    long start = System.nanoTime();
    List<@Nullable FutureTask<List<Article>>> tasks = new ArrayList<>(slots.size());
    for (Slot slot : slots) {
      tasks.add(slot.start(executor));
    }
    List<Article> articles = new ArrayList<>();
    List<SourceFailure> failures = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    try {
      for (int i = 0; i < slots.size(); i++) {
        Slot slot = slots.get(i);
        List<Article> gathered;
        try {
          // wraps around for very long deadlines: only differences of nanoTime are compared
          gathered = slot.await(tasks.get(i), start + deadlineNanos, deadline);
          slot.lastGood = gathered;
        } catch (RepublisherException e) {
          gathered = slot.failed(e, failures);
        }
        articles.addAll(gathered);
        counts.put(slot.id, gathered.size());
      }
    } catch (InterruptedException e) {
      for (FutureTask<List<Article>> task : tasks) {
        if (task != null) {
          task.cancel(true);
        }
      }
      Thread.currentThread().interrupt();
      throw new RepublisherException("interrupted while refreshing", e);
    }
    return new Snapshot(clock.instant(), articles, failures, counts);
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

    /** Starts a fetch; null when the previous one is still running. */
    @Nullable FutureTask<List<Article>> start(Executor executor) {
      if (!busy.compareAndSet(false, true)) {
        return null;
      }
      AtomicBoolean ran = new AtomicBoolean();
      FutureTask<List<Article>> task =
          new FutureTask<>(
              () -> {
                ran.set(true);
                try {
                  return checked(source.fetch());
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
        FutureTask<List<Article>> rejected =
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
    List<Article> await(
        @Nullable FutureTask<List<Article>> task, long deadlineNanos, Duration deadline)
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
      return new SourceException(id, uri, -1, "fetch() failed: " + cause, cause);
    }

    /** Reports a failure, logs it, and returns the articles kept in the source's place. */
    List<Article> failed(RepublisherException cause, List<SourceFailure> failures) {
      List<Article> kept = lastGood;
      URI failedUri = uri;
      int status = -1;
      if (cause instanceof SourceException e) {
        failedUri = e.uri() != null ? e.uri() : uri;
        status = e.httpStatus();
      }
      failures.add(new SourceFailure(id, failedUri, status, cause, kept != null));
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

    private Builder() {}

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
