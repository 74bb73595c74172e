package org.republisher.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.source.DestinationRefusedException;
import org.republisher.source.SourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets one resource over HTTP(S), politely and within bounds: the one HTTP client of the sources
 * that read the web (upstream feeds, HTML pages). Immutable and thread-safe; calls are independent
 * and blocking, on the calling thread.
 *
 * <pre>{@code
 * HttpFetcher http = HttpFetcher.builder().accept("text/html").configured(uri).build();
 * HttpFetcher.Response r = http.get("2m-page", uri, previous); // at first: Validators.NONE
 * if (!r.notModified()) {
 *   parse(r.body(), r.charset(), r.uri()); // r.uri(): after redirects
 *   previous = r.validators();
 * }
 * }</pre>
 *
 * <h2>What one {@link #get} does</h2>
 *
 * <ul>
 *   <li><b>Request.</b> An HTTP/1.1 {@code GET} with {@code User-Agent} (default {@value
 *       #DEFAULT_USER_AGENT}), {@code Accept} (default {@code *}{@code /*}), {@code
 *       Accept-Encoding: gzip, deflate}, {@code Connection: close}, and the validators given:
 *       {@code If-None-Match} (an ETag) and {@code If-Modified-Since} (a Last-Modified date, sent
 *       back verbatim). Each request has a connection of its own, closed when its answer is read:
 *       nothing (no socket, no thread) outlives a call. Proxies are not used.
 *   <li><b>Destinations.</b> The host of every request, the first and each redirect's, is resolved
 *       once (by the {@link Builder#resolver resolver}), each address is checked against the {@link
 *       Destinations} rules, and the connection goes to an address that passed: a name that would
 *       resolve elsewhere a moment later changes nothing. A destination refused is a {@link
 *       DestinationRefusedException}; nothing is sent to it.
 *   <li><b>Redirects</b> (301, 302, 303, 307, 308) are followed at most {@link
 *       Builder#maxRedirects(int) maxRedirects} (default {@value #DEFAULT_MAX_REDIRECTS}) times. A
 *       relative {@code Location} resolves against the URI that sent it. A redirect to a URI
 *       already visited (a loop), one past the limit, one whose {@code Location} is missing,
 *       malformed, longer than {@value Upstream#MAX_URL_CHARS} characters or not http(s), and one
 *       the caller's {@link RedirectRule} refuses, fails.
 *   <li><b>Time.</b> The whole call, every redirect, connection, header and body included, ends
 *       within {@link Builder#readTimeout(Duration) readTimeout} (default 30 s), or within the
 *       timeout given to {@link #get(String, URI, Validators, Duration, RedirectRule)}: each read
 *       waits only for the time left, so a server that drips its answer cannot stretch the call.
 *       Each connection attempt may also take at most {@link Builder#connectTimeout(Duration)
 *       connectTimeout} (default 10 s).
 *   <li><b>Size.</b> The response head (status line and headers) may hold 64 KiB. At most {@link
 *       Builder#maxBytes(int) maxBytes} (default 8 MiB) of body are read; a longer body is cut at
 *       the limit, the connection dropped, and the response marked {@link Response#truncated()}. A
 *       {@code gzip} or {@code deflate} body is decoded as it is read, with the same limit on the
 *       bytes sent and on the decoded bytes, so a compression bomb stays bounded. A call holds at
 *       most about twice {@code maxBytes} (the growing buffer and the copy returned).
 *   <li><b>Result.</b> A 2xx answer returns its body; a 304 Not Modified returns an empty body
 *       ({@link Response#notModified()}). Anything else (another status, a refused or failed
 *       connection, a timeout, a corrupt body) is thrown as a {@link SourceException} whose message
 *       names the source id and the URI asked for first, then what failed (with the URI that failed
 *       when a redirect led there); upstream text in it is cut and escaped ({@link
 *       Upstream#shown}). A 429 or 503 carries its {@code Retry-After} ({@link
 *       SourceException#retryAfter()}).
 *   <li><b>Interruption.</b> An interrupted caller gets a {@link SourceException} at once (the
 *       connection is closed by the interrupt) and the thread's interrupt flag is kept.
 * </ul>
 */
public final class HttpFetcher {

  /** The default cap on a body, before and after decoding: 8 MiB. */
  public static final int DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

  /** The default time allowed to open a connection: 10 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The default time allowed for a whole call, redirects and bodies included: 30 seconds. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /** The default number of redirects followed: 5. */
  public static final int DEFAULT_MAX_REDIRECTS = 5;

  /** The most redirects that may be configured: 20. */
  public static final int MAX_REDIRECTS_LIMIT = 20;

  /** The longest wait a {@code Retry-After} is reported as: one day. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  /** The {@code User-Agent} sent unless told otherwise; it names the library and where it lives. */
  public static final String DEFAULT_USER_AGENT =
      "republisher/0.1 (+https://github.com/republisher/republisher)";

  private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);

  private final int maxBytes;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxRedirects;
  private final String userAgent;
  private final String accept;
  private final Destinations destinations;
  private final HostResolver resolver;
  private final @Nullable SSLContext tls;
  private final Clock clock;

  private HttpFetcher(Builder b) {
    this.maxBytes = b.maxBytes;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.maxRedirects = b.maxRedirects;
    this.userAgent = b.userAgent;
    this.accept = b.accept;
    this.destinations = Destinations.of(b.configured, "allowPrivate", b.allowPrivate);
    this.resolver = b.resolver;
    this.tls = b.tls;
    this.clock = b.clock;
  }

  /**
   * Returns a builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the cap on a body, in bytes.
   *
   * @return the cap
   */
  public int maxBytes() {
    return maxBytes;
  }

  /**
   * Returns the time a whole call may take, unless the caller gives its own.
   *
   * @return the read timeout
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** Decides whether a redirect may be followed: the crawl of pages keeps to its site with one. */
  @FunctionalInterface
  public interface RedirectRule {
    /** Follows every http(s) redirect the {@link Destinations} rules allow. */
    RedirectRule ANY = target -> null;

    /**
     * Judges the target of a redirect.
     *
     * @param target the absolute http(s) URI a redirect leads to
     * @return {@code null} to follow it, else why not (completing "refused to follow a redirect to
     *     X: ")
     */
    @Nullable String refusal(URI target);
  }

  /**
   * Gets a resource, following redirects, within the {@link Builder#readTimeout readTimeout}.
   *
   * @param sourceId the id of the source asking, for failures and log lines
   * @param uri an absolute {@code http:} or {@code https:} URI
   * @param validators what the previous answer said about its version, or {@link Validators#NONE}:
   *     sent so that an unchanged resource costs a 304
   * @return a 2xx or 304 answer
   * @throws SourceException when no such answer came: the message says why, and the exception
   *     carries the source id, the URI asked for and the HTTP status (or -1)
   */
  public Response get(String sourceId, URI uri, Validators validators) {
    return get(sourceId, uri, validators, readTimeout, RedirectRule.ANY);
  }

  /**
   * Gets a resource, following the redirects a rule allows, within a time of the caller's.
   *
   * @param sourceId the id of the source asking, for failures and log lines
   * @param uri an absolute {@code http:} or {@code https:} URI
   * @param validators sent so that an unchanged resource costs a 304
   * @param timeout the time the whole call may take, redirects included; positive
   * @param rule which redirects may be followed
   * @return a 2xx or 304 answer
   * @throws SourceException when no such answer came
   */
  public Response get(
      String sourceId, URI uri, Validators validators, Duration timeout, RedirectRule rule) {
    requireNonNull(sourceId, "sourceId");
    requireNonNull(uri, "uri");
    requireNonNull(validators, "validators");
    requireNonNull(rule, "rule");
    Builder.positive("timeout", timeout);
    long deadline = System.nanoTime() + nanos(timeout);
    Call call = new Call(sourceId, uri, timeout, deadline);
    if (!isHttp(uri)) {
      throw call.failure(uri, -1, "is not an absolute http(s) URI", null);
    }
    URI current = uri;
    Set<URI> visited = new HashSet<>();
    visited.add(current);
    for (int redirects = 0; ; redirects++) {
      Response response = call.exchange(current, validators);
      int status = response.status();
      if (!isRedirect(status)) {
        return response;
      }
      URI next = call.location(current, response);
      String refusal = rule.refusal(next);
      if (refusal != null) {
        throw new DestinationRefusedException(
            sourceId,
            uri,
            status,
            next,
            "refused to follow a redirect to " + Upstream.shown(next) + ": " + refusal,
            null);
      }
      if (!visited.add(next)) {
        throw call.failure(
            current, status, "a redirect loop: it leads back to " + Upstream.shown(next), null);
      }
      if (redirects == maxRedirects) {
        throw call.failure(current, status, "more than " + maxRedirects + " redirects", null);
      }
      LOG.debug("{}: {} redirects to {}", sourceId, current, Upstream.shown(next));
      call.via = status;
      current = next;
    }
  }

  private static boolean isHttp(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https"))
        && uri.getHost() != null
        && !uri.isOpaque();
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static long nanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2; // about 146 years
    }
  }

  /** One call of {@link #get}: what its failures name, and its deadline. */
  private final class Call {
    final String sourceId;
    final URI uri;
    final Duration timeout;
    final long deadline;

    /** The status of the redirect that led to the URI being fetched, or -1 for the first. */
    int via = -1;

    Call(String sourceId, URI uri, Duration timeout, long deadline) {
      this.sourceId = sourceId;
      this.uri = uri;
      this.timeout = timeout;
      this.deadline = deadline;
    }

    /** A failure naming the URI asked for, and the one that failed when a redirect led there. */
    SourceException failure(URI at, int status, String detail, @Nullable Throwable cause) {
      return failure(at, status, detail, cause, null);
    }

    SourceException failure(
        URI at, int status, String detail, @Nullable Throwable cause, @Nullable Duration retry) {
      String where = at.equals(uri) ? "" : " (at " + Upstream.shown(at) + ")";
      return new SourceException(sourceId, uri, status, detail + where, cause, retry);
    }

    /** Reads where a redirect leads. */
    URI location(URI current, Response response) {
      int status = response.status();
      String location = response.header("location").orElse(null);
      if (location == null || location.isBlank()) {
        throw failure(current, status, "a redirect without a Location header", null);
      }
      if (!Upstream.urlFits(location)) {
        throw failure(
            current,
            status,
            "a redirect whose Location is longer than "
                + Upstream.MAX_URL_CHARS
                + " characters: "
                + Upstream.shown(location),
            null);
      }
      URI next;
      try {
        next = current.resolve(new URI(location.strip()));
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw failure(
            current, status, "a redirect to a malformed Location: " + Upstream.shown(location), e);
      }
      if (!isHttp(next)) {
        throw failure(
            current,
            status,
            "a redirect to " + Upstream.shown(next) + ", which is not an http(s) URI",
            null);
      }
      return next;
    }

    /** One request and its answer, without following redirects. */
    Response exchange(URI current, Validators validators) {
      HttpConnection connection = connect(current);
      try (connection) {
        connection.send(requestHead(current, validators));
        HttpConnection.Head head = connection.head();
        int code = head.status();
        LOG.debug("{}: GET {} -> {}", sourceId, current, code);
        if (code == 304 || isRedirect(code)) {
          return new Response(code, current, head.headers(), new byte[0], false);
        }
        if (code / 100 != 2) {
          Duration retry = code == 429 || code == 503 ? retryAfter(head.headers()) : null;
          String detail =
              code == 429
                  ? "the server asks to slow down (Too Many Requests)"
                  : code == 503
                      ? "the server is unavailable"
                      : code >= 500
                          ? "the server failed"
                          : code >= 400 ? "the server refused the request" : "an unexpected status";
          if (retry != null) {
            detail += "; it asks to retry after " + describe(retry);
          }
          throw failure(current, code, detail, null, retry);
        }
        HttpBody body;
        try {
          body =
              HttpBody.read(
                  connection.body(head),
                  head.headers().firstValue("content-encoding").orElse(null),
                  maxBytes,
                  HttpConnection.length(head.headers()));
        } catch (IOException e) {
          throw failed(current, code, e);
        }
        return new Response(code, current, head.headers(), body.bytes(), body.truncated());
      } catch (IOException e) {
        throw failed(current, -1, e);
      }
    }

    /** Resolves, checks and connects: one resolution, and only to an address that passed. */
    private HttpConnection connect(URI current) {
      String host = Destinations.bare(current.getHost());
      int port = Destinations.port(current);
      List<InetAddress> addresses;
      InetAddress literal = Destinations.literal(host);
      if (literal != null) {
        addresses = List.of(literal);
      } else {
        try {
          addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
          throw failure(current, -1, "the host " + Upstream.shown(host) + " is unknown", e);
        }
        if (Thread.currentThread().isInterrupted()) {
          throw failure(current, -1, "interrupted", null);
        }
      }
      List<InetAddress> allowed = new ArrayList<>(addresses.size());
      String refused = null;
      for (InetAddress address : addresses) {
        String kind = destinations.refusal(host, address, port);
        if (kind == null) {
          allowed.add(address);
        } else if (refused == null) {
          refused = address.getHostAddress() + ", a " + kind + " address";
        }
      }
      if (allowed.isEmpty()) {
        throw new DestinationRefusedException(
            sourceId,
            uri,
            via,
            current,
            "refused to connect to "
                + Upstream.shown(current)
                + (refused == null
                    ? ": the host has no address"
                    : ": it resolves to " + refused + " (allowPrivate allows it)"),
            null);
      }
      SSLContext context = "https".equalsIgnoreCase(current.getScheme()) ? tls() : null;
      IOException last = null;
      for (InetAddress address : allowed) {
        int left;
        try {
          left = HttpConnection.millisLeft(deadline);
        } catch (SocketTimeoutException e) {
          throw failure(current, -1, "no complete answer within " + describe(timeout), e);
        }
        boolean connectBound = connectTimeout.toMillis() < left;
        int millis = (int) Math.min(left, connectTimeout.toMillis());
        try {
          return HttpConnection.open(
              new InetSocketAddress(address, port), host, context, millis, deadline);
        } catch (SocketTimeoutException e) {
          if (!connectBound) {
            throw failure(current, -1, "no complete answer within " + describe(timeout), e);
          }
          last = e;
        } catch (ConnectException | NoRouteToHostException e) {
          last = e;
        } catch (IOException e) {
          throw failed(current, -1, e);
        }
      }
      if (last instanceof SocketTimeoutException) {
        throw failure(current, -1, "could not connect within " + describe(connectTimeout), last);
      }
      throw failed(current, -1, requireNonNull(last));
    }

    private SourceException failed(URI current, int status, IOException e) {
      if (Thread.currentThread().isInterrupted()
          || e instanceof ClosedByInterruptException
          || e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
        Thread.currentThread().interrupt();
        return failure(current, status, "interrupted", e);
      }
      String message = Upstream.shown(e.getMessage() == null ? "" : e.getMessage());
      String detail;
      if (e instanceof SocketTimeoutException) {
        detail = "no complete answer within " + describe(timeout);
      } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
        detail = "could not connect: " + message;
      } else if (e instanceof HttpConnection.HeadTooLarge) {
        detail = message;
      } else if (e instanceof SSLException) {
        detail = "the secure connection failed: " + message;
      } else {
        detail = message.isEmpty() ? "the exchange failed" : message;
      }
      return failure(current, status, detail, e);
    }

    private @Nullable Duration retryAfter(Headers headers) {
      String value = headers.firstValue("retry-after").orElse(null);
      if (value == null || value.isBlank()) {
        return null;
      }
      String v = value.strip();
      Duration wait;
      if (v.chars().allMatch(Character::isDigit)) {
        wait = v.length() > 9 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(v));
      } else {
        Instant at = httpDate(v);
        if (at == null) {
          LOG.debug("{}: an unreadable Retry-After: {}", sourceId, Upstream.shown(v));
          return null;
        }
        Instant now = headers.firstValue("date").map(HttpFetcher::httpDate).orElse(null);
        wait = Duration.between(now != null ? now : clock.instant(), at);
      }
      if (wait.isNegative()) {
        return Duration.ZERO;
      }
      return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }
  }

  private static @Nullable Instant httpDate(String text) {
    try {
      return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private String requestHead(URI current, Validators validators) {
    URI ascii = URI.create(current.toASCIIString());
    String path =
        ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
    String query = ascii.getRawQuery() == null ? "" : "?" + ascii.getRawQuery();
    String host = ascii.getHost();
    if (host.indexOf(':') < 0 && !host.startsWith("[")) {
      host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
    }
    int defaultPort = "https".equalsIgnoreCase(ascii.getScheme()) ? 443 : 80;
    if (ascii.getPort() >= 0 && ascii.getPort() != defaultPort) {
      host += ":" + ascii.getPort();
    }
    StringBuilder head = new StringBuilder(256);
    head.append("GET ").append(path).append(query).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append("\r\n");
    head.append("User-Agent: ").append(userAgent).append("\r\n");
    head.append("Accept: ").append(accept).append("\r\n");
    head.append("Accept-Encoding: gzip, deflate\r\n");
    if (validators.etag() != null) {
      head.append("If-None-Match: ").append(validators.etag()).append("\r\n");
    }
    if (validators.lastModified() != null) {
      head.append("If-Modified-Since: ").append(validators.lastModified()).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    return head.toString();
  }

  private SSLContext tls() {
    if (tls != null) {
      return tls;
    }
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no default TLS context", e);
    }
  }

  /**
   * Returns a duration as messages show it: {@code 30 s}, {@code 300 ms}.
   *
   * @param d the duration
   * @return its text
   */
  public static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /**
   * Returns the charset a {@code Content-Type} header names in its {@code charset} parameter.
   *
   * @param contentType a header value such as {@code application/rss+xml; charset="windows-1256"},
   *     or {@code null}
   * @return the charset, or {@code null} when the header is absent, names none, or names one this
   *     JVM does not support
   */
  public static @Nullable Charset charsetOf(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].strip();
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        String name = part.substring(eq + 1).strip();
        if (name.length() >= 2
            && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("'") && name.endsWith("'"))) {
          name = name.substring(1, name.length() - 1).strip();
        }
        try {
          return name.isEmpty() || !Charset.isSupported(name) ? null : Charset.forName(name);
        } catch (IllegalCharsetNameException e) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * What a server said about the version of a resource, sent back on the next request so that an
   * unchanged resource is answered 304 Not Modified. Immutable.
   *
   * <p>A value is sent back in a request header, so one that could not be sent safely (a control
   * character, or longer than {@value Upstream#MAX_TEXT_CHARS} characters) is dropped.
   *
   * @param etag the {@code ETag} header, verbatim, or {@code null}
   * @param lastModified the {@code Last-Modified} header, verbatim, or {@code null}
   */
  public record Validators(@Nullable String etag, @Nullable String lastModified) {

    /** No validators: the first request of a resource. */
    public static final Validators NONE = new Validators(null, null);

    /** Turns blank or unsafe values into {@code null} and strips the others. */
    public Validators {
      etag = sendable(etag);
      lastModified = sendable(lastModified);
    }

    /**
     * Returns whether a value may be sent back in a header: not blank, at most {@value
     * Upstream#MAX_TEXT_CHARS} characters, no control character, nothing beyond Latin-1.
     *
     * @param value the value
     * @return the value stripped, or {@code null} when it may not be sent
     */
    public static @Nullable String sendable(@Nullable String value) {
      if (value == null || value.isBlank()) {
        return null;
      }
      String v = value.strip();
      if (v.length() > Upstream.MAX_TEXT_CHARS) {
        return null;
      }
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
          return null;
        }
      }
      return v;
    }

    /**
     * Returns whether there is no validator to send.
     *
     * @return true when both are {@code null}
     */
    public boolean isEmpty() {
      return etag == null && lastModified == null;
    }
  }

  /**
   * The headers of a response: names in any case, values in the order sent. Immutable.
   *
   * @param map the values by name, its order case-insensitive
   */
  public record Headers(SortedMap<String, List<String>> map) {

    /** Copies the map, keeping its names case-insensitive. */
    public Headers {
      SortedMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (Map.Entry<String, List<String>> e : map.entrySet()) {
        copy.put(e.getKey(), List.copyOf(e.getValue()));
      }
      map = java.util.Collections.unmodifiableSortedMap(copy);
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the name, in any case
     * @return the value, if the header was sent
     */
    public Optional<String> firstValue(String name) {
      List<String> values = map.get(name);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Returns every value of a header.
     *
     * @param name the name, in any case
     * @return the values, empty when the header was not sent
     */
    public List<String> allValues(String name) {
      return map.getOrDefault(name, List.of());
    }
  }

  /**
   * A 2xx or 304 answer. Immutable in practice: the body array is not copied, and must not be
   * changed.
   *
   * @param status the HTTP status: 2xx, or 304
   * @param uri the URI that answered, after redirects: the base of relative references in the body
   * @param headers the response headers
   * @param body the body, decoded from {@code gzip} or {@code deflate}; at most {@link
   *     HttpFetcher#maxBytes()} bytes; empty for a 304
   * @param truncated whether the body was longer than the cap and was cut at it
   */
  public record Response(int status, URI uri, Headers headers, byte[] body, boolean truncated) {

    /**
     * Returns whether this is a 304 Not Modified: the resource is as the validators sent said.
     *
     * @return true for a 304
     */
    public boolean notModified() {
      return status == 304;
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, in any case
     * @return the value, if the header was sent
     */
    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    /**
     * Returns the {@code Content-Type} header.
     *
     * @return the header value, or {@code null}
     */
    public @Nullable String contentType() {
      return headers.firstValue("content-type").orElse(null);
    }

    /**
     * Returns the charset the {@code Content-Type} header names, as {@link #charsetOf} reads it.
     *
     * @return the charset, or {@code null} when none (or an unsupported one) is named
     */
    public @Nullable Charset charset() {
      return charsetOf(contentType());
    }

    /**
     * Returns the validators of this version of the resource, for the next request.
     *
     * @return its {@code ETag} and {@code Last-Modified}, either possibly {@code null}
     */
    public Validators validators() {
      return new Validators(
          headers.firstValue("etag").orElse(null),
          headers.firstValue("last-modified").orElse(null));
    }
  }

  /** Builds an {@link HttpFetcher}; every option has a safe default. Not thread-safe. */
  public static final class Builder {
    private int maxBytes = DEFAULT_MAX_BYTES;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private int maxRedirects = DEFAULT_MAX_REDIRECTS;
    private String userAgent = DEFAULT_USER_AGENT;
    private String accept = "*/*";
    private @Nullable URI configured;
    private List<String> allowPrivate = List.of();
    private HostResolver resolver = HostResolver.SYSTEM;
    private @Nullable SSLContext tls;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the cap on a body, in bytes, before and after decoding; default 8 MiB.
     *
     * @param maxBytes at least 1
     * @return this builder
     * @throws InvalidValueException when below 1 or above {@code Integer.MAX_VALUE - 16}
     */
    public Builder maxBytes(int maxBytes) {
      if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16) {
        throw new InvalidValueException("maxBytes", maxBytes, "is not between 1 and 2^31 - 17");
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * Sets the time allowed to open each connection; default 10 s.
     *
     * @param timeout positive
     * @return this builder
     * @throws InvalidValueException when not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /**
     * Sets the time allowed for a whole call, every redirect, connection, header and body included;
     * default 30 s.
     *
     * @param timeout positive
     * @return this builder
     * @throws InvalidValueException when not positive
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive("readTimeout", timeout);
      return this;
    }

    /**
     * Returns the duration, checked positive; the one check every source's timeouts share.
     *
     * @param field the option's name, for the error
     * @param d the duration
     * @return the duration
     * @throws InvalidValueException when not positive
     */
    public static Duration positive(String field, Duration d) {
      requireNonNull(d, field);
      if (d.isNegative() || d.isZero()) {
        throw new InvalidValueException(field, d, "is not positive");
      }
      return d;
    }

    /**
     * Sets how many redirects are followed; default 5.
     *
     * @param maxRedirects from 0 (none) to {@value #MAX_REDIRECTS_LIMIT}
     * @return this builder
     * @throws InvalidValueException when out of range
     */
    public Builder maxRedirects(int maxRedirects) {
      if (maxRedirects < 0 || maxRedirects > MAX_REDIRECTS_LIMIT) {
        throw new InvalidValueException(
            "maxRedirects", maxRedirects, "is not between 0 and " + MAX_REDIRECTS_LIMIT);
      }
      this.maxRedirects = maxRedirects;
      return this;
    }

    /**
     * Sets the {@code User-Agent} header; default {@value #DEFAULT_USER_AGENT}.
     *
     * @param userAgent not blank, one line
     * @return this builder
     * @throws InvalidValueException when blank or holding a control character
     */
    public Builder userAgent(String userAgent) {
      this.userAgent = headerValue("userAgent", userAgent);
      return this;
    }

    /**
     * Sets the {@code Accept} header, such as {@code text/html} for pages; default {@code *}{@code
     * /*}.
     *
     * @param accept not blank, one line
     * @return this builder
     * @throws InvalidValueException when blank or holding a control character
     */
    public Builder accept(String accept) {
      this.accept = headerValue("accept", accept);
      return this;
    }

    /**
     * Sets the URL the source was configured with: when its host is an IP literal or {@code
     * localhost}, that address and port may be reached though not public (see {@link
     * Destinations}). Default none.
     *
     * @param configured the URL, or {@code null}
     * @return this builder
     */
    public Builder configured(@Nullable URI configured) {
      this.configured = configured;
      return this;
    }

    /**
     * Sets the destinations that may be reached though not public: IP addresses, CIDR networks and
     * host names (see {@link Destinations}). Default none.
     *
     * @param entries the allowlist
     * @return this builder
     * @throws InvalidValueException naming {@code allowPrivate} when an entry is not valid
     */
    public Builder allowPrivate(Collection<String> entries) {
      List<String> copy = List.copyOf(entries);
      Destinations.of(null, "allowPrivate", copy); // fail fast
      this.allowPrivate = copy;
      return this;
    }

    /**
     * Sets what resolves host names; default the system's. For tests, to point a name anywhere.
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder resolver(HostResolver resolver) {
      this.resolver = requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Sets the TLS context of https connections; default the JVM's. For tests, to trust a local
     * certificate.
     *
     * @param tls the context
     * @return this builder
     */
    public Builder tls(SSLContext tls) {
      this.tls = requireNonNull(tls, "tls");
      return this;
    }

    /**
     * Sets the clock a {@code Retry-After} date is counted from when the answer has no {@code
     * Date}; default the system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    private static String headerValue(String field, String value) {
      requireNonNull(value, field);
      String v = value.strip();
      if (v.isEmpty()) {
        throw new InvalidValueException(field, value, "is blank");
      }
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c < 0x20 && c != '\t' || c == 0x7f) {
          throw new InvalidValueException(field, value, "holds a control character");
        }
      }
      return v;
    }

    /**
     * Builds the fetcher. No connection is opened until the first {@link HttpFetcher#get}.
     *
     * @return the fetcher
     */
    public HttpFetcher build() {
      return new HttpFetcher(this);
    }
  }
}
