package org.republisher.http;

import static org.republisher.internal.Checks.notNull;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.republisher.InvalidValueException;
import org.republisher.internal.HttpFetcher;
import org.republisher.internal.Urls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a WebSub hub which feeds changed, so that it fetches them and pushes them to the readers
 * subscribed (W3C WebSub, section 6): for each URL, an HTTP {@code POST} to the hub of the form
 * {@code hub.mode=publish&hub.url=URL}. Thread-safe.
 *
 * <pre>{@code
 * try (WebSubPublisher hub = WebSubPublisher.builder("https://hub.example/").build()) {
 *   hub.publish(responder.swap(files)); // after each refresh; returns at once
 * }
 * }</pre>
 *
 * <p>{@link #publish} never blocks: the notifications are sent one after another by one
 * background thread. A URL already waiting to be announced is not queued twice. A hub that answers
 * 2xx has it; a network failure, a time-out, 408, 429 or a 5xx is retried after a capped
 * exponential backoff ({@link Builder#backoff}, doubled each time up to {@link Builder#maxBackoff},
 * or the hub's {@code Retry-After} seconds within that cap), up to {@link Builder#maxAttempts}
 * attempts; any other status is final. Failures are logged at WARN, never thrown; {@link
 * #announced()} and {@link #notAnnounced()} count the outcomes.
 */
public final class WebSubPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebSubPublisher.class);

  /** Attempts per notification unless told otherwise: 5. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** The first wait before a retry unless told otherwise: 1 second. */
  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

  /** The longest wait before a retry unless told otherwise: 5 minutes. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);

  /** How long one notification may take unless told otherwise: 10 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final URI hub;
  private final int maxAttempts;
  private final Duration backoff;
  private final Duration maxBackoff;
  private final Duration timeout;
  private final HttpClient client;
  private final ScheduledThreadPoolExecutor sender;
  /** The URLs waiting for an attempt, first or retry: a change to one of them needs no other. */
  private final Set<URI> waiting = ConcurrentHashMap.newKeySet();
  /** Attempts scheduled and not yet over: what {@link #close()} waits for. */
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicLong announced = new AtomicLong();
  private final AtomicLong notAnnounced = new AtomicLong();

  private WebSubPublisher(Builder b) {
    this.hub = b.hub;
    this.maxAttempts = b.maxAttempts;
    this.backoff = b.backoff;
    this.maxBackoff = b.maxBackoff;
    this.timeout = b.timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(b.timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.sender =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread t = new Thread(task, "republisher-websub");
              t.setDaemon(true);
              return t;
            });
    sender.setRemoveOnCancelPolicy(true);
  }

  /**
   * Returns a builder of a publisher to a hub.
   *
   * @param hub the hub's URL, absolute http(s): the one the feeds name ({@code FeedSpec.hub})
   * @return a new builder
   * @throws InvalidValueException when it is not absolute http(s)
   */
  public static Builder builder(String hub) {
    return new Builder(Urls.absolute("hub", hub));
  }

  /**
   * Announces that feeds changed, in the background; returns at once. Pass what changed only
   * (such as {@link FeedResponder#swap}'s answer): an empty collection announces nothing. After
   * {@link #close()}, nothing is announced.
   *
   * @param urls the changed feeds' self URLs
   */
  public void publish(Collection<URI> urls) {
    for (URI url : urls) {
      notNull(url, "url");
      if (waiting.add(url)) {
        schedule(url, 1, 0);
      }
    }
  }

  private void schedule(URI url, int attempt, long delayMillis) {
    if (attempt == 1 && closing.get()) {
      waiting.remove(url);
      notAnnounced.incrementAndGet();
      LOG.warn("hub {}: closed, {} not announced", hub, url);
      return;
    }
    pending.incrementAndGet();
    try {
      sender.schedule(() -> attempt(url, attempt), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      waiting.remove(url);
      notAnnounced.incrementAndGet();
      over();
      LOG.warn("hub {}: closed, {} not announced", hub, url);
    }
  }

  private void attempt(URI url, int attempt) {
    try {
      send(url, attempt);
    } finally {
      over();
    }
  }

  /** One scheduled attempt is over: the last one wakes a {@link #close()} waiting for it. */
  private void over() {
    if (pending.decrementAndGet() == 0) {
      synchronized (pending) {
        pending.notifyAll();
      }
    }
  }

  private void send(URI url, int attempt) {
    waiting.remove(url); // from now on, a new change is announced again
    String form =
        "hub.mode=publish&hub.url=" + URLEncoder.encode(url.toString(), StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(hub)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("User-Agent", HttpFetcher.DEFAULT_USER_AGENT)
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
            .build();
    String failure;
    long retryAfter = -1;
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      if (status / 100 == 2) {
        announced.incrementAndGet();
        LOG.debug("hub {}: {} announced", hub, url);
        return;
      }
      failure = "status " + status;
      if (status != 408 && status != 429 && status / 100 != 5) {
        notAnnounced.incrementAndGet();
        LOG.warn("hub {}: {} not announced, final answer {}", hub, url, status);
        return;
      }
      retryAfter =
          response.headers().firstValue("Retry-After").map(WebSubPublisher::seconds).orElse(-1L);
    } catch (IOException e) {
      failure = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      notAnnounced.incrementAndGet();
      LOG.warn("hub {}: {} not announced, stopped", hub, url);
      return;
    }
    if (attempt >= maxAttempts) {
      notAnnounced.incrementAndGet();
      LOG.warn("hub {}: {} not announced after {} attempts: {}", hub, url, attempt, failure);
      return;
    }
    long wait = backoff.toMillis() << Math.min(attempt - 1, 30);
    if (retryAfter >= 0) {
      wait = retryAfter * 1000;
    }
    wait = Math.min(Math.max(wait, 0), maxBackoff.toMillis());
    LOG.warn("hub {}: {} attempt {} failed ({}), retrying in {} ms", hub, url, attempt, failure,
        wait);
    if (waiting.add(url)) { // else a newer announcement is already waiting
      schedule(url, attempt + 1, wait);
    }
  }

  private static long seconds(String retryAfter) {
    try {
      return Long.parseLong(retryAfter.strip());
    } catch (NumberFormatException e) {
      return -1; // an HTTP date: the backoff applies
    }
  }

  /**
   * Returns how many notifications the hub has accepted (answered 2xx) so far.
   *
   * @return the count
   */
  public long announced() {
    return announced.get();
  }

  /**
   * Returns how many notifications were given up on so far: refused, out of attempts, or not sent
   * because the publisher was closed.
   *
   * @return the count
   */
  public long notAnnounced() {
    return notAnnounced.get();
  }

  /**
   * Stops: announcements already waiting are still sent (retries included, in their time) for at
   * most the {@link Builder#timeout timeout}, none is accepted after, and the rest are dropped
   * with a WARN line. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      synchronized (pending) {
        long left;
        while (pending.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.timedWait(pending, left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int dropped = sender.shutdownNow().size();
    if (dropped > 0) {
      notAnnounced.addAndGet(dropped);
      LOG.warn("hub {}: closed with {} announcement(s) not sent", hub, dropped);
    }
  }

  /** Builds a {@link WebSubPublisher}. Not thread-safe. */
  public static final class Builder {
    private final URI hub;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration backoff = DEFAULT_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder(URI hub) {
      this.hub = hub;
    }

    /**
     * Sets how many times a notification is tried; the default is {@link #DEFAULT_MAX_ATTEMPTS}.
     *
     * @param maxAttempts at least 1
     * @return this builder
     * @throws InvalidValueException when it is below 1
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new InvalidValueException("maxAttempts", maxAttempts, "is below 1");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the wait before the first retry, doubled before each next one; the default is {@link
     * #DEFAULT_BACKOFF}.
     *
     * @param backoff zero or more
     * @return this builder
     * @throws InvalidValueException when it is negative
     */
    public Builder backoff(Duration backoff) {
      this.backoff = notNegative("backoff", backoff);
      return this;
    }

    /**
     * Sets the longest wait before a retry, the hub's {@code Retry-After} included; the default
     * is {@link #DEFAULT_MAX_BACKOFF}.
     *
     * @param maxBackoff zero or more
     * @return this builder
     * @throws InvalidValueException when it is negative
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = notNegative("maxBackoff", maxBackoff);
      return this;
    }

    /**
     * Sets how long one notification may take (connecting, sending, the answer), and how long
     * {@link #close()} waits for the waiting ones; the default is {@link #DEFAULT_TIMEOUT}.
     *
     * @param timeout positive
     * @return this builder
     * @throws InvalidValueException when it is not positive
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isZero() || timeout.isNegative()) {
        throw new InvalidValueException("timeout", timeout, "is not positive");
      }
      this.timeout = timeout;
      return this;
    }

    private static Duration notNegative(String field, Duration d) {
      if (d.isNegative()) {
        throw new InvalidValueException(field, d, "is negative");
      }
      return d;
    }

    /**
     * Builds the publisher and starts its thread.
     *
     * @return the publisher
     */
    public WebSubPublisher build() {
      return new WebSubPublisher(this);
    }
  }
}
