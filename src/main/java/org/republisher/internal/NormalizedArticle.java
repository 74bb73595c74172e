package org.republisher.internal;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An article after normalization: every value ready to be written into any format as it is. Text
 * is plain and XML-safe, HTML is clean, URLs are absolute, both dates are set.
 *
 * @param id the article's id (RSS guid, JSON Feed id)
 * @param atomId the id as an absolute IRI (the id itself, or a name-based {@code urn:uuid:})
 * @param title plain text, never empty
 * @param link the page readers open: the own link, else the source link; {@code null} for an
 *     article that has neither (the writers then give the feed's site)
 * @param ownLink true when {@code link} is the republisher's own page
 * @param sourceLink the original article, or {@code null}
 * @param publication the publication, or {@code null}
 * @param published never after the clock
 * @param updated never before {@code published}, never after the clock
 * @param authors authors with plain-text names
 * @param categories plain-text, non-empty, without duplicates
 * @param language a BCP 47 tag, or {@code null}
 * @param rtl true when the language is written right to left
 * @param summary plain text, or {@code null} when the article has no text at all
 * @param contentHtml the clean content with the credit appended, wrapped for right-to-left
 * @param image the image, or {@code null}
 */
public record NormalizedArticle(
    String id,
    String atomId,
    String title,
    @Nullable String link,
    boolean ownLink,
    @Nullable String sourceLink,
    @Nullable Source publication,
    Instant published,
    Instant updated,
    List<Person> authors,
    List<String> categories,
    @Nullable String language,
    boolean rtl,
    @Nullable String summary,
    String contentHtml,
    @Nullable Image image) {

  /** Returns this article with another id (and the Atom id made of it). */
  public NormalizedArticle withId(String newId) {
    return new NormalizedArticle(newId, Normalizer.atomId(newId), title, link, ownLink, sourceLink,
        publication, published, updated, authors, categories, language, rtl, summary, contentHtml,
        image);
  }

  /** Returns this article with another updated date. */
  public NormalizedArticle withUpdated(Instant newUpdated) {
    return new NormalizedArticle(id, atomId, title, link, ownLink, sourceLink, publication,
        published, newUpdated, authors, categories, language, rtl, summary, contentHtml, image);
  }

  /**
   * The publication, ready to write.
   *
   * @param name plain text
   * @param url its home page, or {@code null}
   * @param feedUrl its feed, or {@code null}
   * @param atomId the canonical form of {@link #id()}, or {@code null}
   */
  public record Source(String name, @Nullable String url, @Nullable String feedUrl, @Nullable String atomId) {

    /** Returns a source whose Atom id is the canonical form of its feed, else home page. */
    public static Source of(String name, @Nullable String url, @Nullable String feedUrl) {
      String id = feedUrl != null ? feedUrl : url;
      return new Source(name, url, feedUrl, id == null ? null : Iris.canonical(id));
    }

    /** Returns the best IRI for the publication: its feed, else its home page, else null. */
    public @Nullable String id() {
      return feedUrl != null ? feedUrl : url;
    }
  }

  /**
   * An author, ready to write.
   *
   * @param name plain text
   * @param email an email, or {@code null}
   * @param url an absolute URL, or {@code null}
   */
  public record Person(String name, @Nullable String email, @Nullable String url) {}

  /**
   * An image, ready to write.
   *
   * @param url absolute
   * @param type a media type
   * @param length bytes, or -1 when unknown
   */
  public record Image(String url, String type, long length) {}
}
