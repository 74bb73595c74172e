package org.republisher.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.HostResolver;
import org.republisher.internal.HttpFetcher;
import org.republisher.model.Article;
import org.republisher.model.Publication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upstream RSS or Atom feed as a source of articles: RSS 0.90, 0.91, 0.92, 0.93, 0.94, 1.0 (RDF)
 * and 2.0, Atom 0.3 and 1.0, read from an {@code http:}, {@code https:} or {@code file:} URI and
 * parsed with Rome.
 *
 * <pre>{@code
 * ArticleSource twoM =
 *     FeedSource.builder(URI.create("https://www.2m.ma/fr/rss.xml"))
 *         .id("2m")
 *         .publication(Publication.builder("2M").url("https://www.2m.ma/fr").build())
 *         .build();
 * List<Article> articles = twoM.fetch();
 * }</pre>
 *
 * <h2>Fetching</h2>
 *
 * <ul>
 *   <li><b>Conditional GET.</b> The {@code ETag} and {@code Last-Modified} of the last answer are
 *       kept in this object and sent back ({@code If-None-Match}, {@code If-Modified-Since}); a 304
 *       Not Modified returns the previous list as it is, without parsing. A body identical to the
 *       previous one (same bytes, charset and URI: a server without validators, or a {@code file:}
 *       feed that did not change) returns the previous list too.
 *   <li><b>Bounds</b>, each a builder option: at most {@link Builder#maxBytes(int) maxBytes} of
 *       body (default 8 MiB, before and after gzip or deflate decoding; a longer body is cut at the
 *       limit and then fails to parse), {@link Builder#readTimeout(Duration) readTimeout} for the
 *       whole fetch, every redirect, connection, header and body included, a server that drips its
 *       answer too (default 30 s), {@link Builder#connectTimeout(Duration) connectTimeout} per
 *       connection (default 10 s), {@link Builder#maxRedirects(int) maxRedirects} (default 5; a
 *       loop fails), {@link Builder#maxItems(int) maxItems} entries read (default {@value
 *       #DEFAULT_MAX_ITEMS}). The response headers may hold 64 KiB.
 *   <li><b>Memory</b> is bounded by the body whatever the document holds: the entries past {@code
 *       maxItems} are counted and skipped while the XML is parsed, never built, so a fetch holds
 *       its body and the entries it reads. All that a fetch allocates, garbage included, stays
 *       under 16 times the body plus 160 KiB per entry read (most of it Rome's date parsing).
 *   <li><b>Destinations.</b> The host of the feed and of each redirect is resolved once per
 *       connection and the connection made only to an address that passed the check: by default no
 *       loopback, private, shared, link-local, multicast, broadcast or unspecified address, except
 *       the very address and port of a configured URL whose host is an IP literal or {@code
 *       localhost}; {@link Builder#allowPrivate(Collection) allowPrivate} allows more. A refusal is
 *       a {@link DestinationRefusedException}. Each request has a connection of its own, closed
 *       before the fetch returns: nothing is pooled, no thread is kept.
 *   <li><b>Upstream values.</b> A URL longer than 8 KiB is dropped (an entry whose link it was
 *       keeps a guid or Atom id that is a URL as its link); titles, names and categories longer
 *       than 1024 characters are cut there with an ellipsis. Failures name this source's id and URI
 *       first; upstream text in them is cut and its control characters escaped.
 *   <li><b>Manners.</b> {@code User-Agent: republisher/0.1
 *       (+https://github.com/republisher/republisher)} unless told otherwise, {@code Accept} for
 *       feeds, {@code Accept-Encoding: gzip, deflate}.
 *   <li><b>Characters.</b> A byte order mark (UTF-8, UTF-16, UTF-32) wins, then the HTTP {@code
 *       charset}, then what the bytes say: UTF-32 or UTF-16 by their first character, else the
 *       XML declaration, else UTF-8 (the order of RFC 7303). A body said to be UTF-8 that is not is
 *       read in its declared encoding, else as windows-1252, with a warning; a body that starts as
 *       UTF-16 or UTF-32 does is read so, whatever single-byte charset the header names.
 *   <li><b>Hardening.</b> No DOCTYPE is read, so no entity can be declared or expanded and no DTD
 *       or external entity is ever fetched: a document with a DOCTYPE fails at once (except the
 *       harmless Netscape RSS 0.91 one, which is ignored). Named HTML entities such as {@code
 *       &nbsp;} are read as their characters; any other undeclared entity fails. Elements nest at
 *       most 256 deep.
 * </ul>
 *
 * <h2>Mapping an entry to an {@link Article}</h2>
 *
 * <ul>
 *   <li><b>sourceLink</b>: the entry's link (an RSS permalink guid is one), else its guid or Atom
 *       id when it is an http(s) URL, else its first enclosure; the first of them that is an
 *       http(s) URL once made absolute: against the {@code xml:base} in scope, else the channel
 *       link (RSS) or the http(s) URI fetched (Atom), else the other. An IRI is converted (IDNA
 *       host, percent-encoded UTF-8). An entry with none of them is kept with the publication's
 *       home page (else its feed) as source link, and logged at WARN; its id then comes from its
 *       guid or title. The article has no own {@code link}.
 *   <li><b>id</b>: the guid or Atom id when it is an http(s), {@code tag:} or {@code urn:} URI;
 *       else derived from the source link.
 *   <li><b>publication</b>: the entry's own {@code <source>} when it is itself republished (RSS
 *       {@code <source url>}, the url being the original's feed; Atom {@code <source>} with its
 *       alternate and self links); else the {@link Builder#publication(Publication) configured}
 *       one; else one made from the channel: its title (else the host), link, self link (else the
 *       URI fetched, when http(s)) and language.
 *   <li><b>title</b>, <b>summary</b>, <b>contentHtml</b> as given: the normalizer turns markup in
 *       titles into text later. The content is {@code content:encoded} or Atom {@code content},
 *       with the description as summary; without content, the description is the content. Text
 *       content and titles (Atom {@code type="text"}, the default) are escaped into HTML, so that
 *       what they say stays text. An entry without title takes the start of its text as title,
 *       else its link.
 *   <li><b>authors</b>: Atom authors, Dublin Core creators, RSS {@code author} ({@code
 *       "jd@example.org (Jane Doe)"} becomes Jane Doe with her email), without repeats; else the
 *       feed's authors, unless the entry is republished. <b>categories</b>: as given, without
 *       repeats. <b>language</b>: the entry's {@code xml:lang}, else the channel's, unless the
 *       entry is republished (its original's language is then unknown).
 *   <li><b>image</b>: the first image enclosure (RSS {@code enclosure}, Atom {@code
 *       rel="enclosure"}), else the first Media RSS image ({@code media:content} of an image, else
 *       {@code media:thumbnail}). <b>baseUri</b>: the entry's {@code xml:base}, when it has one.
 *   <li><b>published</b> and <b>updated</b> as given. An entry with neither is dated when this
 *       object first saw it (the {@link Builder#clock(Clock) clock}'s instant), remembered by guid
 *       or link for as long as this object lives (the latest {@value #FIRST_SEEN_REMEMBERED} keys),
 *       so polling again gives the same date.
 * </ul>
 *
 * <h2>Failures</h2>
 *
 * A failure of the whole feed (unreachable, an HTTP error status, a timeout, too many redirects, a
 * refused destination, a body that is not well-formed XML, has a DOCTYPE, was cut at the size limit
 * or is not a feed) is thrown as a {@link SourceException} with this source's id, its configured
 * URI and the HTTP status, and for a 429 or 503 the {@linkplain SourceException#retryAfter()
 * Retry-After}; the state kept between polls is then left as it was. An entry that cannot become an
 * article is logged at WARN, prefixed with the source id, and skipped.
 *
 * <h2>Threads</h2>
 *
 * Thread-safe: fetches are serialized by a lock (callers serialize them anyway, as {@link
 * ArticleSource} says); an interrupted fetch stops with a {@link SourceException}.
 */
public final class FeedSource implements ArticleSource {

  /** The default cap on the body of a feed: 8 MiB. */
  public static final int DEFAULT_MAX_BYTES = HttpFetcher.DEFAULT_MAX_BYTES;

  /** The default number of entries read from a feed: 1000. */
  public static final int DEFAULT_MAX_ITEMS = 1000;

  /** How many first-seen dates are remembered, the most recently used kept: 10000. */
  public static final int FIRST_SEEN_REMEMBERED = 10_000;

  /** The {@code Accept} header sent: feed types first. */
  static final String ACCEPT =
      "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9,"
          + " application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1";

  private static final Logger LOG = LoggerFactory.getLogger(FeedSource.class);

  private final String id;
  private final URI uri;
  private final @Nullable Path file;
  private final HttpFetcher http;
  private final FeedMapping mapping;
  private final int maxItems;
  private final ReentrantLock lock = new ReentrantLock();

  private final Map<String, Instant> firstSeen =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
          return size() > FIRST_SEEN_REMEMBERED;
        }
      };

  private HttpFetcher.Validators validators = HttpFetcher.Validators.NONE;
  private @Nullable List<Article> previous;
  private byte @Nullable [] previousDigest;
  private int parses;

  private FeedSource(Builder b, @Nullable Path file) {
    this.id = b.id == null ? b.uri.toString() : b.id;
    this.uri = b.uri;
    this.file = file;
    this.http = b.http.accept(ACCEPT).configured(b.uri).clock(b.clock).build();
    this.maxItems = b.maxItems;
    Clock clock = b.clock;
    this.mapping =
        new FeedMapping(
            id,
            b.publication,
            key -> firstSeen.computeIfAbsent(key, k -> clock.instant()),
            b.maxItems);
  }

  /**
   * Returns a builder for the feed at a URI.
   *
   * @param uri an {@code http:}, {@code https:} or {@code file:} URI
   * @return a new builder
   */
  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * Fetches the feed and maps its entries, in document order. The validators and the body hash of
   * the last good fetch are kept in this object: a 304, or a body identical to the last one,
   * returns the last list.
   *
   * @return the articles; the same list instance as last time when the feed did not change
   * @throws SourceException when the feed as a whole cannot be read
   */
  @Override
  public List<Article> fetch() {
    lock();
    try {
      List<Article> last = previous;
      Body body = load(last == null ? HttpFetcher.Validators.NONE : validators);
      if (body.notModified) {
        if (last == null) {
          throw new SourceException(
              id, uri, 304, "Not Modified, but nothing was read before", null);
        }
        LOG.debug("{}: not modified", id);
        return last;
      }
      byte[] digest = digest(body);
      if (last != null && Arrays.equals(digest, previousDigest)) {
        LOG.debug("{}: unchanged", id);
        validators = body.validators;
        return last;
      }
      List<Article> articles = parse(body);
      previous = articles;
      previousDigest = digest;
      validators = body.validators;
      return articles;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Fetches the feed unless it did not change since {@code known}: its validators are sent ({@code
   * If-None-Match}, {@code If-Modified-Since}) whatever this object saw before, so a fresh source
   * after a restart asks conditionally; a 304, or a body whose hash is {@code known.bodyHash()}, is
   * not parsed. For a {@code file:} feed only the hash counts. What {@link #fetch()} keeps between
   * calls is left as it is.
   *
   * @param known what the last good fetch left, or {@link FetchState#NONE}
   * @return the articles, or none when not modified; and the state for the next fetch: the answer's
   *     validators (on a 304, those it sends, else the known ones) and the body hash, the hex
   *     SHA-256 of where the body came from, its charset and its decoded bytes
   * @throws SourceException when the feed as a whole cannot be read, or a 304 answers a request
   *     that had no validator to send
   */
  @Override
  public FetchResult fetch(FetchState known) {
    requireNonNull(known, "known");
    lock();
    try {
      HttpFetcher.Validators sent = new HttpFetcher.Validators(known.etag(), known.lastModified());
      Body body = load(sent);
      if (body.notModified) {
        if (sent.isEmpty()) {
          throw new SourceException(
              id, uri, 304, "Not Modified, though no validator was sent", null);
        }
        // a 304 may send new validators; what it does not send stays as it was
        HttpFetcher.Validators v = body.validators;
        return FetchResult.unchanged(
            new FetchState(
                v.etag() != null ? v.etag() : sent.etag(),
                v.lastModified() != null ? v.lastModified() : sent.lastModified(),
                known.bodyHash()));
      }
      String hash = HexFormat.of().formatHex(digest(body));
      FetchState state =
          new FetchState(body.validators.etag(), body.validators.lastModified(), hash);
      if (hash.equals(known.bodyHash())) {
        LOG.debug("{}: unchanged", id);
        return FetchResult.unchanged(state);
      }
      return FetchResult.changed(parse(body), state);
    } finally {
      lock.unlock();
    }
  }

  private void lock() {
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(id, uri, -1, "interrupted", e);
    }
  }

  /** A body as loaded, before parsing: from a file, or an HTTP answer (possibly a 304). */
  private record Body(
      boolean notModified,
      byte[] bytes,
      boolean truncated,
      @Nullable Charset charset,
      URI documentUri,
      HttpFetcher.Validators validators) {}

  private Body load(HttpFetcher.Validators send) {
    if (file != null) {
      return loadFile(file);
    }
    HttpFetcher.Response response = http.get(id, uri, send);
    return new Body(
        response.notModified(),
        response.body(),
        response.truncated(),
        response.charset(),
        response.uri(),
        response.validators());
  }

  private Body loadFile(Path path) {
    int max = http.maxBytes();
    try (InputStream in = Files.newInputStream(path)) {
      // sized by the file, so the bytes are held once (readNBytes(n) would hold them twice)
      byte[] body = new byte[(int) Math.min(Math.max(Files.size(path), 0), max)];
      int n = in.readNBytes(body, 0, body.length);
      boolean truncated = false;
      int next = n < body.length ? -1 : in.read();
      if (n < body.length) {
        body = Arrays.copyOf(body, n);
      } else if (next >= 0 && body.length == max) {
        truncated = true;
      } else if (next >= 0) {
        // the file grew since its size was read: the rest, up to the cap
        byte[] rest = in.readNBytes(max - body.length - 1);
        byte[] whole = new byte[body.length + 1 + rest.length];
        System.arraycopy(body, 0, whole, 0, body.length);
        whole[body.length] = (byte) next;
        System.arraycopy(rest, 0, whole, body.length + 1, rest.length);
        body = whole;
        truncated = in.read() >= 0;
      }
      return new Body(false, body, truncated, null, uri, HttpFetcher.Validators.NONE);
    } catch (NoSuchFileException e) {
      throw new SourceException(id, uri, -1, "no such file", e);
    } catch (IOException e) {
      throw new SourceException(id, uri, -1, "unreadable: " + e, e);
    }
  }

  private List<Article> parse(Body body) {
    FeedDocument document =
        FeedDocument.parse(
            id,
            uri,
            body.bytes,
            body.truncated,
            http.maxBytes(),
            body.charset,
            body.documentUri,
            maxItems);
    parses++;
    List<Article> articles = List.copyOf(mapping.articles(document, body.documentUri));
    LOG.debug("{}: {} articles", id, articles.size());
    return articles;
  }

  private static byte[] digest(Body body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(body.documentUri.toString().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(
          (body.charset == null ? "" : body.charset.name()).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(body.bytes);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Returns how many times a body was parsed, for tests: a 304 or an unchanged body adds none. */
  int parses() {
    lock.lock();
    try {
      return parses;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "FeedSource[" + id + ", " + uri + "]";
  }

  /** Builds a {@link FeedSource}; every limit has a safe default. Not thread-safe. */
  public static final class Builder {
    private final URI uri;
    private final HttpFetcher.Builder http = HttpFetcher.builder();
    private @Nullable String id;
    private @Nullable Publication publication;
    private Clock clock = Clock.systemUTC();
    private int maxItems = DEFAULT_MAX_ITEMS;

    private Builder(URI uri) {
      this.uri = requireNonNull(uri, "uri");
    }

    /**
     * Sets the id used in logs and failures; default the URI.
     *
     * @param id not blank
     * @return this builder
     * @throws InvalidValueException when blank
     */
    public Builder id(String id) {
      requireNonNull(id, "id");
      if (id.isBlank()) {
        throw new InvalidValueException("source.id", id, "is blank");
      }
      this.id = id.strip();
      return this;
    }

    /**
     * Sets who publishes the feed's articles, instead of a publication made from the channel.
     * Entries that name their own {@code <source>} keep it.
     *
     * @param publication the publication, or {@code null} for the channel's
     * @return this builder
     */
    public Builder publication(@Nullable Publication publication) {
      this.publication = publication;
      return this;
    }

    /**
     * Sets the clock that dates entries without a date when first seen; default the system clock in
     * UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the cap on a body, after decoding; default 8 MiB. A longer body is cut at the cap, and
     * the feed then fails to parse.
     *
     * @param maxBytes at least 1
     * @return this builder
     * @throws InvalidValueException when below 1
     */
    public Builder maxBytes(int maxBytes) {
      http.maxBytes(maxBytes);
      return this;
    }

    /**
     * Sets the time allowed for each connection, within the read timeout; default 10 s.
     *
     * @param timeout positive
     * @return this builder
     * @throws InvalidValueException when not positive
     */
    public Builder connectTimeout(Duration timeout) {
      http.connectTimeout(timeout);
      return this;
    }

    /**
     * Sets the time the whole fetch may take, every redirect, connection, header and body included;
     * default 30 s.
     *
     * @param timeout positive
     * @return this builder
     * @throws InvalidValueException when not positive
     */
    public Builder readTimeout(Duration timeout) {
      http.readTimeout(timeout);
      return this;
    }

    /**
     * Sets how many redirects are followed; default 5.
     *
     * @param maxRedirects from 0 to 20
     * @return this builder
     * @throws InvalidValueException when out of range
     */
    public Builder maxRedirects(int maxRedirects) {
      http.maxRedirects(maxRedirects);
      return this;
    }

    /**
     * Sets the {@code User-Agent} header; default {@code republisher/0.1
     * (+https://github.com/republisher/republisher)}.
     *
     * @param userAgent not blank, one line
     * @return this builder
     * @throws InvalidValueException when blank or holding a control character
     */
    public Builder userAgent(String userAgent) {
      http.userAgent(userAgent);
      return this;
    }

    /**
     * Allows destinations that are not public: by default a feed, and each redirect it sends, may
     * reach no loopback, private, shared, link-local, multicast or unspecified address, except the
     * very address and port of a configured URL whose host is an IP literal or {@code localhost}.
     * Each entry is an IP address ({@code 10.1.2.3}), a network in CIDR notation ({@code
     * 10.0.0.0/8}, {@code fd00::/8}) or a host name ({@code intranet.example}, which may then
     * resolve anywhere). Default none.
     *
     * @param entries the allowlist; replaces any given before
     * @return this builder
     * @throws InvalidValueException naming {@code allowPrivate} when an entry is none of these
     */
    public Builder allowPrivate(Collection<String> entries) {
      http.allowPrivate(entries);
      return this;
    }

    /**
     * Sets what resolves host names, for tests that point a name somewhere; default the system's.
     */
    Builder resolver(HostResolver resolver) {
      http.resolver(resolver);
      return this;
    }

    /** Sets the TLS context, for tests that trust a local certificate; default the JVM's. */
    Builder tls(javax.net.ssl.SSLContext tls) {
      http.tls(tls);
      return this;
    }

    /**
     * Sets how many entries are read, the first in document order; default {@value
     * #DEFAULT_MAX_ITEMS}.
     *
     * @param maxItems at least 1
     * @return this builder
     * @throws InvalidValueException when below 1
     */
    public Builder maxItems(int maxItems) {
      if (maxItems < 1) {
        throw new InvalidValueException("maxItems", maxItems, "is below 1");
      }
      this.maxItems = maxItems;
      return this;
    }

    /**
     * Builds the source. No I/O happens until {@link FeedSource#fetch()}.
     *
     * @return the source
     * @throws InvalidValueException when the URI is not an absolute {@code http:} or {@code https:}
     *     URL with a host, nor a {@code file:} URI of an absolute path
     */
    public FeedSource build() {
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      switch (scheme) {
        case "http", "https" -> {
          if (uri.isOpaque() || uri.getHost() == null) {
            throw new InvalidValueException("source.uri", uri, "has no host");
          }
          return new FeedSource(this, null);
        }
        case "file" -> {
          try {
            return new FeedSource(this, Path.of(uri));
          } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new InvalidValueException("source.uri", uri, "is not a file path", e);
          }
        }
        default ->
            throw new InvalidValueException(
                "source.uri", uri, "is not an http:, https: or file: URI");
      }
    }
  }
}
