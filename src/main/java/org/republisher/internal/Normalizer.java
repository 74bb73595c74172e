package org.republisher.internal;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidArticleException;
import org.republisher.InvalidValueException;
import org.republisher.model.Article;
import org.republisher.model.Attribution;
import org.republisher.model.Author;
import org.republisher.model.Enclosure;
import org.republisher.model.Publication;
import org.republisher.normalize.AttributionTemplate;
import org.republisher.normalize.ContentPolicy;

/**
 * Turns an article as given into a {@link NormalizedArticle}, once, for every format. Immutable and
 * thread-safe. The rules are listed on {@code FeedWriter}.
 */
public final class Normalizer {
  private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

  /** The longest title taken from an article's text when its own has none: 120 characters. */
  public static final int DERIVED_TITLE_LENGTH = 120;
  private static final Set<String> RTL_LANGUAGES =
      Set.of("ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi");

  private final Clock clock;
  private final ContentPolicy policy;
  private final AttributionTemplate template;

  public Normalizer(Clock clock, ContentPolicy policy, AttributionTemplate template) {
    this.clock = requireNonNull(clock, "clock");
    this.policy = requireNonNull(policy, "policy");
    this.template = requireNonNull(template, "template");
  }

  /**
   * Normalizes one article.
   *
   * @throws InvalidArticleException naming the article and field when no rule can repair it
   */
  public NormalizedArticle normalize(Article article) {
    try {
      return normalizeOrThrow(article);
    } catch (InvalidArticleException e) {
      throw e;
    } catch (InvalidValueException e) {
      throw new InvalidArticleException(article.id(), e);
    }
  }

