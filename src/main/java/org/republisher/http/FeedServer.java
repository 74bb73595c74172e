package org.republisher.http;

import static org.republisher.internal.Checks.notNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.RepublisherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link FeedResponder} over HTTP/1.1 on the JDK's own server ({@code
 * com.sun.net.httpserver}), with a bounded pool of threads, and answers {@code GET /health} with a
 * JSON summary. Thread-safe.
 *
 * <pre>{@code
 * try (FeedServer server = FeedServer.builder(responder).port(8080).start()) {
 *   ... // responder.swap(files) after each refresh
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops cleanly: the requests being answered are finished (for at most the
 * {@link Builder#grace grace period}), requests that arrive meanwhile get 503 with {@code
 * Connection: close}, then the port is released. A response is never cut short by a stop within
 * the grace period.
 *
 * <p>Loading this class sets three system properties of the JDK's server, each unless it is set:
 * {@code sun.net.httpserver.nodelay} to {@code true}, which turns off Nagle's algorithm, which
 * otherwise delays each response with a body by the client's delayed acknowledgement (40 ms on
 * Linux); {@code sun.net.httpserver.maxReqTime} to {@value #MAX_REQUEST_SECONDS} and {@code
 * sun.net.httpserver.maxRspTime} to {@value #MAX_RESPONSE_SECONDS} (seconds), after which a
 * connection that has not finished sending its request, or reading its response, is closed: the
 * JDK's server reads a request on a thread of the pool, with no timeout of its own, so a few
 * clients that send half a request (or never read) would otherwise hold every thread for ever.
 * The JDK reads these properties when its server is first used in the JVM; when something else
 * started one before, pass them with {@code -D}.
 */
public final class FeedServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedServer.class);
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  /** The number of threads answering requests unless told otherwise: 8. */
  public static final int DEFAULT_THREADS = 8;

  /** How long a stop waits for the requests being answered unless told otherwise: 10 seconds. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  /** Seconds a client has to send a whole request before its connection is closed: 10. */
  static final int MAX_REQUEST_SECONDS = 10;

  /** Seconds a client has to read a whole response before its connection is closed: 120. */
  static final int MAX_RESPONSE_SECONDS = 120;

  static {
    // The JDK's server writes a response's header and its body in two writes. Without
    // TCP_NODELAY, Nagle's algorithm holds the body back until the client acknowledges the header,
    // which a client delays by up to 40 ms on Linux: a 47 KB gzip feed took 44 ms instead of 0.24
    // ms over loopback, and 64 connections got a fifth of nginx's rate. The JDK reads the property
    // once, when its server is first used in the JVM.
    setUnlessSet(NODELAY, "true");
    // A request is read, and a response written, by a pool thread blocking on the socket with no
    // timeout: without these, threads-many clients sending "G" and nothing more stop the server.
    setUnlessSet("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
    setUnlessSet("sun.net.httpserver.maxRspTime", Integer.toString(MAX_RESPONSE_SECONDS));
  }

  private static void setUnlessSet(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  private static final JsonFactory JSON = new JsonFactory();
  private static final FeedResponse UNAVAILABLE =
      new FeedResponse(
          503,
          Map.of(
              "Content-Type", "text/plain; charset=utf-8",
              "Connection", "close",
              "Retry-After", "5"),
          "Service Unavailable\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));

  private final FeedResponder responder;
  private final Supplier<? extends Map<String, ?>> health;
  private final Duration grace;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean closing = new AtomicBoolean();

  private FeedServer(Builder b) throws IOException {
    this.responder = b.responder;
    this.health = b.health;
    this.grace = b.grace;
    this.executor =
        new ThreadPoolExecutor(
            b.threads,
            b.threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(b.threads * 128),
            threads(),
            // a full queue slows the acceptor down instead of dropping a connection
            new ThreadPoolExecutor.CallerRunsPolicy());
    this.server = HttpServer.create(b.address, 1024);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /**
   * Returns a builder of a server for a responder.
   *
   * @param responder answers every request but {@code /health}
   * @return a new builder
   */
  public static Builder builder(FeedResponder responder) {
    return new Builder(responder);
  }

  /**
   * Returns the address the server listens on, with the port it got when asked for port 0.
   *
   * @return the bound address
   */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    try {
      FeedResponse response;
      String method = exchange.getRequestMethod();
      if (closing.get()) {
        response = UNAVAILABLE;
      } else {
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        Headers headers = exchange.getRequestHeaders();
        response =
            path.equals("/health")
                ? health(method)
                : responder.respond(method, path, name -> header(headers, name));
      }
      send(exchange, response, method.equals("HEAD"));
    } catch (IOException e) {
      LOG.debug("{} {}: the client went away: {}", exchange.getRequestMethod(),
          exchange.getRequestURI(), e.toString());
    } finally {
      exchange.close();
      inFlight.decrementAndGet();
    }
  }

  private static @Nullable String header(Headers headers, String name) {
    List<String> values = headers.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(", ", values);
  }

  private static void send(HttpExchange exchange, FeedResponse response, boolean head)
      throws IOException {
    Headers out = exchange.getResponseHeaders();
    response.headers().forEach(out::set);
    int length = response.bodyLength();
    boolean body = !head && length > 0 && response.status() != 304;
    exchange.sendResponseHeaders(response.status(), body ? length : -1);
    if (body) {
      response.writeTo(exchange.getResponseBody());
    }
  }

  private FeedResponse health(String method) {
    boolean head = method.equals("HEAD");
    if (!head && !method.equals("GET")) {
      return new FeedResponse(
          405, Map.of("Allow", "GET, HEAD", "Content-Length", "0"), new byte[0]);
    }
    int status = 200;
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(json)) {
      Map<String, ?> summary;
      try {
        summary = notNull(health.get(), "the health summary");
      } catch (RuntimeException e) {
        LOG.warn("/health: the summary failed: {}", e.toString());
        summary = Map.of("status", "error", "error", e.toString());
        status = 500;
      }
      write(g, summary);
    } catch (IOException e) {
      throw new IllegalStateException("cannot happen in memory", e);
    }
    byte[] bytes = json.toByteArray();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("Content-Length", Integer.toString(bytes.length));
    headers.put("Cache-Control", "no-store");
    return new FeedResponse(status, headers, head ? new byte[0] : bytes);
  }

  /** Writes a value of a summary: maps, iterables, strings, numbers, booleans, null, the rest as text. */
  private static void write(JsonGenerator g, @Nullable Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Iterable<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        write(g, item);
      }
      g.writeEndArray();
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else {
      g.writeString(value.toString());
    }
  }

  /**
   * Stops the server: requests being answered are finished (for at most the grace period), new
   * ones get 503, then the port is released and the threads end. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      if (inFlight.get() > 0) {
        LOG.warn("stopping with {} request(s) unfinished after {}", inFlight.get(), grace);
      }
      // JDK 17's stop(n) waits its full delay even when nothing is left: the wait is done above
      server.stop(0);
      executor.shutdown();
      if (!executor.awaitTermination(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.stop(0);
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("stopped serving on {}", server.getAddress());
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, "republisher-http-" + n.incrementAndGet());
      t.setDaemon(false);
      return t;
    };
  }

  /** Builds and starts a {@link FeedServer}. Not thread-safe. */
  public static final class Builder {
    private final FeedResponder responder;
    private InetSocketAddress address = new InetSocketAddress(8080);
    private int threads = DEFAULT_THREADS;
    private Duration grace = DEFAULT_GRACE;
    private Supplier<? extends Map<String, ?>> health = () -> Map.of("status", "ok");

    private Builder(FeedResponder responder) {
      this.responder = notNull(responder, "responder");
    }

    /**
     * Sets the port to listen on, on every interface; the default is 8080.
     *
     * @param port 0 to 65535; 0 takes a free port (see {@link FeedServer#address()})
     * @return this builder
     * @throws InvalidValueException when it is out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new InvalidValueException("port", port, "is not a port number");
      }
      this.address = new InetSocketAddress(port);
      return this;
    }

    /**
     * Sets the address and port to listen on; the default is port 8080 on every interface.
     *
     * @param address the address
     * @return this builder
     */
    public Builder address(InetSocketAddress address) {
      this.address = notNull(address, "address");
      return this;
    }

    /**
     * Sets the number of threads answering requests; the default is {@link #DEFAULT_THREADS}.
     *
     * @param threads at least 1
     * @return this builder
     * @throws InvalidValueException when it is below 1
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new InvalidValueException("threads", threads, "is below 1");
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets how long a stop waits for the requests being answered; the default is {@link
     * #DEFAULT_GRACE}.
     *
     * @param grace zero or more
     * @return this builder
     * @throws InvalidValueException when it is negative
     */
    public Builder grace(Duration grace) {
      if (grace.isNegative()) {
        throw new InvalidValueException("grace", grace, "is negative");
      }
      this.grace = grace;
      return this;
    }

    /**
     * Sets what {@code GET /health} answers, as JSON: called once per request, it returns a map
     * of maps, lists, strings, numbers, booleans and nulls (anything else is written as its
     * text). The default is {@code {"status":"ok"}}. When it throws, the answer is 500.
     *
     * @param health the summary, such as the last refresh's
     * @return this builder
     */
    public Builder health(Supplier<? extends Map<String, ?>> health) {
      this.health = notNull(health, "health");
      return this;
    }

    /**
     * Starts the server.
     *
     * @return the running server
     * @throws RepublisherException when the address cannot be listened on, naming it
     */
    public FeedServer start() {
      try {
        FeedServer server = new FeedServer(this);
        LOG.info("serving on {}", server.address());
        return server;
      } catch (IOException e) {
        throw new RepublisherException("cannot listen on " + address + ": " + e.getMessage(), e);
      }
    }
  }
}
