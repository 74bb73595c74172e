package org.republisher.http;

import static org.republisher.internal.Checks.notNull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.Urls;
import org.republisher.write.FeedFile;

/**
 * Answers HTTP requests for a set of rendered feed files, in any Java web stack: method, path and
 * headers in, status, headers and body out. Thread-safe: any number of threads may call {@link
 * #respond} while another calls {@link #swap}.
 *
 * <pre>{@code
 * FeedResponder responder = FeedResponder.builder().maxAge(Duration.ofMinutes(10)).build();
 * Set<URI> changed = responder.swap(files); // after each refresh
 * FeedResponse response = responder.respond(FeedRequest.of(method, path, headerLookup));
 * }</pre>
 *
 * <h2>What it serves</h2>
 *
 * Each {@link FeedFile} is served at its URL's path ({@code https://x.example/feeds/all.atom.xml}
 * at {@code /feeds/all.atom.xml}, whatever the host). A request's path matches a file's when they
 * are equal once percent-encoded unreserved characters are decoded; no dot-segment is resolved and
 * nothing but the files given is ever served (there is no file system behind it), so {@code ..}
 * and encoded tricks find nothing. When {@link #swap} takes a new set of files, the bytes, their
 * gzip form, a strong {@code ETag} from the bytes and the {@code Last-Modified} date are made once,
 * and every response is made then too; a request gets the whole old set or the whole new one,
 * never a mix, and never a half-made file.
 *
 * <h2>Responses</h2>
 *
 * <ul>
 *   <li>{@code GET} and {@code HEAD} of a file: 200 with {@code Content-Type} ({@code
 *       application/rss+xml}, {@code application/atom+xml} or {@code application/feed+json}, each
 *       with {@code charset=utf-8}), {@code Content-Length}, {@code Last-Modified} (the file's
 *       updated date), {@code ETag}, {@code Cache-Control: public, max-age=N} and {@code Vary:
 *       Accept-Encoding}, and with {@code Link} to the WebSub hub and the file itself when a
 *       {@link Builder#hub hub} is set. {@code HEAD} gets the same header fields and no body.
 *   <li>{@code Accept-Encoding} naming {@code gzip} with a weight above 0 gets the gzip bytes
 *       ({@code Content-Encoding: gzip}), made once; their {@code ETag} is the identity one's with
 *       {@code -gz} added, since a content coding is another representation (RFC 9110, section
 *       8.8.3.3). Without the field, or with {@code gzip;q=0}, the bytes are sent as they are.
 *   <li>Conditional requests, evaluated in RFC 9110's order (section 13.2.2): {@code If-Match}
 *       (strong comparison) and else {@code If-Unmodified-Since}, when false, give 412; {@code
 *       If-None-Match} (weak comparison, a list of tags or {@code *}) and, only when that field is
 *       absent, {@code If-Modified-Since}, when false, give 304 with no body, and with {@code
 *       ETag}, {@code Cache-Control}, {@code Vary} (and {@code Link}). A date that is not an HTTP
 *       date is ignored.
 *   <li>Any other method: 405 with {@code Allow: GET, HEAD}. A path that is no file's: 404.
 * </ul>
 */
public final class FeedResponder {
  /** How long readers and caches may keep a response unless told otherwise: 5 minutes. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

  private static final FeedResponse NOT_FOUND = text(404, "Not Found", Map.of());
  private static final FeedResponse METHOD_NOT_ALLOWED =
      text(405, "Method Not Allowed", Map.of("Allow", "GET, HEAD"));
  private static final FeedResponse PRECONDITION_FAILED = text(412, "Precondition Failed", Map.of());

  private final String cacheControl;
  private final Clock clock;
  private final @Nullable URI hub;
  private volatile Map<String, Served> files = Map.of();

  private FeedResponder(Builder b) {
    this.cacheControl = "public, max-age=" + b.maxAge.toSeconds();
    this.clock = b.clock;
    this.hub = b.hub;
  }

  /**
   * Returns a builder of a responder that serves no file until the first {@link #swap}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Answers a request from the files served now.
   *
   * @param request the request
   * @return the response; the same instance for every request that gets the same answer
   */
  public FeedResponse respond(FeedRequest request) {
    notNull(request, "request");
    return respond(request.method(), request.path(), request::header);
  }

  /** Answers a request whose header fields are looked up by name (null when absent). */
  FeedResponse respond(String method, String target, Function<String, @Nullable String> header) {
    boolean head = method.equals("HEAD");
    if (!head && !method.equals("GET")) {
      return METHOD_NOT_ALLOWED;
    }
    String key = key(target);
    Served file = key == null ? null : files.get(key);
    if (file == null) {
      return NOT_FOUND;
    }
    Served.Representation r =
        file.gzip != null && HttpFields.acceptsGzip(header.apply("Accept-Encoding"))
            ? file.gzip
            : file.identity;
    String ifMatch = header.apply("If-Match");
    if (ifMatch != null) {
      if (!HttpFields.matches(ifMatch, r.etag(), false)) {
        return PRECONDITION_FAILED;
      }
    } else {
      Instant since = date(header.apply("If-Unmodified-Since"));
      if (since != null && file.lastModified.isAfter(since)) {
        return PRECONDITION_FAILED;
      }
    }
    String ifNoneMatch = header.apply("If-None-Match");
    if (ifNoneMatch != null) {
      if (HttpFields.matches(ifNoneMatch, r.etag(), true)) {
        return r.notModified();
      }
    } else {
      Instant since = date(header.apply("If-Modified-Since"));
      if (since != null && !file.lastModified.isAfter(since)) {
        return r.notModified();
      }
    }
    return head ? r.head() : r.get();
  }

