package org.republisher.write;

import static org.republisher.internal.Checks.notNull;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidArticleException;
import org.republisher.InvalidValueException;
import org.republisher.internal.LongSet;
import org.republisher.internal.NormalizedArticle;
import org.republisher.internal.Normalizer;
import org.republisher.internal.Text;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.normalize.AttributionTemplate;
import org.republisher.normalize.ContentPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes articles as one feed in one or several formats, streaming. Immutable and thread-safe once
 * built; each call writes independently.
 *
 * <pre>{@code
 * FeedWriter writer = FeedWriter.builder(FeedSpec.builder("Revue de presse", "https://example.org/feed.xml").build()).build();
 * writer.write(FeedFormat.RSS, articles, out);
 * }</pre>
 *
 * <h2>Order and selection</h2>
 *
 * A {@link Collection} is sorted by {@link Article#NEWEST_FIRST} and cut to the spec's limit. An
 * {@link Iterator} is streamed in the order it gives, cut to the limit, and never held in memory:
 * of each article, only 64-bit hashes of its id, of its id with its link, and its updated second
 * are kept, to tell duplicates and keep updated dates distinct (32 to 64 bytes an article, 10 MB
 * for 100,000). The feed's last change is then the first written article's, unless the spec sets
 * one. Articles are normalized once per call, however many formats are written.
 *
 * <h2>Repairs, applied to every article</h2>
 *
 * <ul>
 *   <li>Characters XML 1.0 forbids (C0 controls but tab, line feed, carriage return; U+FFFE,
 *       U+FFFF; lone surrogates), the C1 controls and U+FFFD (what a decoder left of unreadable
 *       bytes) are removed from every value.
 *   <li>The title, the publication name, author names, categories and the summary are HTML
 *       fragments made plain text: markup stripped, then entities decoded exactly once, so that
 *       what a fragment says stays text ({@code "C++ &amp;lt;T&amp;gt;"} is "C++ &lt;T&gt;", and
 *       the twice-escaped {@code "&amp;amp;lt;b&amp;amp;gt;"} is "&amp;lt;b&amp;gt;"); whitespace
 *       collapsed; titles and summaries longer than the {@link ContentPolicy} limits are cut on a
 *       word, ending with "…". A title left with no text takes the start of the summary, else of
 *       the content's text (120 characters), else the link. Authors and categories with no text,
 *       or the same text as an earlier one's (ignoring case), are left out. A publication name
 *       with no text gives way to its source link's host.
 *   <li>Plain text that looks like markup ({@code </b>}, {@code <b>}, {@code &amp;amp;}: the
 *       Universal Feed Parser's and the W3C validator's tests) is written so that readers show it
 *       as text and no format carries undeclared markup: Atom {@code type="html"}, escaped, instead
 *       of {@code type="text"}; escaped in RSS titles, categories and sources, where readers assume
 *       HTML; as it is in JSON Feed, which is plain text by definition.
 *   <li>Content HTML is cleaned with a safelist: no {@code script}, {@code style}, {@code iframe},
 *       {@code object}, {@code embed}, {@code form}, {@code on*} attribute, or {@code javascript:}
 *       / {@code vbscript:} URL survives. Every URL, in links and content alike, is made absolute
 *       against the article's base (its {@code baseUri}, else its source link, where the content
 *       comes from, else its link, else the publication's home page); a content URL that cannot
 *       be resolved is dropped; a link that cannot be is dropped when the other link can. A
 *       publication without URL gets its source link's site. An article with no link at all is
 *       written with the feed's site ({@link FeedSpec#link()}) as its link, so that readers have
 *       one to open, and its name-based id (RSS {@code isPermaLink="false"}); one with no link
 *       and a title, summary and content without text is rejected.
 *   <li>A missing summary is derived from the content's text.
 *   <li>The credit rendered by the {@link AttributionTemplate} is appended to the content; an
 *       article without publication is credited to its source link's host. Right-to-left content
 *       (Arabic, Hebrew, Persian, Urdu… by language, else by the title's first strong character)
 *       is wrapped in {@code <div dir="rtl">}.
 *   <li>A missing published date is taken from the updated date; an article with neither (or
 *       with dates before 1990, which the W3C validator finds implausible: parse artefacts such as
 *       1970-01-01) is dated when first seen: the {@link Clock}'s now (a history store gives its
 *       first sighting instead), and sorted by that date. Dates after now are set to now; an
 *       updated date before the published one is set to it; dates are cut to whole seconds. Dates
 *       without a time of day were placed at noon in the publication's zone when the article was
 *       built.
 *   <li>No two articles of a feed share an updated date (Atom readers and the W3C validator take
 *       equal dates for versions of one entry): a taken date moves one second later, or earlier
 *       once later would pass the clock's now.
 *   <li>URLs are written in ASCII (hosts in IDNA form, the rest percent-encoded as UTF-8), an
 *       http(s) URL with an empty path with the path {@code /}; Atom ids are in canonical form. An
 *       id that is not an absolute http(s), urn or tag IRI becomes a name-based {@code urn:uuid:}
 *       in Atom; an id of control characters only is the link. An id of fewer than 9 digits (a
 *       database key, which the W3C validator finds not unique enough for an RSS guid) is
 *       written as that name-based id in the RSS guid too.
 *   <li>An article with no text at all gets its attribution line (else its title) as summary,
 *       since RSS wants a description beside the content.
 * </ul>
 *
 * <h2>Rejections</h2>
 *
 * An article no rule can repair (links that stay relative with no base to resolve them against,
 * the same article twice: the same id and link) is left out and reported in the {@link
 * WriteResult}, with one WARN log line; the other articles are written. An article whose id
 * another article of the feed has (written before it: newer, or earlier in the order given) takes
 * its link as its id, with a WARN log line, and is left out only when that is taken too.
 *
 * <p>Duplicate ids are found by a 64-bit hash of the id (the first 64 bits of its SHA-256), not by
 * the id itself: two different ids of a feed of n articles share a hash, and the later one is left
 * out as a duplicate, with a chance of about n<sup>2</sup>/2<sup>65</sup> (3 in 10<sup>8</sup> for
 * a million articles, 3 in 10<sup>12</sup> for ten thousand). An id cannot be crafted to match a
 * given one's hash (that takes about 2<sup>64</sup> tries).
 */
public final class FeedWriter {
  private static final Logger LOG = LoggerFactory.getLogger(FeedWriter.class);

  private final FeedSpec spec;
  private final Clock clock;
  private final Normalizer normalizer;

  private FeedWriter(Builder b) {
    this.spec = b.spec;
    this.clock = b.clock;
    this.normalizer = new Normalizer(b.clock, b.policy, b.template);
  }

  /**
   * Returns a builder for a writer of one feed.
   *
   * @param spec the feed's metadata
   * @return a new builder
   */
  public static Builder builder(FeedSpec spec) {
    return new Builder(spec);
  }

  /**
   * Returns the spec this writer writes.
   *
   * @return the spec
   */
  public FeedSpec spec() {
    return spec;
  }

  /**
   * Writes a collection of articles, newest first, cut to the spec's limit.
   *
   * @param format the format
   * @param articles the articles, in any order
   * @param out where the feed goes, UTF-8; flushed, not closed
   * @return what was written and what was rejected
   * @throws IOException when the stream fails
   */
  public WriteResult write(FeedFormat format, Collection<? extends Article> articles, OutputStream out)
      throws IOException {
    return write(List.of(FeedOutput.of(notNull(format, "format"), notNull(out, "out"))), articles);
  }

  /**
   * Streams articles in the order given, cut to the spec's limit.
   *
   * @param format the format
   * @param articles the articles, newest first
   * @param out where the feed goes, UTF-8; flushed, not closed
   * @return what was written and what was rejected
   * @throws IOException when the stream fails
   */
  public WriteResult write(FeedFormat format, Iterator<? extends Article> articles, OutputStream out)
      throws IOException {
    return write(List.of(FeedOutput.of(notNull(format, "format"), notNull(out, "out"))), articles);
  }

  /**
   * Writes a collection of articles, newest first, into several formats at once, normalizing each
   * article once.
   *
   * @param outputs the formats and their streams, each at most once; flushed, not closed
   * @param articles the articles, in any order
   * @return what was written (the same in every format) and what was rejected
   * @throws IOException when a stream fails
   */
  public WriteResult write(
      List<FeedOutput> outputs, Collection<? extends Article> articles)
      throws IOException {
    notNull(outputs, "outputs");
    List<Article> sorted = new ArrayList<>(notNull(articles, "articles"));
    for (Article article : sorted) {
      notNull(article, "articles element");
    }
    // newest first, as Article.NEWEST_FIRST, an undated article at the date it will be given: now
    Instant now = clock.instant();
    sorted.sort(
        Comparator.comparing(
                (Article a) -> a.date() != null ? a.date() : now, Comparator.reverseOrder())
            .thenComparing(Article::id));
    Run run = new Run();
    List<NormalizedArticle> selected = new ArrayList<>(Math.min(sorted.size(), spec.limit()));
    Instant newest = null;
    for (Article article : sorted) {
      if (selected.size() == spec.limit()) {
        break;
      }
      NormalizedArticle n = run.accept(article);
      if (n != null) {
        selected.add(n);
        newest = newest == null || n.updated().isAfter(newest) ? n.updated() : newest;
      }
    }
    return emit(open(outputs, newest), selected, run.rejected);
  }

  /**
   * Streams articles in the order given into several formats at once, normalizing each article
   * once. Memory stays flat however many articles come.
   *
   * @param outputs the formats and their streams, each at most once; flushed, not closed
   * @param articles the articles, newest first
   * @return what was written (the same in every format) and what was rejected
   * @throws IOException when a stream fails
   */
  public WriteResult write(
      List<FeedOutput> outputs, Iterator<? extends Article> articles)
      throws IOException {
    notNull(outputs, "outputs");
    notNull(articles, "articles");
    Run run = new Run();
    NormalizedArticle first = null;
    while (first == null && articles.hasNext()) {
      first = run.accept(articles.next());
    }
    List<FormatWriter> writers = open(outputs, first == null ? null : first.updated());
    int written = 0;
    NormalizedArticle next = first;
    while (next != null && written < spec.limit()) {
      for (FormatWriter writer : writers) {
        writer.entry(next);
      }
      written++;
      next = null;
      while (next == null && written < spec.limit() && articles.hasNext()) {
        next = run.accept(articles.next());
      }
    }
    for (FormatWriter writer : writers) {
      writer.finish();
    }
    return new WriteResult(written, run.rejected);
  }

  /**
   * Writes articles normalized before (by the history store), in the order given, each output with
   * its own archive links. The duplicate and same-date checks of a write still apply.
   */
  WriteResult writeNormalized(List<FeedOutput> outputs, List<FeedHead.Paging> paging,
      List<NormalizedArticle> articles) throws IOException {
    Run run = new Run();
    List<NormalizedArticle> selected = new ArrayList<>(articles.size());
    for (NormalizedArticle article : articles) {
      NormalizedArticle n = run.accept(article);
      if (n != null) {
        selected.add(n);
      }
    }
    return emit(open(outputs, paging, null), selected, run.rejected);
  }

  /** Writes the articles to every output, then finishes each. */
  private static WriteResult emit(List<FormatWriter> writers, List<NormalizedArticle> selected,
      List<InvalidArticleException> rejected) throws IOException {
    for (NormalizedArticle n : selected) {
      for (FormatWriter writer : writers) {
        writer.entry(n);
      }
    }
    for (FormatWriter writer : writers) {
      writer.finish();
    }
    return new WriteResult(selected.size(), rejected);
  }

  private List<FormatWriter> open(List<FeedOutput> outputs, @Nullable Instant newest)
      throws IOException {
    return open(outputs, null, newest);
  }

  private List<FormatWriter> open(List<FeedOutput> outputs,
      @Nullable List<FeedHead.Paging> paging, @Nullable Instant newest) throws IOException {
    if (outputs.isEmpty()) {
      throw new InvalidValueException("outputs", null, "are empty");
    }
    Instant updated = spec.updated();
    if (updated == null) {
      updated = newest != null ? newest : clock.instant();
    }
    updated = updated.truncatedTo(ChronoUnit.SECONDS);
    Set<FeedFormat> formats = EnumSet.noneOf(FeedFormat.class);
    List<FormatWriter> writers = new ArrayList<>(outputs.size());
    XmlOutput.@Nullable SharedText shared =
        outputs.stream().filter(o -> o.format() != FeedFormat.JSON_FEED).count() > 1
            ? new XmlOutput.SharedText()
            : null;
    for (FeedOutput output : outputs) {
      if (!formats.add(notNull(output, "outputs element").format())) {
        throw new InvalidValueException("outputs", output.format(), "name a format twice");
      }
      OutputStream out = output.stream();
      FormatWriter writer =
          switch (output.format()) {
            case RSS -> new RssWriter(out, shared);
            case ATOM -> new AtomWriter(out, shared);
            case JSON_FEED -> new JsonFeedWriter(out);
          };
      URI self = output.selfUrl() != null ? output.selfUrl() : spec.selfUrl();
      writer.head(new FeedHead(spec, self, updated,
          paging == null ? FeedHead.Paging.NONE : paging.get(writers.size())));
      writers.add(writer);
    }
    return writers;
  }

  /**
   * The state of one write: the ids and updated dates seen, the articles rejected. Memory grows by
   * 32 to 64 bytes an article: ids, and ids with their links, are kept as 64-bit hashes (see the
   * class comment on duplicates), updated dates as epoch seconds, each in a {@link LongSet};
   * {@code nextOffset} has an entry only per updated date that was taken twice.
   */
  private final class Run {
    private final LongSet idHashes = new LongSet();
    /** The id's hash mixed with the link's: the same article given twice. */
    private final LongSet pairs = new LongSet();
    private final LongSet updates = new LongSet();
    private final Map<Long, Long> nextOffset = new HashMap<>();
    private final List<InvalidArticleException> rejected = new ArrayList<>();
    private final long now = clock.instant().getEpochSecond();
    private final MessageDigest sha256 = sha256();
    private final byte[] utf16 = new byte[512];

    /**
     * Gives the article an updated date no other article of this feed has (the W3C validator warns
     * when two Atom entries share one, which date-only articles of one day would): a taken date
     * moves a second later, or earlier once later would pass the clock's now. Dates are compared
     * by epoch second: the {@link Normalizer} cut them to whole seconds.
     */
    private NormalizedArticle distinctUpdated(NormalizedArticle n) {
      assert n.updated().getNano() == 0 : n.updated();
      long updated = n.updated().getEpochSecond();
      if (updates.add(updated)) {
        return n;
      }
      long room = Math.max(0, now - updated);
      long k = nextOffset.getOrDefault(updated, 1L);
      long candidate;
      do {
        candidate = k <= room ? updated + k : updated - (k - room);
        k++;
      } while (!updates.add(candidate));
      nextOffset.put(updated, k);
      return n.withUpdated(Instant.ofEpochSecond(candidate));
    }

    /** The first 64 bits of the SHA-256 of the id's UTF-16 code units, big-endian. */
    private long idHash(String id) {
      int at = 0;
      for (int i = 0; i < id.length(); i++) {
        char c = id.charAt(i);
        utf16[at++] = (byte) (c >>> 8);
        utf16[at++] = (byte) c;
        if (at == utf16.length) {
          sha256.update(utf16, 0, at);
          at = 0;
        }
      }
      sha256.update(utf16, 0, at);
      byte[] digest = sha256.digest();
      long hash = 0;
      for (int i = 0; i < Long.BYTES; i++) {
        hash = hash << 8 | (digest[i] & 0xFF);
      }
      return hash;
    }

    @Nullable NormalizedArticle accept(Article article) {
      notNull(article, "articles element");
      try {
        return accept(normalizer.normalize(article));
      } catch (InvalidArticleException e) {
        LOG.warn("feed {}: {}", spec.selfUrl(), e.getMessage());
        rejected.add(e);
        return null;
      }
    }

    @Nullable NormalizedArticle accept(NormalizedArticle n) {
      try {
        // ids compared in their Atom form, canonical: "https://X.ma/a" and "https://x.ma/a" are
        // one id to Atom readers
        long id = idHash(n.atomId());
        // with the link's hash mixed in: the same article given twice (no second digest on this
        // path, where every article passes)
        long linkHash = n.link() == null ? 0 : n.link().hashCode();
        boolean repeated = !pairs.add(id ^ (linkHash * 0x9E3779B97F4A7C15L));
        if (!idHashes.add(id)) {
          // another article has this id: a different article (another link) takes its link as
          // its id; the same one again is left out
          String link = n.link();
          if (repeated || link == null || !idHashes.add(idHash(Normalizer.atomId(link)))) {
            throw new InvalidArticleException(
                n.id(), new InvalidValueException("id", n.id(), "is a duplicate in this feed"));
          }
          LOG.warn("feed {}: article {}: id is another article's in this feed: {}; its link"
              + " stands in", spec.selfUrl(), Text.forLog(link), Text.forLog(n.id()));
          n = n.withId(link);
        }
        return distinctUpdated(n);
      } catch (InvalidArticleException e) {
        LOG.warn("feed {}: {}", spec.selfUrl(), e.getMessage());
        rejected.add(e);
        return null;
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Builds a {@link FeedWriter}. Not thread-safe. */
  public static final class Builder {
    private final FeedSpec spec;
    private Clock clock = Clock.systemUTC();
    private ContentPolicy policy = ContentPolicy.DEFAULT;
    private AttributionTemplate template = AttributionTemplate.LOCALIZED;

    private Builder(FeedSpec spec) {
      this.spec = notNull(spec, "spec");
    }

    /**
     * Sets the clock that bounds dates and dates an empty feed; the default is the system clock in
     * UTC. Inject a fixed clock for byte-identical output.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * Sets the length limits; the default is {@link ContentPolicy#DEFAULT}.
     *
     * @param policy the limits
     * @return this builder
     */
    public Builder contentPolicy(ContentPolicy policy) {
      this.policy = notNull(policy, "policy");
      return this;
    }

    /**
     * Sets the credit appended to each article's content; the default is {@link
     * AttributionTemplate#LOCALIZED}.
     *
     * @param template the template
     * @return this builder
     */
    public Builder attributionTemplate(AttributionTemplate template) {
      this.template = notNull(template, "template");
      return this;
    }

    /**
     * Builds the writer.
     *
     * @return the writer
     */
    public FeedWriter build() {
      return new FeedWriter(this);
    }
  }
}
