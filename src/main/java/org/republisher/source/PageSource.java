package org.republisher.source;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.Destinations;
import org.republisher.internal.HostResolver;
import org.republisher.internal.HttpFetcher;
import org.republisher.internal.HttpFetcher.Validators;
import org.republisher.internal.Urls;
import org.republisher.model.Article;
import org.republisher.model.Publication;
import org.republisher.source.PageFailureException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads articles from HTML pages with a {@link PageProfile}: one article page, or a listing page
 * and the article pages it links to. Immutable in its configuration and thread-safe as {@link
 * ArticleSource} requires (fetches of one source are serialized by the caller; the HTTP validators
 * kept between fetches live in plain fields).
 *
 * <pre>{@code
 * ArticleSource pages = PageSource.builder(URI.create("https://revue.example/fr/"))
 *     .maxPages(20)
 *     .build();
 * List<Article> articles = pages.fetch();
 * }</pre>
 *
 * <h2>Articles</h2>
 *
 * A page is an article when it has an attribution line ("Publié dans 2M le 04 - 06 - 2020", in fr,
 * es, ar or en; see {@link PageProfile} for how it is found). Its article has:
 *
 * <ul>
 *   <li>{@code title}: the text of the profile's title;
 *   <li>{@code link} and {@code baseUri}: the page's public URL, the republisher's own page: mapped
 *       with {@link Builder#publicUrl(URI)} when one is given, else the page's URL when it was read
 *       over http(s) (after redirects); a file without public URL has none;
 *   <li>{@code sourceLink}: the absolute http(s) {@code href} of the profile's source link (for the
 *       built-in profile, the "Cliquez ici pour lire l'article depuis sa source" anchor and its es,
 *       ar and en forms); a {@code javascript:} or other non-http(s) link is not one;
 *   <li>{@code publication} and {@code published}: the configured publication, else the line's (in
 *       the {@linkplain Builder#zone(ZoneId) zone}; its home page is the link on its name in the
 *       line, else the root of the source link's site), and the line's day at {@link
 *       org.republisher.model.Attribution#DATE_ONLY_TIME noon} in the publication's zone, unless
 *       the profile's date selector gives an ISO date or date-time;
 *   <li>{@code language}: the page's {@code <html lang>}, else the language of the line;
 *   <li>{@code contentHtml}: the body's HTML, URLs made absolute against the public URL (a URL that
 *       cannot be is dropped), event handlers removed; the feed writers clean it fully;
 *   <li>{@code image}: the profile's image, when it is an http(s) URL.
 * </ul>
 *
 * A {@code <base href>} is ignored: relative URLs resolve against where the page was read (for
 * links to follow) and against its public URL (for the article).
 *
 * <h2>Failures</h2>
 *
 * A page that is not an article and lists no link to follow, cannot be read, is larger than {@link
 * Builder#maxPageBytes(int) maxPageBytes} (it is then not parsed at all: a cut page could yield a
 * wrong article), or has no title or no http(s) link is a {@link PageFailureException} of the
 * matching {@link PageFailureException.Kind kind}, naming the page. For the configured page, {@link
 * #fetch()} throws it; for a page reached by the crawl, it is logged at WARN, given to the
 * {@linkplain Builder#problems(Consumer) problem consumer}, and skipped: the other pages are read.
 * A page is never given a date it does not state: no attribution line, no article.
 *
 * <h2>Crawl</h2>
 *
 * From the configured page, the links the profile's listing selector finds are followed, breadth
 * first, each page once, at most {@link Builder#maxDepth(int) maxDepth} links away (default 1), and
 * within a budget: at most {@link Builder#maxPages(int) maxPages} pages read per fetch, the
 * configured one included (default {@value #DEFAULT_MAX_PAGES}), and at most {@link
 * Builder#crawlTimeout(Duration) crawlTimeout} (default 20 s, well inside the republisher's
 * deadline). When the time is spent, the articles read are returned and the pages left are reported
 * as {@link Kind#NOT_READ}; a page that fails (a hang, an error) costs only itself. Only http(s)
 * links are followed from web pages, by default only on the configured page's site: the exact
 * scheme, host and port of the configured page, and of where it redirected to; a listed page's
 * redirects must stay there too (else {@link Kind#REFUSED}). From a {@code file:} page, only files
 * in its directory or below (and web pages when not {@linkplain Builder#sameHostOnly(boolean)
 * same-site only}). Pages are parsed as hostile input: scripts never run, and are removed with
 * styles, frames, objects and embeds before anything is read; elements nested more than 100 deep
 * are kept at that depth, which bounds the time a page takes to parse. A title longer than 1024
 * characters is cut there; a URL longer than 8 KiB (a source link, an image, a link to follow) is
 * ignored.
 *
 * <h2>HTTP</h2>
 *
 * Web pages are read with a {@code GET} that follows redirects, within {@link
 * Builder#readTimeout(Duration) readTimeout} per page (default 10 s, redirects, headers and body
 * included, and never more than the crawl has left), and sends the validators of the last answer: a
 * page answered 304 Not Modified gives the same result as before, without being parsed again. As
 * for {@link FeedSource}, no request goes to an address that is not public unless the configured
 * page's own host is that IP literal or {@code localhost} (that address and port only) or {@link
 * Builder#allowPrivate(Collection) allowPrivate} allows it; each request has its own connection,
 * closed before the page is parsed.
 */
public final class PageSource implements ArticleSource {

  /** The default number of pages read per fetch: 50. */
  public static final int DEFAULT_MAX_PAGES = 50;

  /** The default depth of the crawl: 1, the configured page and the pages it lists. */
  public static final int DEFAULT_MAX_DEPTH = 1;

  /** The default cap on the size of one page: 4 MiB. */
  public static final int DEFAULT_MAX_PAGE_BYTES = 4 * 1024 * 1024;

  /** The most pages a fetch may be configured to read: 10,000. */
  public static final int MAX_PAGES_LIMIT = 10_000;

  /** The deepest crawl that may be configured: 10. */
  public static final int MAX_DEPTH_LIMIT = 10;

  /**
   * The default time one web page may take, redirects included: 10 seconds, a third of {@link
   * org.republisher.Republisher#DEFAULT_DEADLINE the republisher's deadline}.
   */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The default time one fetch may spend crawling: 20 seconds, well inside {@link
   * org.republisher.Republisher#DEFAULT_DEADLINE the republisher's deadline}, so that what was read
   * is returned before the republisher gives up on the source.
   */
  public static final Duration DEFAULT_CRAWL_TIMEOUT = Duration.ofSeconds(20);

  private static final Logger LOG = LoggerFactory.getLogger(PageSource.class);

  private final String id;
  private final URI start;
  private final PageProfile profile;
  private final int maxPages;
  private final int maxDepth;
  private final boolean sameHostOnly;
  private final @Nullable URI publicUrl;
  private final Consumer<? super PageFailureException> problems;
  private final Duration crawlTimeout;
  private final PageReader reader;
  private final PageScraper scraper;

  /** What the last fetch read from web pages that sent validators, by page. */
  private Map<URI, Cached> cache = new HashMap<>();

  private PageSource(Builder b, URI start) {
    this.id = b.id != null ? b.id : start.toString();
    this.start = start;
    this.profile = b.profile;
    this.maxPages = b.maxPages;
    this.maxDepth = b.maxDepth;
    this.sameHostOnly = b.sameHostOnly;
    this.publicUrl = b.publicUrl;
    this.problems = b.problems;
    this.crawlTimeout = b.crawlTimeout;
    HttpFetcher.Builder http =
        HttpFetcher.builder()
            .maxBytes(b.maxPageBytes)
            .connectTimeout(b.connectTimeout)
            .readTimeout(b.readTimeout)
            .accept("text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
            .configured(start)
            .allowPrivate(b.allowPrivate)
            .resolver(b.resolver);
    if (b.tls != null) {
      http.tls(b.tls);
    }
    this.reader = new PageReader(id, b.maxPageBytes, http.build());
    this.scraper = new PageScraper(id, b.profile, b.zone, b.publication);
  }

  /**
   * Returns a builder for a source that starts at a page.
   *
   * @param start an article page or a listing page: an absolute {@code http:}, {@code https:} or
   *     {@code file:} URI
   * @return a new builder
   */
  public static Builder builder(URI start) {
    return new Builder(start);
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * Returns the page this source starts from.
   *
   * @return the configured page, as an absolute URI
   */
  public URI start() {
    return start;
  }

  /**
   * Returns the profile pages are read with.
   *
   * @return the profile
   */
  public PageProfile profile() {
    return profile;
  }

  /**
   * Reads the configured page and the pages it lists, and returns their articles in the order they
   * were read. The crawl stops when its budget is spent, {@link Builder#maxPages(int) maxPages}
   * pages or {@link Builder#crawlTimeout(Duration) crawlTimeout}, and returns what it read; the
   * pages it had no time left for are reported as {@link Kind#NOT_READ}.
   *
   * @return the articles, possibly empty when the page is a listing whose pages all failed
   * @throws PageFailureException when the configured page cannot be read or is neither an article
   *     nor a listing
   * @throws SourceException when the thread is interrupted
   */
  @Override
  public List<Article> fetch() {
    long deadline = System.nanoTime() + nanos(crawlTimeout);
    List<Article> articles = new ArrayList<>();
    Map<URI, Cached> fresh = new HashMap<>();
    Set<URI> queued = new HashSet<>();
    Set<String> origins = new HashSet<>();
    origins.add(PageUrls.origin(start));
    ArrayDeque<Queued> queue = new ArrayDeque<>();
    queue.add(new Queued(start, 0));
    queued.add(start);
    int read = 0;
    while (!queue.isEmpty()) {
      Queued next = queue.poll();
      if (read == maxPages) {
        LOG.debug("{}: {} pages read, the limit; {} linked pages left", id, read, queue.size() + 1);
        break;
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new SourceException(id, next.uri, -1, "interrupted", null);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 && next.depth > 0) {
        notRead(next, queue);
        break;
      }
      read++;
      Read page;
      try {
        page = read(next, fresh, Duration.ofNanos(Math.max(left, 1_000_000)), origins);
      } catch (PageFailureException e) {
        if (next.depth == 0) {
          throw e;
        }
        skip(e);
        continue;
      }
      queued.add(page.location);
      if (next.depth == 0) {
        origins.add(PageUrls.origin(page.location));
      }
      PageScraper.Scraped scraped = page.scraped;
      PageFailureException failure = scraped.failure();
      if (scraped.article() != null) {
        articles.add(scraped.article());
        LOG.debug("{}: article at {}", id, page.location);
      } else if (failure != null
          && !(failure.kind() == Kind.ATTRIBUTION_NOT_FOUND && !scraped.links().isEmpty())) {
        if (next.depth == 0) {
          throw failure;
        }
        skip(failure);
      }
      if (next.depth < maxDepth) {
        for (URI link : scraped.links()) {
          if (follows(link, origins) && queued.add(link)) {
            queue.add(new Queued(link, next.depth + 1));
          } else {
            LOG.trace("{}: not following {}", id, link);
          }
        }
      }
    }
    cache = fresh;
    return List.copyOf(articles);
  }

  /** Reports the pages left when the crawl's time is spent. */
  private void notRead(Queued first, ArrayDeque<Queued> rest) {
    List<Queued> left = new ArrayList<>(rest.size() + 1);
    left.add(first);
    left.addAll(rest);
    LOG.warn(
        "{}: the crawl's {} were spent; {} linked pages not read, the articles read are kept",
        id,
        HttpFetcher.describe(crawlTimeout),
        left.size());
    for (Queued q : left) {
      problems.accept(
          new PageFailureException(
              id,
              q.uri,
              Kind.NOT_READ,
              -1,
              "the crawl's " + HttpFetcher.describe(crawlTimeout) + " were spent before this page",
              null));
    }
  }

  private static long nanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }

  private void skip(PageFailureException e) {
    LOG.warn(
        "{}: page {} skipped: {}{}",
        id,
        e.uri(),
        e.httpStatus() < 0 ? "" : "HTTP " + e.httpStatus() + ": ",
        e.reason());
    problems.accept(e);
  }

  /** A page to read, and how many links away from the configured page it is. */
  private record Queued(URI uri, int depth) {}

  /** A page read: where it was (after redirects) and what it holds. */
  private record Read(URI location, PageScraper.Scraped scraped) {}

  /** A web page's validators and what it held, kept for a 304 Not Modified. */
  private record Cached(Validators validators, Read read) {}

  private Read read(Queued queued, Map<URI, Cached> fresh, Duration left, Set<String> origins) {
    URI uri = queued.uri;
    Cached previous = cache.get(uri);
    Duration timeout = left.compareTo(reader.readTimeout()) < 0 ? left : reader.readTimeout();
    // the configured page may redirect anywhere the address rules allow; the pages it lists, when
    // the crawl keeps to its site, only within it
    HttpFetcher.RedirectRule rule =
        queued.depth == 0 || !sameHostOnly
            ? HttpFetcher.RedirectRule.ANY
            : target ->
                origins.contains(PageUrls.origin(target))
                    ? null
                    : "it leaves the crawl's site (" + String.join(", ", origins) + ")";
    PageReader.Page page =
        reader.read(uri, previous == null ? Validators.NONE : previous.validators, timeout, rule);
    if (page.notModified() && previous != null) {
      LOG.debug("{}: {} not modified", id, uri);
      fresh.put(uri, previous);
      return previous.read;
    }
    if (page.notModified()) {
      throw new PageFailureException(
          id, uri, Kind.UNREADABLE, 304, "not modified, but never read before", null);
    }
    Document doc = reader.parse(page);
    URI location = PageUrls.key(page.location());
    if (location == null) {
      location = page.location();
    }
    Read result = new Read(location, scraper.scrape(doc, location, publicOf(location)));
    if (!page.validators().isEmpty()) {
      fresh.put(uri, new Cached(page.validators(), result));
    }
    return result;
  }

  /** Returns whether the crawl follows a link: see the class documentation. */
  private boolean follows(URI link, Set<String> origins) {
    if (PageUrls.isFile(start)) {
      if (PageUrls.isFile(link)) {
        return PageUrls.relative(directory(start), Path.of(link)) != null;
      }
      return PageUrls.isWeb(link) && !sameHostOnly;
    }
    return PageUrls.isWeb(link) && (!sameHostOnly || origins.contains(PageUrls.origin(link)));
  }

  /**
   * Returns the public URL of a page: the configured one for the configured page; a page beside or
   * below it maps to the same place under the configured URL; else the page's own URL when it is
   * http(s), else none.
   */
  private @Nullable URI publicOf(URI location) {
    if (publicUrl != null) {
      if (location.equals(start)) {
        return publicUrl;
      }
      String relative = relativeToStart(location);
      if (relative != null) {
        return URI.create(publicUrl.resolve(relative).toASCIIString());
      }
    }
    return PageUrls.isWeb(location) ? location : null;
  }

  /** Returns a page's reference relative to the configured page's directory, or {@code null}. */
  private @Nullable String relativeToStart(URI location) {
    if (PageUrls.isFile(start)) {
      return PageUrls.isFile(location)
          ? PageUrls.relative(directory(start), Path.of(location))
          : null;
    }
    if (!PageUrls.isWeb(location)
        || !String.valueOf(location.getRawAuthority()).equalsIgnoreCase(start.getRawAuthority())) {
      return null;
    }
    String directory = start.getRawPath().substring(0, start.getRawPath().lastIndexOf('/') + 1);
    String path = location.getRawPath();
    if (!path.startsWith(directory) || path.length() == directory.length()) {
      return null;
    }
    return path.substring(directory.length())
        + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
  }

  private static Path directory(URI file) {
    Path path = Path.of(file).normalize();
    Path parent = path.getParent();
    return parent == null ? path : parent;
  }

  /** Builds a {@link PageSource}; every option has a safe default. Not thread-safe. */
  public static final class Builder {
    private final URI start;
    private @Nullable String id;
    private PageProfile profile = PageProfile.AGGREGATOR;
    private int maxPages = DEFAULT_MAX_PAGES;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private boolean sameHostOnly = true;
    private int maxPageBytes = DEFAULT_MAX_PAGE_BYTES;
    private @Nullable URI publicUrl;
    private ZoneId zone = Publication.DEFAULT_ZONE;
    private @Nullable Publication publication;
    private Duration connectTimeout = HttpFetcher.DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration crawlTimeout = DEFAULT_CRAWL_TIMEOUT;
    private List<String> allowPrivate = List.of();
    private HostResolver resolver = HostResolver.SYSTEM;
    private @Nullable SSLContext tls;
    private Consumer<? super PageFailureException> problems = e -> {};

    private Builder(URI start) {
      this.start = requireNonNull(start, "start");
    }

    /**
     * Sets the source's id in logs and failures; the default is the start URI.
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
      this.id = id;
      return this;
    }

    /**
     * Sets the profile pages are read with; the default is {@link PageProfile#AGGREGATOR}.
     *
     * @param profile the profile
     * @return this builder
     */
    public Builder profile(PageProfile profile) {
      this.profile = requireNonNull(profile, "profile");
      return this;
    }

    /**
     * Sets how many pages one fetch reads at most, the configured one included; default {@value
     * #DEFAULT_MAX_PAGES}.
     *
     * @param maxPages from 1 to {@value #MAX_PAGES_LIMIT}
     * @return this builder
     * @throws InvalidValueException when out of range
     */
    public Builder maxPages(int maxPages) {
      if (maxPages < 1 || maxPages > MAX_PAGES_LIMIT) {
        throw new InvalidValueException(
            "maxPages", maxPages, "is not between 1 and " + MAX_PAGES_LIMIT);
      }
      this.maxPages = maxPages;
      return this;
    }

    /**
     * Sets how many links away from the configured page the crawl goes; default {@value
     * #DEFAULT_MAX_DEPTH}; 0 reads the configured page only.
     *
     * @param maxDepth from 0 to {@value #MAX_DEPTH_LIMIT}
     * @return this builder
     * @throws InvalidValueException when out of range
     */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 0 || maxDepth > MAX_DEPTH_LIMIT) {
        throw new InvalidValueException(
            "maxDepth", maxDepth, "is not between 0 and " + MAX_DEPTH_LIMIT);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * Sets whether the crawl keeps to the configured page's site; default true. The site is the
     * exact scheme, host and port of the configured page, and of where it redirected to; a listed
     * page, and each of its redirects, must stay on it. Links from web pages to {@code file:} URIs,
     * and from files to files outside the configured page's directory, are never followed.
     *
     * @param sameHostOnly false to follow links to any http(s) site the address rules allow
     * @return this builder
     */
    public Builder sameHostOnly(boolean sameHostOnly) {
      this.sameHostOnly = sameHostOnly;
      return this;
    }

    /**
     * Sets the cap on the size of one page, in bytes, for files and HTTP bodies alike (HTTP bodies
     * after decoding); default 4 MiB. A larger page fails as {@link Kind#TOO_LARGE} and is not
     * parsed.
     *
     * @param maxPageBytes from 1 to 256 MiB
     * @return this builder
     * @throws InvalidValueException when out of range
     */
    public Builder maxPageBytes(int maxPageBytes) {
      if (maxPageBytes < 1 || maxPageBytes > 256 * 1024 * 1024) {
        throw new InvalidValueException(
            "maxPageBytes", maxPageBytes, "is not between 1 and 268435456");
      }
      this.maxPageBytes = maxPageBytes;
      return this;
    }

    /**
     * Sets the public URL of the configured page, for pages read from elsewhere (files, a mirror):
     * it becomes that page's article link and base, and a page in the configured page's directory
     * or below maps to the same relative place under it ({@code file:/data/pages/2m-fr.html} with
     * the configured page {@code file:/data/pages/index.html} and the public URL {@code
     * https://revue.example/pages/} is {@code https://revue.example/pages/2m-fr.html}). Without it,
     * a web page is its own public URL and a file has none: its article then needs a source link.
     *
     * @param publicUrl an absolute http(s) URL
     * @return this builder
     * @throws InvalidValueException when not absolute http(s)
     */
    public Builder publicUrl(URI publicUrl) {
      requireNonNull(publicUrl, "publicUrl");
      this.publicUrl = Urls.absolute("publicUrl", publicUrl.toString());
      return this;
    }

    /**
     * Sets the zone of the publications read from attribution lines; default {@link
     * Publication#DEFAULT_ZONE}. A day without time is placed at noon in it.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder zone(ZoneId zone) {
      this.zone = requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Credits every article to one publication instead of the one its attribution line names; the
     * line is still required, for the day.
     *
     * @param publication the publication, or {@code null} (the default) to use each line's
     * @return this builder
     */
    public Builder publication(@Nullable Publication publication) {
      this.publication = publication;
      return this;
    }

    /**
     * Sets the time allowed to connect to a web server; default 10 s.
     *
     * @param timeout positive
     * @return this builder
     * @throws InvalidValueException when not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = HttpFetcher.Builder.positive("connectTimeout", timeout);
      return this;
    }

    /**
     * Sets the time one web page may take, its redirects, headers and whole body included; default
     * 10 s. A page also gets no more than what is left of the {@link #crawlTimeout(Duration)
     * crawlTimeout}.
     *
     * @param timeout positive
     * @return this builder
     * @throws InvalidValueException when not positive
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = HttpFetcher.Builder.positive("readTimeout", timeout);
      return this;
    }

    /**
     * Sets the time one fetch may spend crawling; default 20 s. When it is spent, the pages not yet
     * read are reported as {@link Kind#NOT_READ} and the articles read are returned. Keep it below
     * the {@linkplain org.republisher.Republisher.Builder#deadline(Duration) republisher's
     * deadline}, or the republisher gives up on the source before it can return what it read.
     *
     * @param timeout positive
     * @return this builder
     * @throws InvalidValueException when not positive
     */
    public Builder crawlTimeout(Duration timeout) {
      this.crawlTimeout = HttpFetcher.Builder.positive("crawlTimeout", timeout);
      return this;
    }

    /**
     * Allows web pages at destinations that are not public: by default a page, and each redirect,
     * may reach no loopback, private, shared, link-local, multicast or unspecified address, except
     * the very address and port of a configured page whose host is an IP literal or {@code
     * localhost}. Each entry is an IP address, a CIDR network ({@code 10.0.0.0/8}) or a host name.
     * Default none.
     *
     * @param entries the allowlist; replaces any given before
     * @return this builder
     * @throws InvalidValueException naming {@code allowPrivate} when an entry is none of these
     */
    public Builder allowPrivate(Collection<String> entries) {
      List<String> copy = List.copyOf(entries);
      Destinations.of(null, "allowPrivate", copy);
      this.allowPrivate = copy;
      return this;
    }

    /** Sets what resolves host names, for tests that point a name somewhere. */
    Builder resolver(HostResolver resolver) {
      this.resolver = requireNonNull(resolver, "resolver");
      return this;
    }

    /** Sets the TLS context, for tests that trust a local certificate. */
    Builder tls(SSLContext tls) {
      this.tls = requireNonNull(tls, "tls");
      return this;
    }

    /**
     * Sets what receives each page of a crawl that is skipped, after it is logged at WARN; by
     * default nothing does. It is called on the fetching thread; what it throws stops the fetch.
     *
     * @param problems the consumer
     * @return this builder
     */
    public Builder problems(Consumer<? super PageFailureException> problems) {
      this.problems = requireNonNull(problems, "problems");
      return this;
    }

    /**
     * Builds the source. No page is read until {@link PageSource#fetch()}.
     *
     * @return the source
     * @throws InvalidValueException naming {@code start} when the start URI is not an absolute
     *     http(s) or {@code file:} URI
     */
    public PageSource build() {
      URI key = PageUrls.key(start);
      if (key == null || !(PageUrls.isWeb(start) || PageUrls.isFile(start))) {
        throw new InvalidValueException("start", start, "is not an absolute http(s) or file: URI");
      }
      return new PageSource(this, key);
    }
  }
}
