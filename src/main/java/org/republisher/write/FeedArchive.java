package org.republisher.write;

import static org.republisher.internal.Checks.notNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.republisher.internal.History;
import org.republisher.internal.NormalizedArticle;
import org.republisher.model.Article;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.model.FeedSpec;
import org.republisher.model.Selection;
import org.republisher.store.ArticleStore;

/**
 * One feed written from a history store, as RFC 5005 archived feeds: a current document of its
 * newest articles, and archive pages holding every older one exactly once, so a reader or crawler
 * can walk back from the current feed to the oldest article. Immutable and thread-safe.
 *
 * <h2>Files</h2>
 *
 * The spec's self URL names every file: {@code https://x.example/feeds/all.atom.xml} (or {@code
 * all.rss.xml}, {@code all.feed.json}, or plain {@code all}) gives the current documents {@code
 * https://x.example/feeds/all.rss.xml}, {@code all.atom.xml} and {@code all.feed.json}, and the
 * archive pages {@code https://x.example/feeds/archive/all-1.atom.xml}, {@code all-2…}, oldest
 * first.
 *
 * <h2>Pages</h2>
 *
 * Articles are ordered by when the history first saw them. The current document holds the newest
 * {@link FeedSpec#limit()} of the feed's articles; the older ones fill archive pages of {@link
 * Builder#pageSize(int) pageSize} articles from the oldest. The newest page takes the articles
 * that leave the current document until it is full; a newer page opens with the next one. A page
 * is final once a newer page exists: from then on its articles, links and bytes never change
 * (unless an article in it is updated upstream). The archive starts once it holds more than one
 * page of articles: until then the current document holds them all, so that no archive page
 * stands alone (the W3C validator warns about one) and no document is empty.
 * Archive pages carry {@code fh:archive} and links {@code current}, {@code prev-archive} and {@code
 * next-archive}; the current document links {@code prev-archive} to the newest page. JSON Feed
 * pages link to the next older page with {@code next_url}.
 */
public final class FeedArchive {
  private final FeedSpec spec;
  private final Selection selection;
  private final int pageSize;
  private final Retention retention;
  private final Set<FeedFormat> formats;

  private final URI folder;
  private final String stem;

  private FeedArchive(Builder b) {
    this.spec = b.spec;
    URI self = b.spec.selfUrl();
    String path = self.getRawPath() == null || self.getRawPath().isEmpty() ? "/" : self.getRawPath();
    int slash = path.lastIndexOf('/');
    String name = path.substring(slash + 1);
    for (FeedFormat format : FeedFormat.values()) {
      if (name.endsWith("." + format.fileName())) {
        name = name.substring(0, name.length() - format.fileName().length() - 1);
        break;
      }
    }
    if (name.isEmpty()) {
      throw new InvalidValueException("feed.selfUrl", self, "does not name a feed file");
    }
    this.stem = name;
    this.folder = self.resolve(path.substring(0, slash + 1));
    this.selection = b.selection;
    this.pageSize = b.pageSize > 0 ? b.pageSize : b.spec.limit();
    this.retention = b.retention;
    this.formats = Set.copyOf(b.formats);
  }

  /**
   * Returns a builder for the archived feed of a spec.
   *
   * @param spec the feed's metadata; its self URL names the files, its limit sizes the current
   *     document
   * @return a new builder
   */
  public static Builder builder(FeedSpec spec) {
    return new Builder(spec);
  }

  /**
   * Returns the spec.
   *
   * @return the spec
   */
  public FeedSpec spec() {
    return spec;
  }

