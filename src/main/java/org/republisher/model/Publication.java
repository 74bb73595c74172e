package org.republisher.model;

import static org.republisher.internal.Checks.notNull;

import java.net.URI;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.Urls;

/**
 * Who published the original article: "2M", "Le360", "Hespress".
 *
 * <p>The name is credited in every feed (RSS {@code <source>}, Atom {@code <source>}, JSON Feed
 * {@code _source}) and in the visible attribution line. The zone places dates that have no time of
 * day ("04 - 06 - 2020") and formats the date of the attribution line; it defaults to {@link
 * #DEFAULT_ZONE}. Immutable and thread-safe.
 *
 * @param name the publication's name as readers know it; not blank
 * @param url its home page, absolute http(s), or {@code null}
 * @param feedUrl its own RSS or Atom feed, absolute http(s), or {@code null}
 * @param language its main language as a BCP 47 tag, or {@code null}
 * @param zone the zone its dates are in
 */
public record Publication(
    String name, @Nullable URI url, @Nullable URI feedUrl, @Nullable String language, ZoneId zone) {

  /** The zone of a publication that names none: {@code Africa/Casablanca}. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Africa/Casablanca");

  /**
   * Checks every field.
   *
   * @throws InvalidValueException naming the field and value when the name is blank, a URL is not
   *     absolute http(s), or the language is not a BCP 47 tag
   */
  public Publication {
    notNull(name, "name");
    notNull(zone, "zone");
    if (name.isBlank()) {
      throw new InvalidValueException("publication.name", name, "is blank");
    }
    if (url != null) {
      url = Urls.absolute("publication.url", url.toString());
    }
    if (feedUrl != null) {
      feedUrl = Urls.absolute("publication.feedUrl", feedUrl.toString());
    }
    if (language != null) {
      language = Languages.tag("publication.language", language);
    }
  }

  /**
   * Returns a publication known by its name only, in the default zone.
   *
   * @param name the publication's name; not blank
   * @return the publication
   * @throws InvalidValueException when the name is blank
   */
  public static Publication of(String name) {
    return new Publication(name, null, null, null, DEFAULT_ZONE);
  }

  /**
   * Returns a builder for a publication with this name.
   *
   * @param name the publication's name; not blank
   * @return a new builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Returns a builder holding this publication's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.url = url;
    b.feedUrl = feedUrl;
    b.language = language;
    b.zone = zone;
    return b;
  }

  /** Builds a {@link Publication}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private @Nullable URI url;
    private @Nullable URI feedUrl;
    private @Nullable String language;
    private ZoneId zone = DEFAULT_ZONE;

    private Builder(String name) {
      this.name = notNull(name, "name");
    }

    /**
     * Sets the home page.
     *
     * @param url an absolute http(s) URL
     * @return this builder
     * @throws InvalidValueException when the URL is not absolute http(s)
     */
    public Builder url(String url) {
      this.url = Urls.absolute("publication.url", url);
      return this;
    }

    /**
     * Sets the publication's own feed URL.
     *
     * @param feedUrl an absolute http(s) URL
     * @return this builder
     * @throws InvalidValueException when the URL is not absolute http(s)
     */
    public Builder feedUrl(String feedUrl) {
      this.feedUrl = Urls.absolute("publication.feedUrl", feedUrl);
      return this;
    }

    /**
     * Sets the main language.
     *
     * @param language a BCP 47 tag such as {@code fr} or {@code ar-MA}
     * @return this builder
     */
    public Builder language(String language) {
      this.language = language;
      return this;
    }

    /**
     * Sets the zone of dates without a time of day; the default is {@link #DEFAULT_ZONE}.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder zone(ZoneId zone) {
      this.zone = notNull(zone, "zone");
      return this;
    }

    /**
     * Builds the publication.
     *
     * @return the publication
     * @throws InvalidValueException when a value is not valid
     */
    public Publication build() {
      return new Publication(name, url, feedUrl, language, zone);
    }
  }
}