  private @Nullable Instant date(@Nullable String value) {
    return value == null ? null : HttpFields.parseHttpDate(value, clock.instant());
  }

  /**
   * Replaces the files served, at once: from the moment this returns, requests get the new set
   * and only it (a file left out is no longer served). The bytes, their gzip form and every
   * response are made here, once; a file whose bytes and date did not change keeps what was made
   * for it. Calls are serialized.
   *
   * @param files the files to serve, each at its URL's path
   * @return the URLs whose bytes changed (a new {@code ETag}) or that were not served before, in
   *     the order given: what a {@link WebSubPublisher} announces
   * @throws InvalidValueException when two files have the same path; the files served stay as
   *     they were
   */
  public synchronized Set<URI> swap(Collection<FeedFile> files) {
    notNull(files, "files");
    Map<String, Served> before = this.files;
    Map<String, Served> next = new HashMap<>();
    Set<URI> changed = new LinkedHashSet<>();
    for (FeedFile file : files) {
      String key = notNull(key(file.url().toASCIIString()), "a URI's path is valid");
      byte[] bytes = file.bytes();
      String etag = Served.etag(bytes);
      Served previous = before.get(key);
      Served served =
          previous != null && previous.same(file, etag)
              ? previous
              : Served.of(file, bytes, etag, cacheControl, link(file.url()), previous);
      Served other = next.putIfAbsent(key, served);
      if (other != null) {
        throw new InvalidValueException(
            "files", file.url(), "has the same path as another file, " + other.url);
      }
      if (previous == null || !previous.identity.etag().equals(etag)) {
        changed.add(file.url());
      }
    }
    this.files = Map.copyOf(next);
    return Collections.unmodifiableSet(changed);
  }

  private @Nullable String link(URI self) {
    return hub == null
        ? null
        : "<" + hub.toASCIIString() + ">; rel=\"hub\", <" + self.toASCIIString() + ">; rel=\"self\"";
  }

  /**
   * The key a request target is looked up by: its path, percent-encoded unreserved characters
   * decoded and other escapes in upper case; null when it is not an origin-form or absolute-form
   * target, or its escapes are malformed.
   */
  static @Nullable String key(String target) {
    String path = target;
    int scheme = path.indexOf("://");
    if (scheme > 0 && !path.startsWith("/")) { // absolute-form: the path after the authority
      int end = scheme + 3;
      while (end < path.length() && "/?#".indexOf(path.charAt(end)) < 0) {
        end++;
      }
      path = end < path.length() && path.charAt(end) == '/' ? path.substring(end) : "/";
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '?' || c == '#') {
        path = path.substring(0, i);
        break;
      }
    }
    if (!path.startsWith("/")) {
      return null;
    }
    if (path.indexOf('%') < 0) {
      return path;
    }
    StringBuilder key = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c != '%') {
        key.append(c);
        continue;
      }
      int hi = i + 2 < path.length() ? Character.digit(path.charAt(i + 1), 16) : -1;
      int lo = hi < 0 ? -1 : Character.digit(path.charAt(i + 2), 16);
      if (lo < 0) {
        return null;
      }
      char decoded = (char) (hi * 16 + lo);
      if (unreserved(decoded)) {
        key.append(decoded);
      } else {
        key.append('%').append(Character.toUpperCase(path.charAt(i + 1)))
            .append(Character.toUpperCase(path.charAt(i + 2)));
      }
      i += 2;
    }
    return key.toString();
  }

  private static boolean unreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static FeedResponse text(int status, String reason, Map<String, String> extra) {
    byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>(extra);
    headers.put("Content-Type", "text/plain; charset=utf-8");
    headers.put("Content-Length", Integer.toString(body.length));
    return new FeedResponse(status, headers, body);
  }

  /** Builds a {@link FeedResponder}. Not thread-safe. */
  public static final class Builder {
    private Duration maxAge = DEFAULT_MAX_AGE;
    private Clock clock = Clock.systemUTC();
    private @Nullable URI hub;

    private Builder() {}

    /**
     * Sets how long readers and caches may keep a response ({@code Cache-Control: public,
     * max-age=N}), usually the refresh interval; the default is {@link #DEFAULT_MAX_AGE}.
     *
     * @param maxAge zero or more, counted in whole seconds
     * @return this builder
     * @throws InvalidValueException when it is negative
     */
    public Builder maxAge(Duration maxAge) {
      if (maxAge.isNegative()) {
        throw new InvalidValueException("maxAge", maxAge, "is negative");
      }
      this.maxAge = maxAge;
      return this;
    }

    /**
     * Sets the WebSub hub to name in a {@code Link} header field beside each file's own URL
     * (WebSub discovery, section 4); the default is none. Use the hub the feeds name.
     *
     * @param hub an absolute http(s) URL
     * @return this builder
     * @throws InvalidValueException when it is not absolute http(s)
     */
    public Builder hub(String hub) {
      this.hub = Urls.absolute("hub", hub);
      return this;
    }

    /**
     * Sets the clock that dates are read against (a two-digit year in an obsolete HTTP date); the
     * default is the system's.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * Builds the responder, which serves nothing (404) until its first {@link #swap}.
     *
     * @return the responder
     */
    public FeedResponder build() {
      return new FeedResponder(this);
    }
  }
}