  /**
   * Renders the current documents and every archive page that is not retired, in every format,
   * from what the store holds now.
   *
   * @param store the history
   * @param now the writers' now: no date is written after it
   * @return the files, current documents first, then the pages from the newest
   * @throws org.republisher.store.StoreException when the store cannot be read
   */
  public List<FeedFile> render(ArticleStore store, Instant now) {
    notNull(store, "store");
    Instant at = notNull(now, "now").truncatedTo(ChronoUnit.SECONDS);
    History history = (History) store; // sealed: every store is the history's one class
    List<History.Entry> entries = new ArrayList<>();
    Instant newest = null; // of the whole history: the date of a feed that selects nothing yet
    for (History.Entry entry : history.catalog()) {
      if (selection.matches(entry.publication(), entry.language(), entry.categories())) {
        entries.add(entry);
      }
      newest = newest == null || entry.updated().isAfter(newest) ? entry.updated() : newest;
    }

    Plan plan = Plan.of(entries.size(), spec.limit(), pageSize);
    int retired = plan.retired(entries, retention, at);
    List<FeedFile> files = new ArrayList<>();
    try {
      render(history, entries, plan.current(), 0, plan.pages() > retired ? plan.pages() : 0,
          plan, at, newest, files);
      for (int page = plan.pages(); page > retired; page--) {
        render(history, entries, plan.page(page), page, page > retired + 1 ? page - 1 : 0, plan, at,
            newest, files);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory
    }
    return files;
  }

  /**
   * Writes one document in every format: the current one (page 0) or an archive page.
   *
   * @param older the next older page to link, or 0
   */
  private void render(History history, List<History.Entry> entries, int[] range, int page,
      int older, Plan plan, Instant now, @Nullable Instant newest, List<FeedFile> files)
      throws IOException {
    long[] seqs = new long[range[1] - range[0]];
    Instant updated = null;
    for (int i = range[0]; i < range[1]; i++) {
      History.Entry entry = entries.get(i);
      seqs[i - range[0]] = entry.seq();
      updated = updated == null || entry.updated().isAfter(updated) ? entry.updated() : updated;
    }
    if (updated == null) {
      // an empty page (the open page right after one filled): the date of what came before
      for (int i = range[0] - 1; i >= 0 && updated == null; i--) {
        updated = entries.get(i).updated();
      }
    }
    if (updated == null) {
      // a feed that selects nothing yet: the history's last change, so that its bytes stay the
      // same from one run to the next (now, only while the history is empty)
      updated = newest != null ? newest : now;
    }
    List<NormalizedArticle> articles = new ArrayList<>(history.normalized(seqs, now));
    articles.sort(NEWEST_FIRST);
    FeedSpec docSpec =
        spec.toBuilder()
            .limit(Math.max(1, articles.size()))
            .updated(spec.updated() != null ? spec.updated() : updated)
            .build();
    FeedWriter writer = FeedWriter.builder(docSpec).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    List<FeedFormat> order = FeedFormat.ORDER.stream().filter(formats::contains).toList();
    List<FeedOutput> outputs = new ArrayList<>(order.size());
    List<FeedHead.Paging> paging = new ArrayList<>(order.size());
    List<ByteArrayOutputStream> buffers = new ArrayList<>(order.size());
    for (FeedFormat format : order) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096 + 4096 * articles.size());
      buffers.add(buffer);
      outputs.add(new FeedOutput(format, buffer, url(page, format)));
      paging.add(
          page == 0
              ? new FeedHead.Paging(false, null, older == 0 ? null : url(older, format), null)
              : new FeedHead.Paging(true, url(0, format), older == 0 ? null : url(older, format),
                  page < plan.pages() ? url(page + 1, format) : null));
    }
    writer.writeNormalized(outputs, paging, articles);
    for (int i = 0; i < order.size(); i++) {
      files.add(new FeedFile(url(page, order.get(i)), order.get(i), buffers.get(i).toByteArray(),
          docSpec.updated()));
    }
  }

  /** The URL of the current document (page 0) or of an archive page, in a format. */
  URI url(int page, FeedFormat format) {
    String name = page == 0 ? stem + "." + format.fileName()
        : "archive/" + stem + "-" + page + "." + format.fileName();
    return folder.resolve(name);
  }

  /** Newest first by published date, ties by id: the order of {@link Article#NEWEST_FIRST}. */
  private static final Comparator<NormalizedArticle> NEWEST_FIRST =
      Comparator.comparing(NormalizedArticle::published, Comparator.reverseOrder())
          .thenComparing(NormalizedArticle::id);

  /**
   * How a feed of {@code size} articles splits into documents. Archive pages are numbered from 1,
   * the oldest; every page but the newest is full; the newest takes what leaves the current
   * document until it is full, and a newer page opens when the next article leaves. A page is
   * final once a newer page exists: it then has its next-archive link, and its bytes never change
   * again (unless an article in it is updated upstream). An archive starts once it holds more
   * than one page of articles (until then the current document holds them), so that every page
   * links to another (the W3C validator warns about an archive page without prev-archive or
   * next-archive) and no document is empty (every reader warns about an empty feed).
   */
  record Plan(int size, int limit, int pageSize, int archived, int pages) {
    static Plan of(int size, int limit, int pageSize) {
      int archived = size - limit;
      if (archived <= pageSize) {
        return new Plan(size, limit, pageSize, 0, 0);
      }
      return new Plan(size, limit, pageSize, archived, (archived + pageSize - 1) / pageSize);
    }

    /** The range of entries (oldest first) of the current document. */
    int[] current() {
      return new int[] {archived, size};
    }

    /** The range of entries of an archive page. */
    int[] page(int page) {
      return new int[] {(page - 1) * pageSize, Math.min(page * pageSize, archived)};
    }

    /**
     * Returns how many of the oldest pages are retired: full pages whose every article was first
     * seen longer ago than the retention's age or falls outside its newest articles. The two
     * newest pages are never retired.
     */
    int retired(List<History.Entry> entries, Retention retention, Instant now) {
      Instant oldest = now.minus(retention.maxAge());
      int kept = size - retention.maxArticles(); // entries before this index are past the count
      int retired = 0;
      // the two newest pages are kept, so that the newest always links to an older one
      for (int page = 1; page < pages - 1; page++) {
        int end = page * pageSize; // exclusive
        boolean pastCount = end <= kept;
        boolean pastAge = entries.get(end - 1).firstSeen().isBefore(oldest);
        if (!pastCount && !pastAge) {
          break;
        }
        retired = page;
      }
      return retired;
    }
  }

  /** Builds a {@link FeedArchive}. Not thread-safe. */
  public static final class Builder {
    private final FeedSpec spec;
    private Selection selection = Selection.ALL;
    private int pageSize;
    private Retention retention = Retention.DEFAULT;
    private Set<FeedFormat> formats = EnumSet.allOf(FeedFormat.class);

    private Builder(FeedSpec spec) {
      this.spec = notNull(spec, "spec");
    }

    /**
     * Sets which articles the feed takes; the default is {@link Selection#ALL}.
     *
     * @param selection the selection
     * @return this builder
     */
    public Builder selection(Selection selection) {
      this.selection = notNull(selection, "selection");
      return this;
    }

    /**
     * Sets the number of articles of an archive page; the default is the spec's limit.
     *
     * @param pageSize at least 1
     * @return this builder
     * @throws InvalidValueException when it is below 1
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1) {
        throw new InvalidValueException("pageSize", pageSize, "is below 1");
      }
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Sets how long archive pages are kept; the default is {@link Retention#DEFAULT}.
     *
     * @param retention the policy
     * @return this builder
     */
    public Builder retention(Retention retention) {
      this.retention = notNull(retention, "retention");
      return this;
    }

    /**
     * Sets the formats written; the default is all of them.
     *
     * @param formats at least one format
     * @return this builder
     * @throws InvalidValueException when it is empty
     */
    public Builder formats(Set<FeedFormat> formats) {
      if (formats.isEmpty()) {
        throw new InvalidValueException("formats", formats, "is empty");
      }
      this.formats = EnumSet.copyOf(formats);
      return this;
    }

    /**
     * Builds the archived feed.
     *
     * @return the archived feed
     */
    public FeedArchive build() {
      return new FeedArchive(this);
    }
  }
}
