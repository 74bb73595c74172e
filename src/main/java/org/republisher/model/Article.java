package org.republisher.model;

import static org.republisher.internal.Checks.notNull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidArticleException;
import org.republisher.InvalidValueException;
import org.republisher.internal.Urls;

/**
 * One news article, the unit that flows from sources to feeds. Immutable and thread-safe.
 *
 * <p>An article holds what a source gave: its text fields (title, summary, names, categories) are
 * HTML fragments that may hold markup, entities or characters XML forbids, and its URLs may be
 * relative. A source that has plain text escapes it ({@code "C++ <T>"} is given as {@code "C++
 * &amp;lt;T&amp;gt;"}), so that the writers' one decoding gives the text back. The feed writers repair all of that by the
 * rules documented in {@link org.republisher.write.FeedWriter}; the constructor only rejects what
 * no rule can repair (a blank title, a {@code javascript:} link). An article with no link at all
 * is kept: its id is derived from its publication, title and date, and the writers give it the
 * feed's site as its link.
 *
 * <p>The id is stable: when none is given it is derived from the content, never from time or
 * randomness: the source link, else the own link, else a name-based {@code urn:uuid:} of the
 * publication, title and publication date.
 *
 * @param id a stable identifier, unique within a feed; derived when {@code null} is given
 * @param title the headline, an HTML fragment made text when written; not blank
 * @param link the republisher's own page for the article, or {@code null}
 * @param sourceLink the original article at its publication, or {@code null}
 * @param publication who published the original, or {@code null}
 * @param published when it was first published, or {@code null}
 * @param updated when it was last changed, or {@code null}
 * @param authors its authors, possibly empty
 * @param categories its categories, possibly empty
 * @param language its language as a BCP 47 tag, or {@code null} for the publication's language
 * @param summary a summary, an HTML fragment made text when written, or {@code null} to derive one
 *     from the content
 * @param contentHtml the body as an HTML fragment, or {@code null}
 * @param image its image, or {@code null}
 * @param baseUri what relative URLs resolve against, or {@code null} for the source link (the
 *     content comes from there), else the link, else the publication's home page
 */
