package org.republisher.source;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.model.Attribution;

/**
 * Where the parts of an article are on a family of HTML pages, as CSS selectors in jsoup's syntax
 * (which adds text pseudo-selectors such as {@code :matches(regex)} to CSS). Immutable and
 * thread-safe. {@link #AGGREGATOR} reads aggregator pages that republish articles with an
 * attribution line; {@link #builder(String)} makes a profile for another site.
 *
 * <h2>How a page is read</h2>
 *
 * <ol>
 *   <li>Scripts, styles, {@code noscript}, {@code template}, frames, objects and embeds are
 *       removed, whatever the profile; then every element the {@link #boilerplate()} selector
 *       matches.
 *   <li>The {@link #listing()} selector finds links to article pages, followed by a crawl.
 *   <li>The attribution line ("Publié dans 2M le 04 - 06 - 2020") is read with {@link
 *       Attribution#parse(CharSequence, java.time.ZoneId)} from the text of the elements the {@link
 *       #attribution()} selector matches; when none holds one, from any line of the page's text of
 *       at most 200 characters (a line ends at a block element or a {@code br}), so pages that vary
 *       their markup are still read. A page without one is not an article.
 *   <li>The title, the date, the source link and the image are read from the first element that
 *       gives a value; the alternatives of a selector group ({@code a, b}) are tried in the order
 *       written, so {@code "article h1, h1"} prefers the article's heading to any other.
 *   <li>The body is the HTML of the elements the {@link #body()} selector matches, in document
 *       order (an element inside another match is not repeated), once the title, the attribution
 *       line and the source link are removed. When it matches nothing, the body is the paragraphs
 *       ({@code p}) that follow the attribution line, up to the source link: the shape of the
 *       sample page.
 * </ol>
 *
 * <p>A value is read from an element by its kind: {@code meta} gives its {@code content}, {@code
 * time} its {@code datetime}, {@code a} and {@code link} their {@code href}, {@code img} its {@code
 * src} (else {@code data-src}), and any other element its text.
 *
 * @param name the profile's name, for logs and configuration; not blank
 * @param title the headline; required
 * @param attribution the element holding the attribution line, or {@code null} to find the line by
 *     its text only
 * @param date an element holding an ISO date or date-time that replaces the attribution line's day
 *     (a {@code time datetime="2026-03-21T09:15:00Z"}), or {@code null}
 * @param body the body's elements, or {@code null} for the paragraphs after the attribution line
 * @param sourceLink the link to the original article, or {@code null}
 * @param image the article's main image, or {@code null}
 * @param boilerplate what to remove before reading (tickers, menus, modals), or {@code null}
 * @param listing links to article pages to follow, or {@code null} when pages link to none
 */
