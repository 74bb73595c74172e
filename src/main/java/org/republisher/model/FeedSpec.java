package org.republisher.model;

import static org.republisher.internal.Checks.notNull;

import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.Text;
import org.republisher.internal.Urls;

/**
 * The metadata of one output feed: its title, where it is served, what it links to. Immutable and
 * thread-safe.
 *
 * @param title the feed's title, plain text (written as the text it is: {@code <} and {@code &} are
 *     not markup); control characters are removed and whitespace collapsed; not blank
 * @param selfUrl where the feed itself is served, absolute http(s); written as {@code atom:link
 *     rel="self"} in RSS and Atom and as {@code feed_url} in JSON Feed
 * @param link the web page the feed belongs to, absolute http(s); defaults to the root of the self
 *     URL's site
 * @param description a plain-text description, repaired as the title is; defaults to the title
 * @param language the feed's language as a BCP 47 tag, or {@code null} for a multilingual feed
 * @param icon a small square image for the feed, absolute http(s), or {@code null}
 * @param author who runs the feed, or {@code null}: Atom feeds then credit each entry's authors,
 *     else its publication, else the feed's title
 * @param limit the most articles written, at least 1; defaults to {@link #DEFAULT_LIMIT}
 * @param updated the feed's last change, or {@code null} to take the newest article's date
 * @param hub the WebSub hub readers may subscribe at for pushed updates, absolute http(s), or {@code
 *     null}: written as {@code link rel="hub"} in Atom, {@code atom:link rel="hub"} in RSS and
 *     {@code hubs} in JSON Feed
 */
public record FeedSpec(
    String title,
    URI selfUrl,
    URI link,
    String description,
    @Nullable String language,
    @Nullable URI icon,
    @Nullable Author author,
    int limit,
    @Nullable Instant updated,
    @Nullable URI hub) {

  /** The number of articles a feed holds unless told otherwise: 100. */
  public static final int DEFAULT_LIMIT = 100;

  /**
   * Checks every field.
   *
   * @throws InvalidValueException naming the field and value when the title or description is
   *     blank, a URL is not absolute http(s), the language is not a tag, or the limit is below 1
   */
  public FeedSpec {
    notNull(title, "title");
    notNull(selfUrl, "selfUrl");
    notNull(link, "link");
    notNull(description, "description");
    title = Text.clean(title);
    if (title.isEmpty()) {
      throw new InvalidValueException("feed.title", title, "is blank");
    }
    description = Text.clean(description);
    if (description.isEmpty()) {
      throw new InvalidValueException("feed.description", description, "is blank");
    }
    selfUrl = Urls.absolute("feed.selfUrl", selfUrl.toString());
    link = Urls.absolute("feed.link", link.toString());
    if (icon != null) {
      icon = Urls.absolute("feed.icon", icon.toString());
    }
    if (language != null) {
      language = Languages.tag("feed.language", language);
    }
    if (limit < 1) {
      throw new InvalidValueException("feed.limit", limit, "is below 1");
    }
    if (hub != null) {
      hub = Urls.absolute("feed.hub", hub.toString());
    }
  }

  /**
   * Returns a builder for a feed with a title, served at a URL.
   *
   * @param title the feed's title; not blank
   * @param selfUrl where the feed is served, absolute http(s)
   * @return a new builder
   * @throws InvalidValueException when the URL is not absolute http(s)
   */
  public static Builder builder(String title, String selfUrl) {
    return new Builder(title, Urls.absolute("feed.selfUrl", selfUrl));
  }

  /**
   * Returns a builder holding this spec's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(title, selfUrl);
    b.link = link;
    b.description = description;
    b.language = language;
    b.icon = icon;
    b.author = author;
    b.limit = limit;
    b.updated = updated;
    b.hub = hub;
    return b;
  }

  /** Builds a {@link FeedSpec}. Not thread-safe. */
  public static final class Builder {
    private final String title;
    private final URI selfUrl;
    private @Nullable URI link;
    private @Nullable String description;
    private @Nullable String language;
    private @Nullable URI icon;
    private @Nullable Author author;
    private int limit = DEFAULT_LIMIT;
    private @Nullable Instant updated;
    private @Nullable URI hub;

    private Builder(String title, URI selfUrl) {
      this.title = notNull(title, "title");
      this.selfUrl = selfUrl;
    }

    /**
     * Sets the web page the feed belongs to; the default is the root of the self URL's site.
     *
     * @param link an absolute http(s) URL
     * @return this builder
     */
    public Builder link(String link) {
      this.link = Urls.absolute("feed.link", link);
      return this;
    }

    /**
     * Sets the description; the default is the title.
     *
     * @param description plain text
     * @return this builder
     */
    public Builder description(String description) {
      this.description = notNull(description, "description");
      return this;
    }

    /**
     * Sets the feed's language; the default is none (a multilingual feed).
     *
     * @param language a BCP 47 tag
     * @return this builder
     */
    public Builder language(@Nullable String language) {
      this.language = language;
      return this;
    }

    /**
     * Sets the feed's icon.
     *
     * @param icon an absolute http(s) URL
     * @return this builder
     */
    public Builder icon(String icon) {
      this.icon = Urls.absolute("feed.icon", icon);
      return this;
    }

    /**
     * Sets who runs the feed.
     *
     * @param author the author
     * @return this builder
     */
    public Builder author(@Nullable Author author) {
      this.author = author;
      return this;
    }

    /**
     * Sets the most articles written; the default is {@link #DEFAULT_LIMIT}.
     *
     * @param limit at least 1
     * @return this builder
     */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /**
     * Sets the feed's last change; the default is the newest article's date.
     *
     * @param updated the instant
     * @return this builder
     */
    public Builder updated(@Nullable Instant updated) {
      this.updated = updated;
      return this;
    }

    /**
     * Sets the WebSub hub readers may subscribe at; the default is none.
     *
     * @param hub an absolute http(s) URL, or {@code null} for none
     * @return this builder
     * @throws InvalidValueException when the URL is not absolute http(s)
     */
    public Builder hub(@Nullable String hub) {
      this.hub = hub == null ? null : Urls.absolute("feed.hub", hub);
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec
     * @throws InvalidValueException when a value is not valid
     */
    public FeedSpec build() {
      URI home = link != null ? link : selfUrl.resolve("/");
      return new FeedSpec(
          title,
          selfUrl,
          home,
          description != null ? description : title,
          language,
          icon,
          author,
          limit,
          updated,
          hub);
    }
  }
}
