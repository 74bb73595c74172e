package org.republisher.source;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.Html;
import org.republisher.internal.Upstream;
import org.republisher.model.Article;
import org.republisher.model.Attribution;
import org.republisher.model.Enclosure;
import org.republisher.model.Publication;
import org.republisher.source.PageFailureException.Kind;

/**
 * Reads one parsed page with a {@link PageProfile}: the links it lists and the article it holds.
 * The rules are those documented on {@link PageProfile}. Immutable and thread-safe; the documents
 * it reads are changed (boilerplate removed, URLs made absolute) and must not be shared.
 */
final class PageScraper {

  /** Removed from every page whatever the profile: nothing here is text a reader sees. */
  private static final Evaluator INERT =
      QueryParser.parse(
          "script, style, noscript, template, iframe, frame, frameset, object, embed, applet,"
              + " svg, math");

  private static final Evaluator PARAGRAPH = QueryParser.parse("p");

  /** Attributes holding a URL that are kept, made absolute, in the body. */
  private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "cite", "poster");

  private final String sourceId;
  private final List<Evaluator> title;
  private final List<Evaluator> attribution;
  private final List<Evaluator> date;
  private final List<Evaluator> sourceLink;
  private final List<Evaluator> image;
  private final @Nullable Evaluator body;
  private final @Nullable Evaluator boilerplate;
  private final @Nullable Evaluator listing;
  private final ZoneId zone;
  private final @Nullable Publication publication;

  PageScraper(
      String sourceId, PageProfile profile, ZoneId zone, @Nullable Publication publication) {
    this.sourceId = requireNonNull(sourceId, "sourceId");
    this.title = alternatives(profile.title());
    this.attribution = alternatives(profile.attribution());
    this.date = alternatives(profile.date());
    this.sourceLink = alternatives(profile.sourceLink());
    this.image = alternatives(profile.image());
    this.body = compile(profile.body());
    this.boilerplate = compile(profile.boilerplate());
    this.listing = compile(profile.listing());
    this.zone = requireNonNull(zone, "zone");
    this.publication = publication;
  }

  /**
   * What a page holds.
   *
   * @param links the pages it links to with the listing selector, in document order, each once
   * @param article the article it holds, or {@code null}
   * @param failure why it holds none, or {@code null} when it holds one
   */
  record Scraped(
      List<URI> links, @Nullable Article article, @Nullable PageFailureException failure) {}

  /**
   * Reads a page.
   *
   * @param doc the parsed page; changed by this call
   * @param location where the page was read, which crawl links resolve against
   * @param publicUrl the page's public http(s) URL (the article's link and base), or {@code null}
   */
  Scraped scrape(Document doc, URI location, @Nullable URI publicUrl) {
    doc.select(INERT).remove();
    if (boilerplate != null) {
      doc.select(boilerplate).remove();
    }
    List<URI> links = links(doc, location);
    Found found = attribution(doc);
    if (found == null) {
      return failed(
          links,
          location,
          Kind.ATTRIBUTION_NOT_FOUND,
          "no line such as \"Publié dans 2M le 04 - 06 - 2020\" on the page");
    }
    Element titleElement = title(doc);
    if (titleElement == null) {
      return failed(links, location, Kind.TITLE_NOT_FOUND, "the title selector matches no text");
    }
    List<Element> sourceAnchors = new ArrayList<>();
    URI original = sourceLink(doc, publicUrl, sourceAnchors);
    Publication credited =
        publication != null
            ? publication
            : withHomePage(found.attribution.publication(), found, original);
    Instant published = date(doc, credited.zone());
    if (publicUrl == null && original == null) {
      return failed(
          links,
          location,
          Kind.NO_LINK,
          "the page has no public http(s) URL (set publicUrl for pages read from files) and no"
              + " http(s) source link");
    }
    URI picture = image(doc, publicUrl);
    String language = language(doc, found.line);
    String content = body(doc, publicUrl, titleElement, found.owner, sourceAnchors);

    Article.Builder article =
        Article.builder()
            .title(Upstream.text(titleText(titleElement)))
            .publication(credited)
            .language(language);
    if (published != null) {
      article.published(published);
    } else {
      article.published(found.attribution.date());
    }
    try {
      if (publicUrl != null) {
        article.link(publicUrl.toString()).baseUri(publicUrl.toString());
      }
      if (original != null) {
        article.sourceLink(original.toString());
      }
      if (picture != null) {
        article.image(Enclosure.of(picture.toString()));
      }
      return new Scraped(links, article.contentHtml(content).build(), null);
    } catch (InvalidValueException e) {
      return new Scraped(
          links,
          null,
          new PageFailureException(
              sourceId, location, Kind.INVALID_ARTICLE, -1, e.getMessage(), e));
    }
  }

  private Scraped failed(List<URI> links, URI location, Kind kind, String detail) {
    return new Scraped(
        links, null, new PageFailureException(sourceId, location, kind, -1, detail, null));
  }

  /** Returns the first element of the title selector with text, or {@code null}. */
  private @Nullable Element title(Document doc) {
    for (Evaluator alternative : title) {
      for (Element e : doc.select(alternative)) {
        if (!titleText(e).isEmpty()) {
          return e;
        }
      }
    }
    return null;
  }

  /** The title as the HTML fragment an article takes: the page's text, escaped to stay text. */
  private static String titleText(Element e) {
    return Html.escape((e.nameIs("meta") ? e.attr("content") : e.text()).strip());
  }

  /** Returns the pages the listing selector links to, in document order, each once. */
  private List<URI> links(Document doc, URI location) {
    if (listing == null) {
      return List.of();
    }
    Set<URI> links = new LinkedHashSet<>();
    for (Element e : doc.select(listing)) {
      if (e.hasAttr("href")) {
        URI link = PageUrls.page(location, e.attr("href"));
        if (link != null) {
          links.add(link);
        }
      }
    }
    return List.copyOf(links);
  }

  /** The attribution line found on a page, and the element that holds it. */
  private record Found(Attribution attribution, Element owner, String line) {}

  /**
   * Finds the attribution line: in the elements the profile's selector matches, else in any short
   * line of the page's text.
   */
  private @Nullable Found attribution(Document doc) {
    for (Evaluator alternative : attribution) {
      for (Element e : doc.select(alternative)) {
        String text = e.text();
        Optional<Attribution> parsed = Attribution.parse(text, zone);
        if (parsed.isPresent()) {
          return new Found(parsed.get(), e, text);
        }
      }
    }
    for (PageLines.Line line : PageLines.of(doc)) {
      if (line.text().length() <= PageLines.LINE_LIMIT) {
        Optional<Attribution> parsed = Attribution.parse(line.text(), zone);
        if (parsed.isPresent()) {
          return new Found(parsed.get(), line.owner(), line.text());
        }
      }
    }
    return null;
  }

  /**
   * Gives a publication read from a line a home page: the link on its name in the line, as in
   * "Publié dans {@code <a href="https://www.2m.ma/fr/">2M</a>} le 04 - 06 - 2020", else the root
   * of the source link's site.
   */
  private static Publication withHomePage(Publication read, Found found, @Nullable URI original) {
    for (Element a : found.owner.select("a[href]")) {
      if (a.text().strip().equalsIgnoreCase(read.name())) {
        URI home = PageUrls.web(null, a.attr("href"));
        if (home != null) {
          return read.toBuilder().url(home.toString()).build();
        }
      }
    }
    if (original != null) {
      return read.toBuilder().url(original.resolve("/").toString()).build();
    }
    return read;
  }

  /**
   * Reads the date selector: the first ISO date or date-time it gives, or {@code null}. A date
   * without time is placed at {@link Attribution#DATE_ONLY_TIME} in the zone, a date-time without
   * offset in the zone.
   */
  private @Nullable Instant date(Document doc, ZoneId publicationZone) {
    for (Evaluator alternative : date) {
      for (Element e : doc.select(alternative)) {
        for (String text : List.of(e.attr("datetime"), e.attr("content"), e.text())) {
          Instant parsed = isoDate(text.strip(), publicationZone);
          if (parsed != null) {
            return parsed;
          }
        }
      }
    }
    return null;
  }

  /** Parses an ISO date, or a date-time with or without offset, as {@link #date} says. */
  static @Nullable Instant isoDate(String text, ZoneId zone) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atTime(Attribution.DATE_ONLY_TIME).atZone(zone).toInstant();
      }
      String s =
          text.length() > 10 && text.charAt(10) == ' '
              ? text.substring(0, 10) + 'T' + text.substring(11)
              : text;
      TemporalAccessor parsed =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime odt) {
        return odt.toInstant();
      }
      return ((LocalDateTime) parsed).atZone(zone).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * Returns the first source link that is http(s), and collects every element the selector matched,
   * to remove them from the body.
   */
  private @Nullable URI sourceLink(Document doc, @Nullable URI base, List<Element> matched) {
    URI found = null;
    for (Evaluator alternative : sourceLink) {
      for (Element e : doc.select(alternative)) {
        matched.add(e);
        if (found == null && e.hasAttr("href")) {
          found = PageUrls.web(base, e.attr("href"));
        }
      }
    }
    return found;
  }

  private @Nullable URI image(Document doc, @Nullable URI base) {
    for (Evaluator alternative : image) {
      for (Element e : doc.select(alternative)) {
        String value = value(e).strip();
        if (!value.isEmpty()) {
          URI url = PageUrls.web(base, value);
          if (url != null) {
            return url;
          }
        }
      }
    }
    return null;
  }

  /** Returns the page's {@code <html lang>}, else the language of its attribution line. */
  private static @Nullable String language(Document doc, String line) {
    Element html = doc.selectFirst("html");
    String declared = html == null ? "" : html.attr("lang").strip().replace('_', '-');
    if (!declared.isEmpty()) {
      try {
        Locale locale = new Locale.Builder().setLanguageTag(declared).build();
        if (!locale.getLanguage().isEmpty()) {
          return locale.toLanguageTag();
        }
      } catch (IllformedLocaleException e) {
        // not a tag: fall back to the line's language
      }
    }
    return PageLines.language(line);
  }

  /**
   * Returns the body's HTML: the body selector's elements, else the paragraphs between the
   * attribution line and the source link; the title, the line and the source link removed, URLs
   * made absolute against the public URL (dropped when they cannot be), event handlers removed.
   */
  private @Nullable String body(
      Document doc,
      @Nullable URI base,
      Element titleElement,
      Element attributionOwner,
      List<Element> sourceAnchors) {
    List<Element> parts = body == null ? List.of() : doc.select(body);
    if (parts.isEmpty()) {
      parts = following(doc, attributionOwner, sourceAnchors);
    }
    // the title and the line go, unless the profile's selectors make them hold the body
    if (!holdsAny(titleElement, parts)) {
      titleElement.remove();
    }
    if (attributionOwner != doc.body()
        && attributionOwner != doc.selectFirst("html")
        && attributionOwner.text().length() <= 2 * PageLines.LINE_LIMIT
        && !holdsAny(attributionOwner, parts)) {
      attributionOwner.remove();
    }
    for (Element anchor : sourceAnchors) {
      Element parent = anchor.parent();
      anchor.remove();
      if (parent != null
          && parent != doc.body()
          && parent.text().isBlank()
          && parent.selectFirst("img") == null) {
        parent.remove();
      }
    }
    Set<Element> chosen = Collections.newSetFromMap(new IdentityHashMap<>());
    chosen.addAll(parts);
    StringBuilder html = new StringBuilder();
    doc.outputSettings().prettyPrint(false);
    for (Element part : parts) {
      if (!attached(part, doc) || nestedIn(part, chosen)) {
        continue;
      }
      if (part.text().isBlank() && part.selectFirst("img") == null) {
        continue;
      }
      rewrite(part, base);
      if (html.length() > 0) {
        html.append('\n');
      }
      html.append(part.outerHtml());
    }
    return html.length() == 0 ? null : html.toString();
  }

  /**
   * Returns the paragraphs that follow the attribution line in document order, outside it, and come
   * before the first source link that follows it.
   */
  private static List<Element> following(
      Document doc, Element attributionOwner, List<Element> sourceAnchors) {
    Map<Element, Integer> order = new IdentityHashMap<>();
    int index = 0;
    for (Element e : doc.getAllElements()) {
      order.put(e, index++);
    }
    int after = order.getOrDefault(attributionOwner, -1);
    int before = Integer.MAX_VALUE;
    for (Element anchor : sourceAnchors) {
      int at = order.getOrDefault(anchor, Integer.MAX_VALUE);
      if (at > after && at < before) {
        before = at;
      }
    }
    List<Element> paragraphs = new ArrayList<>();
    for (Element p : doc.select(PARAGRAPH)) {
      int at = order.getOrDefault(p, -1);
      if (at > after && at < before && !inside(p, attributionOwner)) {
        paragraphs.add(p);
      }
    }
    return paragraphs;
  }

  private static boolean inside(Element element, Element ancestor) {
    for (Element e = element; e != null; e = e.parent()) {
      if (e == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether an element holds one of the elements, not counting itself. */
  private static boolean holdsAny(Element ancestor, List<Element> elements) {
    for (Element e : elements) {
      if (e != ancestor && inside(e, ancestor)) {
        return true;
      }
    }
    return false;
  }

  private static boolean attached(Element element, Document doc) {
    return element.ownerDocument() == doc && inside(element, doc);
  }

  private static boolean nestedIn(Element element, Set<Element> chosen) {
    for (Element e = element.parent(); e != null; e = e.parent()) {
      if (chosen.contains(e)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Makes the URLs of a body part absolute http(s) (dropping the others: {@code javascript:},
   * {@code data:}, relative ones without a base), takes a lazy image's {@code data-src} as its
   * {@code src}, and drops event handlers and {@code srcset}.
   */
  private static void rewrite(Element part, @Nullable URI base) {
    for (Element e : part.getAllElements()) {
      if (e.nameIs("img") && !e.hasAttr("src") && e.hasAttr("data-src")) {
        e.attr("src", e.attr("data-src"));
      }
      List<String> drop = new ArrayList<>();
      for (Attribute attribute : e.attributes()) {
        String key = attribute.getKey().toLowerCase(Locale.ROOT);
        if (key.startsWith("on") || key.equals("srcset") || key.equals("style")) {
          drop.add(attribute.getKey());
        } else if (URL_ATTRIBUTES.contains(key)) {
          URI url = PageUrls.web(base, attribute.getValue());
          if (url == null) {
            drop.add(attribute.getKey());
          } else {
            attribute.setValue(url.toString());
          }
        }
      }
      for (String key : drop) {
        e.removeAttr(key);
      }
    }
  }

  /** Returns an element's value: see {@link PageProfile}. */
  private static String value(Element e) {
    return switch (e.normalName()) {
      case "meta" -> e.attr("content");
      case "time" -> e.hasAttr("datetime") ? e.attr("datetime") : e.text();
      case "a", "link", "area" -> e.attr("href");
      case "img" -> e.hasAttr("src") ? e.attr("src") : e.attr("data-src");
      default -> e.text();
    };
  }

  private static @Nullable Evaluator compile(@Nullable String selector) {
    return selector == null ? null : QueryParser.parse(selector);
  }

  /** Splits a selector group at its top-level commas, each alternative compiled. */
  static List<Evaluator> alternatives(@Nullable String selector) {
    if (selector == null) {
      return List.of();
    }
    List<Evaluator> out = new ArrayList<>();
    int parens = 0;
    int brackets = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\\') {
        i++;
      } else if ((c == '"' || c == '\'') && parens == 0) {
        quote = c; // in parentheses no comma splits, so quotes matter only outside them
      } else if (c == '(') {
        parens++;
      } else if (c == ')') {
        parens--;
      } else if (c == '[') {
        brackets++;
      } else if (c == ']') {
        brackets--;
      } else if (c == ',' && parens == 0 && brackets == 0) {
        add(out, selector.substring(start, i));
        start = i + 1;
      }
    }
    add(out, selector.substring(start));
    return List.copyOf(out);
  }

  private static void add(List<Evaluator> out, String alternative) {
    if (!alternative.isBlank()) {
      out.add(QueryParser.parse(alternative.strip()));
    }
  }
}
