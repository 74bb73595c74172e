package org.republisher.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.source.SourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets one resource over HTTP(S), politely and within bounds: the one HTTP client of the sources
 * that read the web (upstream feeds, HTML pages). Immutable and thread-safe; calls are independent
 * and blocking.
 *
 * <pre>{@code
 * HttpFetcher http = HttpFetcher.builder().accept("text/html").build();
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
 *   <li><b>Request.</b> A {@code GET} with {@code User-Agent} (default {@value
 *       #DEFAULT_USER_AGENT}), {@code Accept} (default {@code *}{@code /*}), {@code
 *       Accept-Encoding: gzip, deflate}, and the validators given: {@code If-None-Match} (an ETag)
 *       and {@code If-Modified-Since} (a Last-Modified date, sent back verbatim). Plain {@code
 *       http:} is spoken as HTTP/1.1; {@code https:} may negotiate HTTP/2.
 *   <li><b>Redirects</b> (301, 302, 303, 307, 308) are followed here, not by the JDK client, at
 *       most {@link Builder#maxRedirects(int) maxRedirects} (default {@value
 *       #DEFAULT_MAX_REDIRECTS}) times. A relative {@code Location} resolves against the URI that
 *       sent it. A redirect to a URI already visited (a loop), one past the limit, or one whose
 *       {@code Location} is missing, malformed or not http(s) fails.
 *   <li><b>Timeouts.</b> Connecting may take {@link Builder#connectTimeout(Duration)
 *       connectTimeout} (default 10 s). Each request of the chain must then be answered, headers
 *       and whole body, within {@link Builder#readTimeout(Duration) readTimeout} (default 30 s):
 *       the JDK client's request timeout bounds the wait for the headers, and a deadline of connect
 *       plus read timeouts bounds the whole exchange, so a server that stalls in the middle of a
 *       body cannot hang the caller.
 *   <li><b>Size.</b> At most {@link Builder#maxBytes(int) maxBytes} (default 8 MiB) of body are
 *       read; a longer body is cut at the limit, the connection dropped, and the response marked
 *       {@link Response#truncated()}. A {@code gzip} or {@code deflate} body is decoded here (the
 *       JDK client does not) with the same limit on the decoded bytes, so a compression bomb stays
 *       bounded. Memory per call is therefore about twice {@code maxBytes} at worst.
 *   <li><b>Result.</b> A 2xx answer returns its body; a 304 Not Modified returns an empty body
 *       ({@link Response#notModified()}). Anything else (another status, a refused connection, a
 *       timeout, a corrupt compressed body) is thrown as a {@link SourceException} naming the
 *       source id, the URI that failed and the HTTP status when there was one.
 *   <li><b>Interruption.</b> An interrupted caller gets a {@link SourceException} at once, the
 *       exchange is cancelled and the thread's interrupt flag is kept.
 * </ul>
 *
 * <p>Fetchers with the same connect timeout share one JDK {@link HttpClient} (its threads are
 * daemons), so a fetcher per source is cheap.
 */
public final class HttpFetcher {

  /** The default cap on a body, before and after decoding: 8 MiB. */
  public static final int DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

  /** The default time allowed to open a connection: 10 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The default time allowed for each response, headers and body: 30 seconds. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /** The default number of redirects followed: 5. */
  public static final int DEFAULT_MAX_REDIRECTS = 5;

  /** The most redirects that may be configured: 20. */
  public static final int MAX_REDIRECTS_LIMIT = 20;

  /** The {@code User-Agent} sent unless told otherwise; it names the library and where it lives. */
  public static final String DEFAULT_USER_AGENT =
      "republisher/0.1 (+https://github.com/republisher/republisher)";

  private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);

  private static final ConcurrentMap<Duration, HttpClient> CLIENTS = new ConcurrentHashMap<>();

  private final int maxBytes;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxRedirects;
  private final String userAgent;
  private final String accept;

  private HttpFetcher(Builder b) {
    this.maxBytes = b.maxBytes;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.maxRedirects = b.maxRedirects;
    this.userAgent = b.userAgent;
    this.accept = b.accept;
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
   * Gets a resource, following redirects.
   *
   * @param sourceId the id of the source asking, for failures and log lines
   * @param uri an absolute {@code http:} or {@code https:} URI
   * @param validators what the previous answer said about its version, or {@link Validators#NONE}:
   *     sent so that an unchanged resource costs a 304
   * @return a 2xx or 304 answer
   * @throws SourceException when no such answer came: the message says why, and the exception
   *     carries the source id, the URI that failed and the HTTP status (or -1)
   */
  public Response get(String sourceId, URI uri, Validators validators) {
    requireNonNull(sourceId, "sourceId");
    requireNonNull(uri, "uri");
    requireNonNull(validators, "validators");
    checkHttp(sourceId, uri, -1, "is not an absolute http(s) URI");
    URI current = uri;
    Set<URI> visited = new HashSet<>();
    visited.add(current);
    for (int redirects = 0; ; redirects++) {
      Response response = exchange(sourceId, current, validators);
      int status = response.status();
      if (!isRedirect(status)) {
        return response;
      }
      String location =
          response
              .header("location")
              .orElseThrow(
                  () ->
                      new SourceException(
                          sourceId, uri, status, "a redirect without a Location header", null));
      URI next;
      try {
        next = current.resolve(new URI(location.strip()));
      } catch (java.net.URISyntaxException | IllegalArgumentException e) {
        throw new SourceException(
            sourceId, current, status, "a redirect to a malformed Location: " + location, e);
      }
      checkHttp(sourceId, next, status, "is a redirect to a URI that is not http(s)");
      if (!visited.add(next)) {
        throw new SourceException(
            sourceId, uri, status, "a redirect loop: " + current + " leads back to " + next, null);
      }
      if (redirects == maxRedirects) {
        throw new SourceException(
            sourceId, uri, status, "more than " + maxRedirects + " redirects", null);
      }
      LOG.debug("{}: {} redirects to {}", sourceId, current, next);
      current = next;
    }
  }

  private static void checkHttp(String sourceId, URI uri, int status, String reason) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.isOpaque()) {
      throw new SourceException(sourceId, uri, status, uri + " " + reason, null);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** One request and its answer, without following redirects. */
  private Response exchange(String sourceId, URI uri, Validators validators) {
    HttpRequest request = request(sourceId, uri, validators);
    HttpBody.Collector collector = HttpBody.collector(maxBytes);
    AtomicInteger status = new AtomicInteger(-1);
    HttpResponse.BodyHandler<HttpBody> handler =
        info -> {
          status.set(info.statusCode());
          return info.statusCode() / 100 == 2 ? collector : HttpBody.collector(0);
        };
    CompletableFuture<HttpResponse<HttpBody>> pending = client().sendAsync(request, handler);
    Duration deadline = connectTimeout.plus(readTimeout);
    HttpResponse<HttpBody> answer;
    try {
      answer = pending.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      abandon(pending, collector);
      throw new SourceException(
          sourceId, uri, status.get(), "no complete answer within " + describe(deadline), e);
    } catch (InterruptedException e) {
      abandon(pending, collector);
      Thread.currentThread().interrupt();
      throw new SourceException(sourceId, uri, status.get(), "interrupted", e);
    } catch (ExecutionException e) {
      abandon(pending, collector);
      throw failure(sourceId, uri, status.get(), e.getCause() == null ? e : e.getCause());
    }
    int code = answer.statusCode();
    LOG.debug("{}: GET {} -> {}", sourceId, uri, code);
    if (code == 304 || isRedirect(code)) {
      return new Response(code, uri, answer.headers(), new byte[0], false);
    }
    if (code / 100 != 2) {
      throw new SourceException(
          sourceId,
          uri,
          code,
          code >= 500 ? "the server failed" : "the server refused the request",
          null);
    }
    HttpBody body;
    try {
      body =
          HttpBody.decode(
              answer.body(),
              answer.headers().firstValue("content-encoding").orElse(null),
              maxBytes);
    } catch (IOException e) {
      throw new SourceException(sourceId, uri, code, e.getMessage(), e);
    }
    return new Response(code, uri, answer.headers(), body.bytes(), body.truncated());
  }

  private HttpRequest request(String sourceId, URI uri, Validators validators) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(uri)
              .GET()
              .timeout(readTimeout)
              .header("User-Agent", userAgent)
              .header("Accept", accept)
              .header("Accept-Encoding", "gzip, deflate");
      if ("http".equalsIgnoreCase(uri.getScheme())) {
        b.version(HttpClient.Version.HTTP_1_1);
      }
      if (validators.etag() != null) {
        b.header("If-None-Match", validators.etag());
      }
      if (validators.lastModified() != null) {
        b.header("If-Modified-Since", validators.lastModified());
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new SourceException(sourceId, uri, -1, "cannot be requested: " + e.getMessage(), e);
    }
  }

  private static void abandon(
      CompletableFuture<HttpResponse<HttpBody>> pending, HttpBody.Collector collector) {
    pending.cancel(true);
    collector.abort();
  }

  private SourceException failure(String sourceId, URI uri, int status, Throwable cause) {
    String message;
    if (cause instanceof HttpConnectTimeoutException) {
      message = "could not connect within " + describe(connectTimeout);
    } else if (cause instanceof HttpTimeoutException) {
      message = "no answer within " + describe(readTimeout);
    } else if (cause instanceof ConnectException) {
      message = "could not connect" + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    } else if (cause instanceof IOException) {
      message = "the exchange failed: " + cause;
    } else {
      message = "the exchange failed unexpectedly: " + cause;
    }
    return new SourceException(sourceId, uri, status, message, cause);
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private HttpClient client() {
    return CLIENTS.computeIfAbsent(
        connectTimeout,
        t ->
            HttpClient.newBuilder()
                .connectTimeout(t)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
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
   * @param etag the {@code ETag} header, verbatim, or {@code null}
   * @param lastModified the {@code Last-Modified} header, verbatim, or {@code null}
   */
  public record Validators(@Nullable String etag, @Nullable String lastModified) {

    /** No validators: the first request of a resource. */
    public static final Validators NONE = new Validators(null, null);

    /** Turns blank values into {@code null} and strips the others. */
    public Validators {
      etag = etag == null || etag.isBlank() ? null : etag.strip();
      lastModified = lastModified == null || lastModified.isBlank() ? null : lastModified.strip();
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
  public record Response(int status, URI uri, HttpHeaders headers, byte[] body, boolean truncated) {

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
     * Sets the time allowed to open a connection; default 10 s.
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
     * Sets the time allowed for each answer, headers and body, once connected; default 30 s.
     *
     * @param timeout positive
     * @return this builder
     * @throws InvalidValueException when not positive
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive("readTimeout", timeout);
      return this;
    }

    /** Returns the duration, checked positive; the one check every source's timeouts share. */
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