  private NormalizedArticle normalizeOrThrow(Article a) {
    URI base = base(a);
    URI link = a.link() == null ? null : Urls.resolve(base, a.link());
    URI sourceLink = a.sourceLink() == null ? null : Urls.resolve(base, a.sourceLink());
    if (link == null && sourceLink == null && (a.link() != null || a.sourceLink() != null)) {
      URI relative = a.link() != null ? a.link() : a.sourceLink();
      throw new InvalidValueException(
          a.link() != null ? "link" : "sourceLink",
          relative,
          "is relative and the article has no base URL");
    }
    // an article with no link at all: the writers give it the feed's site as its link
    URI shown = link != null ? link : sourceLink;
    String shownLink = shown == null ? null : shown.toASCIIString();

    String id = Text.stripForbidden(a.id()).strip();
    if (id.isEmpty()) {
      // an id of control characters only: the link, as when none is given, else a name-based one
      id = shownLink != null ? shownLink : a.toBuilder().id(null).build().id();
    }

    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant published = plausible(a.published());
    Instant given = plausible(a.updated());
    if (published == null) {
      // undated (or dated before 1990, a parse artefact): first seen now
      published = given != null ? given : now;
    }
    published = published.truncatedTo(ChronoUnit.SECONDS);
    if (published.isAfter(now)) {
      published = now;
    }
    Instant updated =
        given == null || given.isBefore(published) ? published : given.truncatedTo(ChronoUnit.SECONDS);
    if (updated.isAfter(now)) {
      updated = now;
    }

    String title = Text.truncate(Text.plain(a.title()), policy.maxTitleLength());
    String summary = a.summary() == null ? "" : Text.plain(a.summary());
    String contentHtml = "";
    String contentText = "";
    if (a.contentHtml() != null) {
      String raw = a.contentHtml();
      if (raw.length() > policy.maxContentLength()) {
        int cut = policy.maxContentLength();
        if (Character.isHighSurrogate(raw.charAt(cut - 1))) {
          cut--;
        }
        raw = raw.substring(0, cut);
      }
      // the content's text is kept only for a summary or a title, and only as far as they need
      // (issue #4)
      int textLimit =
          summary.isEmpty() || title.isEmpty()
              ? Math.max(policy.maxSummaryLength(), DERIVED_TITLE_LENGTH)
              : -1;
      Html.Clean clean = Html.clean(raw, base == null ? null : base.toString(), textLimit);
      contentHtml = clean.html();
      if (textLimit >= 0) {
        contentText = clean.text();
      }
    }
    if (title.isEmpty()) {
      // a title of markup only: the start of the article's text, else its link
      String text = !summary.isEmpty() ? summary : contentText;
      if (text.isEmpty() && shownLink == null) {
        throw new InvalidValueException(
            "title", a.title(), "has no text, and the article has no text or link to stand in");
      }
      title = text.isEmpty() ? shownLink : Text.truncate(text, DERIVED_TITLE_LENGTH);
    }
    if (summary.isEmpty()) {
      summary = contentText;
    }
    summary = summary.isEmpty() ? null : Text.truncate(summary, policy.maxSummaryLength());

    String language = a.effectiveLanguage();
    boolean rtl = language != null ? isRtlLanguage(language) : startsRightToLeft(title);

    Publication publication = a.publication();
    if (publication == null) {
      publication = hostOf(sourceLink);
    } else if (publication.url() == null && publication.feedUrl() == null) {
      Publication host = hostOf(sourceLink);
      if (host != null) {
        publication = publication.toBuilder().url(host.url().toString()).build();
      }
    }
    NormalizedArticle.Source source = null;
    Attribution attribution = null;
    String name = null;
    if (publication != null) {
      name = Text.truncate(Text.plain(publication.name()), policy.maxTitleLength());
      if (name.isEmpty()) {
        // a name of markup only: the publication is credited by its source link's host
        Publication host = hostOf(sourceLink);
        name = host == null ? null : host.name();
      }
    }
    if (publication != null && name != null) {
      source =
          NormalizedArticle.Source.of(
              name,
              publication.url() == null ? null : publication.url().toASCIIString(),
              publication.feedUrl() == null ? null : publication.feedUrl().toASCIIString());
      LocalDate day = published.atZone(publication.zone()).toLocalDate();
      Publication credited =
          name.equals(publication.name())
              ? publication
              : new Publication(
                  name,
                  publication.url(),
                  publication.feedUrl(),
                  publication.language(),
                  publication.zone());
      attribution = new Attribution(credited, day, sourceLink);
    }
    if (summary == null) {
      // RSS wants a description before content:encoded: the credit line, else the title
      summary = attribution != null ? attribution.line(language) : title;
    }
    String credit = template.html(a, attribution, language);
    if (!credit.isEmpty() && template != AttributionTemplate.LOCALIZED) {
      credit = Html.clean(credit, base == null ? null : base.toString(), -1).html();
    }
    String body = contentHtml + credit;
    if (body.isEmpty()) {
      body = "<p>" + Html.escape(summary != null ? summary : title) + "</p>";
    }
    if (rtl) {
      body =
          "<div dir=\"rtl\""
              + (language == null ? "" : " lang=\"" + Html.escape(language) + "\"")
              + ">"
              + body
              + "</div>";
    }

    return new NormalizedArticle(
        id,
        atomId(id),
        title,
        shownLink,
        link != null,
        sourceLink == null ? null : sourceLink.toASCIIString(),
        source,
        published,
        updated,
        authors(a.authors()),
        categories(a.categories()),
        language,
        rtl,
        summary,
        body,
        image(a.image(), base));
  }

  /** Returns the instant, or {@code null} when there is none or it is before 1990. */
  private static @Nullable Instant plausible(@Nullable Instant instant) {
    return instant == null || instant.isBefore(EARLIEST) ? null : instant;
  }

  /** The base of relative URLs: baseUri, else the source link (content comes from there), else link. */
  private static @Nullable URI base(Article a) {
    if (a.baseUri() != null) {
      return a.baseUri();
    }
    if (a.sourceLink() != null && a.sourceLink().isAbsolute()) {
      return a.sourceLink();
    }
    if (a.link() != null && a.link().isAbsolute()) {
      return a.link();
    }
    return a.publication() == null ? null : a.publication().url();
  }

