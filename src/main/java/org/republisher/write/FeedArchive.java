package org.republisher.write;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
 * Builder#pageSize(int) pageSize} articles from the oldest. A full page never changes again: its
 * articles, links and bytes stay as they are (unless an article in it is updated upstream). The
 * newest page is open: it takes the articles that leave the current document until it is full.
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

  private FeedArchive(Builder b) {
    this.spec = b.spec;
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
    requireNonNull(store, "store");
    requireNonNull(now, "now");
    throw new UnsupportedOperationException("not yet: issue 8, the lead is writing it");
  }

  /** Builds a {@link FeedArchive}. Not thread-safe. */
  public static final class Builder {
    private final FeedSpec spec;
    private Selection selection = Selection.ALL;
    private int pageSize;
    private Retention retention = Retention.DEFAULT;
    private Set<FeedFormat> formats = EnumSet.allOf(FeedFormat.class);

    private Builder(FeedSpec spec) {
      this.spec = requireNonNull(spec, "spec");
    }

    /**
     * Sets which articles the feed takes; the default is {@link Selection#ALL}.
     *
     * @param selection the selection
     * @return this builder
     */
    public Builder selection(Selection selection) {
      this.selection = requireNonNull(selection, "selection");
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
      this.retention = requireNonNull(retention, "retention");
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