public record PageProfile(
    String name,
    String title,
    @Nullable String attribution,
    @Nullable String date,
    @Nullable String body,
    @Nullable String sourceLink,
    @Nullable String image,
    @Nullable String boilerplate,
    @Nullable String listing) {

  /**
   * Aggregator pages shaped like the sample: a headline ticker, an image-report notice ("Merci
   * d'avoir signalé! Cette image sera automatiquement bloquée…"), an {@code h1} title, the
   * attribution line ("Publié dans 2M le 04 - 06 - 2020", or its es, ar or en form), body
   * paragraphs, and a link to the original whose text is {@link Attribution#linkText(String)} in
   * fr, es, ar or en ("Cliquez ici pour lire l'article depuis sa source"). The ticker, menus,
   * footers, asides, forms, sharing widgets and the image-report notice (found by its class or by
   * its text in the four languages) are dropped; listing pages link to articles from {@code
   * .article-list}, {@code .listing} or {@code .news-list}.
   */
  public static final PageProfile AGGREGATOR =
      builder("aggregator")
          .title("article h1, .article-title, h1.title, main h1, h1, meta[property=og:title]")
          .attribution(".attribution, .article-source, .source-line, .byline, .source-date")
          .body(
              ".article-body p, .article-content p, .entry-content p, [itemprop=articleBody] p,"
                  + " .post-content p")
          .sourceLink("a.source-link, a.read-source, a:matches(" + linkTexts() + ")")
          .image(
              ".article-image img, figure img, meta[property=og:image], article img,"
                  + " [itemprop=image]")
          .boilerplate(
              ".ticker, .news-ticker, .breaking-news, .headlines-ticker, marquee, nav,"
                  + " body > header, .site-header, body > footer, .site-footer, aside, form,"
                  + " button, .modal, .report-modal, .report-image, .report-link, .share,"
                  + " .social, .comments, .related, .most-read,"
                  + " :matchesOwn("
                  + reportTexts()
                  + ")")
          .listing(
              ".article-list a[href], .listing a[href], .news-list a[href], a.article-link[href]")
          .build();

  /**
   * Checks the name and that every selector is valid.
   *
   * @throws InvalidValueException naming the field ({@code profile.title}…) when a selector is
   *     blank or not a valid selector, or the name is blank
   */
  public PageProfile {
    requireNonNull(name, "name");
    requireNonNull(title, "title");
    if (name.isBlank()) {
      throw new InvalidValueException("profile.name", name, "is blank");
    }
    check("title", title);
    check("attribution", attribution);
    check("date", date);
    check("body", body);
    check("sourceLink", sourceLink);
    check("image", image);
    check("boilerplate", boilerplate);
    check("listing", listing);
  }

  private static void check(String field, @Nullable String selector) {
    if (selector == null) {
      return;
    }
    if (selector.isBlank()) {
      throw new InvalidValueException("profile." + field, selector, "is blank");
    }
    try {
      QueryParser.parse(selector);
    } catch (Selector.SelectorParseException | IllegalArgumentException e) {
      throw new InvalidValueException(
          "profile." + field, selector, "is not a CSS selector (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Returns a builder for a profile whose only selector is the title's, {@code h1}.
   *
   * @param name the profile's name; not blank
   * @return a new builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Returns a builder holding this profile's selectors, to change some of them.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.title = title;
    b.attribution = attribution;
    b.date = date;
    b.body = body;
    b.sourceLink = sourceLink;
    b.image = image;
    b.boilerplate = boilerplate;
    b.listing = listing;
    return b;
  }

  /**
   * Returns a regex matching the start of the link text in fr, es, ar and en. Characters other than
   * letters, digits and spaces match any character, so that typographic apostrophes match and the
   * selector needs no escaping.
   */
  private static String linkTexts() {
    StringJoiner any = new StringJoiner("|", "(?iu)^[ ]*(?:", ")");
    for (String language : List.of("fr", "es", "ar", "en")) {
      any.add(loose(Attribution.linkText(language)));
    }
    return any.toString();
  }

  /** Returns a regex matching the image-report notice in fr, es, ar and en. */
  private static String reportTexts() {
    StringJoiner any = new StringJoiner("|", "(?iu)^[ ¡!]*(?:", ")");
    for (String text :
        List.of(
            "Merci d'avoir signalé",
            "Cette image sera automatiquement bloquée",
            "Gracias por informar",
            "Esta imagen será bloqueada",
            "شكرا على الإبلاغ",
            "سيتم حجب هذه الصورة",
            "Thanks for reporting",
            "Thank you for reporting",
            "This image will be automatically blocked")) {
      any.add(loose(text));
    }
    return any.toString();
  }

  private static String loose(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
      out.append(Character.isLetterOrDigit(c) || c == ' ' ? c : '.');
    }
    return out.toString();
  }

  /** Builds a {@link PageProfile}. Not thread-safe. Every selector but the title's is optional. */
  public static final class Builder {
    private final String name;
    private String title = "h1";
    private @Nullable String attribution;
    private @Nullable String date;
    private @Nullable String body;
    private @Nullable String sourceLink;
    private @Nullable String image;
    private @Nullable String boilerplate;
    private @Nullable String listing;

    private Builder(String name) {
      this.name = requireNonNull(name, "name");
    }

    /**
     * Sets the selector of the headline; the default is {@code h1}.
     *
     * @param title a selector
     * @return this builder
     */
    public Builder title(String title) {
      this.title = requireNonNull(title, "title");
      return this;
    }

    /**
     * Sets the selector of the element holding the attribution line.
     *
     * @param attribution a selector, or {@code null} to find the line by its text only
     * @return this builder
     */
    public Builder attribution(@Nullable String attribution) {
      this.attribution = attribution;
      return this;
    }

    /**
     * Sets the selector of an element holding an ISO date or date-time that replaces the day of the
     * attribution line.
     *
     * @param date a selector, or {@code null}
     * @return this builder
     */
    public Builder date(@Nullable String date) {
      this.date = date;
      return this;
    }

    /**
     * Sets the selector of the body's elements.
     *
     * @param body a selector, or {@code null} for the paragraphs after the attribution line
     * @return this builder
     */
    public Builder body(@Nullable String body) {
      this.body = body;
      return this;
    }

    /**
     * Sets the selector of the link to the original article.
     *
     * @param sourceLink a selector, or {@code null}
     * @return this builder
     */
    public Builder sourceLink(@Nullable String sourceLink) {
      this.sourceLink = sourceLink;
      return this;
    }

    /**
     * Sets the selector of the article's main image.
     *
     * @param image a selector, or {@code null}
     * @return this builder
     */
    public Builder image(@Nullable String image) {
      this.image = image;
      return this;
    }

    /**
     * Sets the selector of what is removed before reading.
     *
     * @param boilerplate a selector, or {@code null}
     * @return this builder
     */
    public Builder boilerplate(@Nullable String boilerplate) {
      this.boilerplate = boilerplate;
      return this;
    }

    /**
     * Sets the selector of links to article pages.
     *
     * @param listing a selector, or {@code null}
     * @return this builder
     */
    public Builder listing(@Nullable String listing) {
      this.listing = listing;
      return this;
    }

    /**
     * Builds the profile.
     *
     * @return the profile
     * @throws InvalidValueException naming the field when a selector is not valid
     */
    public PageProfile build() {
      return new PageProfile(
          name, title, attribution, date, body, sourceLink, image, boilerplate, listing);
    }
  }
}