  private static @Nullable Publication hostOf(@Nullable URI sourceLink) {
    if (sourceLink == null || sourceLink.getHost() == null) {
      return null;
    }
    String home = sourceLink.getScheme() + "://" + sourceLink.getRawAuthority() + "/";
    return Publication.builder(sourceLink.getHost()).url(home).build();
  }

  /**
   * Returns the id as an Atom id: in canonical ASCII form when it is an absolute http(s), urn or
   * tag IRI, else a name-based {@code urn:uuid:} of it.
   */
  public static String atomId(String id) {
    if (Iris.isPlainCanonical(id)) {
      return id; // its canonical form already (performance, issue #4)
    }
    int colon = id.indexOf(':');
    if (colon > 0 && id.indexOf(' ') < 0) {
      try {
        URI uri = new URI(id);
        if (uri.isAbsolute() && isScheme(uri.getScheme())) {
          return Iris.canonical(uri.toASCIIString());
        }
      } catch (java.net.URISyntaxException e) {
        // not an IRI: fall through to a name-based one
      }
    }
    return "urn:uuid:" + UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isScheme(String scheme) {
    return switch (scheme.toLowerCase(Locale.ROOT)) {
      case "http", "https", "urn", "tag" -> true;
      default -> false;
    };
  }

  static boolean isRtlLanguage(String language) {
    int dash = language.indexOf('-');
    String primary = (dash < 0 ? language : language.substring(0, dash)).toLowerCase(Locale.ROOT);
    return RTL_LANGUAGES.contains(primary)
        || language.contains("-Arab")
        || language.contains("-Hebr");
  }

  /** True when the first strongly directional character of the text is right-to-left. */
  static boolean startsRightToLeft(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      byte d = Character.getDirectionality(c);
      if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
          || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
        return true;
      }
      if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
        return false;
      }
      i += Character.charCount(c);
    }
    return false;
  }

  /** Authors with a name of text, each name once (ignoring case). */
  private List<NormalizedArticle.Person> authors(List<Author> authors) {
    List<NormalizedArticle.Person> out = new ArrayList<>(authors.size());
    Set<String> seen = new HashSet<>();
    for (Author author : authors) {
      String name = Text.truncate(Text.plain(author.name()), policy.maxTitleLength());
      if (!name.isEmpty() && seen.add(name.toLowerCase(Locale.ROOT))) {
        out.add(
            new NormalizedArticle.Person(
                name, author.email(), author.url() == null ? null : author.url().toASCIIString()));
      }
    }
    return out;
  }

  /** Categories of text, each once (ignoring case). */
  private List<String> categories(List<String> categories) {
    if (categories.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(categories.size());
    Set<String> seen = new HashSet<>();
    for (String category : categories) {
      String name = Text.truncate(Text.plain(category), policy.maxTitleLength());
      if (!name.isEmpty() && seen.add(name.toLowerCase(Locale.ROOT))) {
        out.add(name);
      }
    }
    return List.copyOf(out);
  }


  private static NormalizedArticle.@Nullable Image image(@Nullable Enclosure image, @Nullable URI base) {
    if (image == null) {
      return null;
    }
    URI url = Urls.resolve(base, image.url());
    if (url == null) {
      return null;
    }
    String type = image.type() != null ? image.type() : guessType(url.getPath());
    return new NormalizedArticle.Image(url.toASCIIString(), type, image.length());
  }

  static String guessType(@Nullable String path) {
    String p = path == null ? "" : path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".png")) {
      return "image/png";
    }
    if (p.endsWith(".gif")) {
      return "image/gif";
    }
    if (p.endsWith(".webp")) {
      return "image/webp";
    }
    if (p.endsWith(".svg")) {
      return "image/svg+xml";
    }
    if (p.endsWith(".avif")) {
      return "image/avif";
    }
    return "image/jpeg";
  }
}