public record Article(
    String id,
    String title,
    @Nullable URI link,
    @Nullable URI sourceLink,
    @Nullable Publication publication,
    @Nullable Instant published,
    @Nullable Instant updated,
    List<Author> authors,
    List<String> categories,
    @Nullable String language,
    @Nullable String summary,
    @Nullable String contentHtml,
    @Nullable Enclosure image,
    @Nullable URI baseUri) {

  /**
   * The order of a feed, a total order: newest first by {@link #published()} (else {@link
   * #updated()}; undated articles last), ties broken by id.
   */
  public static final Comparator<Article> NEWEST_FIRST =
      Comparator.comparing(
              Article::date, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
          .thenComparing(Article::id);

  /**
   * Checks every field and derives a missing id.
   *
   * @throws InvalidArticleException naming the article and the field when the title is blank or a
   *     link is not http(s)
   */
  public Article(
      @Nullable String id,
      String title,
      @Nullable URI link,
      @Nullable URI sourceLink,
      @Nullable Publication publication,
      @Nullable Instant published,
      @Nullable Instant updated,
      List<Author> authors,
      List<String> categories,
      @Nullable String language,
      @Nullable String summary,
      @Nullable String contentHtml,
      @Nullable Enclosure image,
      @Nullable URI baseUri) {
    notNull(title, "title");
    String name = id != null && !id.isBlank() ? id : title;
    try {
      if (title.isBlank()) {
        throw new InvalidValueException("title", title, "is blank");
      }
      link = link == null ? null : Urls.link("link", link);
      sourceLink = sourceLink == null ? null : Urls.link("sourceLink", sourceLink);
      baseUri = baseUri == null ? null : Urls.absolute("baseUri", baseUri.toString());
      language = language == null ? null : Languages.tag("language", language);
      for (String category : categories) {
        notNull(category, "categories element");
      }
      if (id != null && id.isBlank()) {
        throw new InvalidValueException("id", id, "is blank");
      }
    } catch (InvalidValueException e) {
      throw new InvalidArticleException(name, e);
    }
    this.id = id != null ? id.strip() : deriveId(title, link, sourceLink, publication, published);
    this.title = title;
    this.link = link;
    this.sourceLink = sourceLink;
    this.publication = publication;
    this.published = published;
    this.updated = updated;
    this.authors = List.copyOf(authors);
    this.categories = List.copyOf(categories);
    this.language = language;
    this.summary = summary;
    this.contentHtml = contentHtml;
    this.image = image;
    this.baseUri = baseUri;
  }

  private static String deriveId(
      String title,
      @Nullable URI link,
      @Nullable URI sourceLink,
      @Nullable Publication publication,
      @Nullable Instant published) {
    if (sourceLink != null && sourceLink.isAbsolute()) {
      return sourceLink.toASCIIString();
    }
    if (link != null && link.isAbsolute()) {
      return link.toASCIIString();
    }
    String key =
        (publication == null ? "" : publication.name())
            + '\n'
            + title.strip()
            + '\n'
            + (published == null ? "" : published.toString());
    return "urn:uuid:" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the date that orders this article: published, else updated.
   *
   * @return the date, or {@code null} when the article has neither
   */
  public @Nullable Instant date() {
    return published != null ? published : updated;
  }

  /**
   * Returns the language of this article: its own, else its publication's.
   *
   * @return a BCP 47 tag, or {@code null} when neither is known
   */
  public @Nullable String effectiveLanguage() {
    if (language != null) {
      return language;
    }
    return publication == null ? null : publication.language();
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with every field empty
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this article's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.title = title;
    b.link = link;
    b.sourceLink = sourceLink;
    b.publication = publication;
    b.published = published;
    b.updated = updated;
    b.authors.addAll(authors);
    b.categories.addAll(categories);
    b.language = language;
    b.summary = summary;
    b.contentHtml = contentHtml;
    b.image = image;
    b.baseUri = baseUri;
    return b;
  }

  /**
   * Builds an {@link Article}. Not thread-safe. URL setters parse leniently (spaces and unsafe
   * characters are percent-encoded) and reject what is not an http(s) reference.
   */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String title;
    private @Nullable URI link;
    private @Nullable URI sourceLink;
    private @Nullable Publication publication;
    private @Nullable Instant published;
    private @Nullable LocalDate publishedDate;
    private @Nullable Instant updated;
    private final List<Author> authors = new ArrayList<>();
    private final List<String> categories = new ArrayList<>();
    private @Nullable String language;
    private @Nullable String summary;
    private @Nullable String contentHtml;
    private @Nullable Enclosure image;
    private @Nullable URI baseUri;

    private Builder() {}

    /**
     * Sets a stable id; without one, the id is derived from the content.
     *
     * @param id the id; not blank
     * @return this builder
     */
    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /**
     * Sets the headline.
     *
     * @param title the headline; markup and entities are turned into plain text when written
     * @return this builder
     */
    public Builder title(String title) {
      this.title = notNull(title, "title");
      return this;
    }

    /**
     * Sets the republisher's own page for the article.
     *
     * @param link an http(s) URL, absolute or relative to the base
     * @return this builder
     * @throws InvalidValueException when it is not an http(s) reference
     */
    public Builder link(String link) {
      this.link = Urls.link("link", link);
      return this;
    }

    /**
     * Sets the original article at its publication.
     *
     * @param sourceLink an http(s) URL, absolute or relative to the base
     * @return this builder
     * @throws InvalidValueException when it is not an http(s) reference
     */
    public Builder sourceLink(String sourceLink) {
      this.sourceLink = Urls.link("sourceLink", sourceLink);
      return this;
    }

    /**
     * Sets who published the original.
     *
     * @param publication the publication
     * @return this builder
     */
    public Builder publication(@Nullable Publication publication) {
      this.publication = publication;
      return this;
    }

    /**
     * Sets when the article was first published.
     *
     * @param published the instant
     * @return this builder
     */
    public Builder published(@Nullable Instant published) {
      this.published = published;
      this.publishedDate = null;
      return this;
    }

    /**
     * Sets the day the article was first published, when no time is known: it is placed at {@link
     * Attribution#DATE_ONLY_TIME} in the publication's zone (the default zone when the article has
     * no publication) when the article is built.
     *
     * @param date the day
     * @return this builder
     */
    public Builder published(LocalDate date) {
      this.publishedDate = notNull(date, "date");
      this.published = null;
      return this;
    }

    /**
     * Sets when the article was last changed.
     *
     * @param updated the instant
     * @return this builder
     */
    public Builder updated(@Nullable Instant updated) {
      this.updated = updated;
      return this;
    }

    /**
     * Sets the publication, the day and the source link from an attribution.
     *
     * @param attribution the attribution
     * @return this builder
     */
    public Builder attribution(Attribution attribution) {
      this.publication = attribution.publication();
      published(attribution.date());
      if (attribution.sourceLink() != null) {
        this.sourceLink = Urls.link("sourceLink", attribution.sourceLink());
      }
      return this;
    }

    /**
     * Adds an author.
     *
     * @param author the author
     * @return this builder
     */
    public Builder author(Author author) {
      authors.add(notNull(author, "author"));
      return this;
    }

    /**
     * Adds an author known by name; a blank name adds nobody. (Authors whose names have no text, or
     * the same text as an earlier one's, are left out when written.)
     *
     * @param name the name
     * @return this builder
     */
    public Builder author(String name) {
      return notNull(name, "author").isBlank() ? this : author(Author.of(name));
    }

    /**
     * Adds categories. (Categories with no text, or the same text as an earlier one's, are left out
     * when written.)
     *
     * @param categories the category names
     * @return this builder
     */
    public Builder categories(String... categories) {
      for (String category : categories) {
        this.categories.add(notNull(category, "category"));
      }
      return this;
    }

    /**
     * Sets the language.
     *
     * @param language a BCP 47 tag such as {@code fr} or {@code ar-MA}
     * @return this builder
     */
    public Builder language(@Nullable String language) {
      this.language = language;
      return this;
    }

    /**
     * Sets the summary.
     *
     * @param summary an HTML fragment, made text when written (markup stripped, entities decoded
     *     once); without one, a summary is derived from the content
     * @return this builder
     */
    public Builder summary(@Nullable String summary) {
      this.summary = summary;
      return this;
    }

    /**
     * Sets the body.
     *
     * @param contentHtml an HTML fragment; cleaned when written
     * @return this builder
     */
    public Builder contentHtml(@Nullable String contentHtml) {
      this.contentHtml = contentHtml;
      return this;
    }

    /**
     * Sets the image.
     *
     * @param image the image
     * @return this builder
     */
    public Builder image(@Nullable Enclosure image) {
      this.image = image;
      return this;
    }

    /**
     * Sets the image by URL.
     *
     * @param url an http(s) URL, absolute or relative
     * @return this builder
     * @throws InvalidValueException when it is not an http(s) reference
     */
    public Builder image(String url) {
      return image(Enclosure.of(url));
    }

    /**
     * Sets what relative URLs resolve against.
     *
     * @param baseUri an absolute http(s) URL
     * @return this builder
     * @throws InvalidValueException when it is not absolute http(s)
     */
    public Builder baseUri(String baseUri) {
      this.baseUri = Urls.absolute("baseUri", baseUri);
      return this;
    }

    /**
     * Builds the article.
     *
     * @return the article
     * @throws InvalidArticleException naming the article and field when a value is not valid
     */
    public Article build() {
      String t = title;
      if (t == null) {
        throw new InvalidArticleException(
            id == null ? "(untitled)" : id, new InvalidValueException("title", null, "is missing"));
      }
      Instant when = published;
      if (publishedDate != null) {
        when =
            publishedDate
                .atTime(Attribution.DATE_ONLY_TIME)
                .atZone(publication == null ? Publication.DEFAULT_ZONE : publication.zone())
                .toInstant();
      }
      return new Article(
          id,
          t,
          link,
          sourceLink,
          publication,
          when,
          updated,
          authors,
          categories,
          language,
          summary,
          contentHtml,
          image,
          baseUri);
    }
  }
}
