package org.republisher.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.AttributionText;
import org.republisher.internal.Dates;
import org.republisher.internal.Html;
import org.republisher.internal.Normalizer;
import org.republisher.internal.Text;
import org.republisher.internal.Urls;
import org.republisher.model.Article;
import org.republisher.model.Attribution;
import org.republisher.model.Author;
import org.republisher.model.Enclosure;
import org.republisher.model.Publication;

/**
 * Reads the JSON object of one record into an article, repairing what a rule can repair and
 * telling the {@code repairs} consumer, one sentence each ({@code field problem: "value";
 * repair}). The rules are {@link JsonLinesRecords}'; only a record with nothing to publish (no
 * text and no link of any kind), or that is not one JSON object, is refused. One per input, one
 * thread: it remembers the publications and unknown field names it met.
 */
final class RecordReader {
  /** How many distinct publications are kept for reuse per input, at most. */
  private static final int MAX_PUBLICATIONS_KEPT = 1024;

  /** How many distinct unknown field names are reported per input, at most. */
  private static final int UNKNOWN_NAMES_REPORTED = 100;

  private final Set<String> unknownNames = new HashSet<>();
  private final Map<List<Object>, Publication> publications = new HashMap<>();
  private Consumer<String> repairs = message -> {};

  /**
   * Reads a record, the parser before its first token.
   *
   * @param repairs receives each repair made to this record
   * @throws InvalidValueException when the line is not one JSON object, or the record has no text
   *     and no link of any kind
   */
  Article read(JsonParser p, Consumer<String> repairs) throws IOException {
    this.repairs = repairs;
    try {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidValueException("record", null, "is not a JSON object");
      }
      Fields f = new Fields();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (p.currentToken() != JsonToken.VALUE_NULL) {
          field(p, name, f);
        }
      }
      if (p.nextToken() != null) {
        throw new InvalidValueException("record", null, "is followed by more JSON on its line");
      }
      return article(f);
    } catch (JsonProcessingException e) {
      throw new InvalidValueException(
          "record",
          null,
          "is not valid JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr()),
          e);
    }
  }

  // reading: every value of a type the format does not expect is repaired or left out, never fatal

  /** The values of one record, as read, before they are checked together. */
  private static final class Fields {
    @Nullable String id;
    @Nullable String title;
    @Nullable String link;
    @Nullable String sourceLink;
    boolean publicationObject;
    @Nullable String publicationName;
    @Nullable String publicationUrl;
    @Nullable String publicationFeedUrl;
    @Nullable String publicationLanguage;
    @Nullable String publicationZone;
    @Nullable String published;
    @Nullable String updated;
    @Nullable String language;
    final List<RawAuthor> authors = new ArrayList<>();
    final List<String> categories = new ArrayList<>();
    @Nullable String summary;
    @Nullable String contentHtml;
    @Nullable String imageUrl;
    @Nullable String imageType;
    @Nullable String imageLength;
    @Nullable String baseUri;
    @Nullable String attribution;
  }

  /** An author as read; any part may be missing. */
  private record RawAuthor(@Nullable String name, @Nullable String email, @Nullable String url) {}

  /** Reads the value of one top-level field, the parser on its first token. */
  private void field(JsonParser p, String name, Fields f) throws IOException {
    switch (name) {
      case "id" -> f.id = text(p, name);
      case "title" -> f.title = text(p, name);
      case "link" -> f.link = text(p, name);
      case "sourceLink" -> f.sourceLink = text(p, name);
      case "publication" -> publication(p, f);
      case "published" -> f.published = text(p, name);
      case "updated" -> f.updated = text(p, name);
      case "language" -> f.language = text(p, name);
      case "authors" -> authors(p, f.authors);
      case "categories" -> {
        if (p.currentToken() == JsonToken.START_ARRAY) {
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            String category = text(p, "categories[" + i++ + "]");
            if (category != null) {
              f.categories.add(category);
            }
          }
        } else {
          String one = text(p, name, "is not an array", "taken as the one category");
          if (one != null) {
            f.categories.add(one);
          }
        }
      }
      case "summary" -> f.summary = text(p, name);
      case "contentHtml" -> f.contentHtml = text(p, name);
      case "image" -> image(p, f);
      case "baseUri" -> f.baseUri = text(p, name);
      case "attribution" -> f.attribution = text(p, name);
      default -> unknown(p, name);
    }
  }

  private void publication(JsonParser p, Fields f) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      f.publicationName = text(p, "publication", "is not an object", "taken as the name");
      return;
    }
    f.publicationObject = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      String field = "publication." + name;
      if (p.nextToken() == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "name" -> f.publicationName = text(p, field);
        case "url" -> f.publicationUrl = text(p, field);
        case "feedUrl" -> f.publicationFeedUrl = text(p, field);
        case "language" -> f.publicationLanguage = text(p, field);
        case "zone" -> f.publicationZone = text(p, field);
        default -> unknown(p, field);
      }
    }
  }

  private void authors(JsonParser p, List<RawAuthor> authors) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      String one = text(p, "authors", "is not an array", "taken as the one author");
      if (one != null) {
        authors.add(new RawAuthor(one, null, null));
      }
      return;
    }
    int i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String field = "authors[" + i++ + "]";
      if (p.currentToken() != JsonToken.START_OBJECT) {
        String name = text(p, field, "is neither a string nor an object", "its text is taken");
        if (name != null) {
          authors.add(new RawAuthor(name, null, null));
        }
        continue;
      }
      String name = null;
      String email = null;
      String url = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        String part = field + "." + key;
        if (p.nextToken() == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (key) {
          case "name" -> name = text(p, part);
          case "email" -> email = text(p, part);
          case "url" -> url = text(p, part);
          default -> unknown(p, "authors." + key);
        }
      }
      authors.add(new RawAuthor(name, email, url));
    }
  }

  private void image(JsonParser p, Fields f) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      f.imageUrl = text(p, "image", "is neither a string nor an object", "its text is taken");
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      String field = "image." + key;
      if (p.nextToken() == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (key) {
        case "url" -> f.imageUrl = text(p, field);
        case "type" -> f.imageType = text(p, field);
        case "length" -> f.imageLength = p.currentToken().isNumeric() ? p.getText() : text(p, field);
        default -> unknown(p, field);
      }
    }
  }

  /** Skips the value of a field this format does not define, and reports its name once. */
  private void unknown(JsonParser p, String field) throws IOException {
    p.skipChildren();
    if (unknownNames.size() < UNKNOWN_NAMES_REPORTED && unknownNames.add(field)) {
      repairs.accept(
          "unknown field \"" + Text.forLog(field) + "\" ignored (not reported again for this file)");
    }
  }

  /** A string value; a number or boolean gives its text, an object or array is left out. */
  private @Nullable String text(JsonParser p, String field) throws IOException {
    return text(p, field, "is not a string", "its text is taken");
  }

  private @Nullable String text(JsonParser p, String field, String problem, String scalarRepair)
      throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      // in a list (a field set to null is skipped before): nothing, not the text "null"
      repair(field, "null", "is null", "dropped");
      return null;
    }
    if (t.isScalarValue()) {
      if (!(field.equals("id") && t == JsonToken.VALUE_NUMBER_INT)) { // an integer id is an id
        repair(field, p.getText(), problem, scalarRepair);
      }
      return p.getText();
    }
    repair(field, t == JsonToken.START_OBJECT ? "{…}" : "[…]", problem, "ignored");
    p.skipChildren();
    return null;
  }

  // checking: each field on its own, a bad value left out or repaired by its rule

  private Article article(Fields f) {
    Attribution credit = null;
    if (f.attribution != null) {
      try {
        credit = Attribution.of(f.attribution);
      } catch (InvalidValueException e) {
        repair(e, "ignored");
      }
    }
    Publication publication = publication(f, credit);
    InvalidValueException linkProblem = null;
    URI link = null;
    URI sourceLink = null;
    try {
      link = link("link", f.link);
    } catch (InvalidValueException e) {
      linkProblem = e;
      repair(e, f.sourceLink != null ? "ignored: the source link stands alone" : "ignored");
    }
    try {
      sourceLink = link("sourceLink", f.sourceLink);
    } catch (InvalidValueException e) {
      linkProblem = linkProblem != null ? linkProblem : e;
      repair(e, "ignored");
    }
    if (link == null && sourceLink == null) {
      URI home = publication == null ? null : or(publication.url(), publication.feedUrl());
      if (home != null) {
        sourceLink = home;
        repairs.accept(
            "link is missing, and so is sourceLink; the publication's home page stands in: "
                + home);
      } else if (!hasText(f)) {
        // nothing left to publish: no title text and no link of any kind
        if (linkProblem != null) {
          throw linkProblem;
        }
        throw new InvalidValueException(
            "link", null, "is missing, and so are sourceLink, a publication URL and any text");
      } else {
        repairs.accept(
            "link is missing, and so are sourceLink and a publication URL; the feed's site will"
                + " stand in");
      }
    }
    URI shown = link != null ? link : sourceLink;

    Article.Builder b = Article.builder().publication(publication);
    if (f.id != null && f.id.isBlank()) {
      repair("id", f.id, "is blank", "derived from the link");
    } else {
      b.id(f.id);
    }
    b.title(title(f, shown));
    if (link != null) {
      b.link(link.toString());
    }
    if (sourceLink != null) {
      b.sourceLink(sourceLink.toString());
    }
    ZoneId zone = publication == null ? Publication.DEFAULT_ZONE : publication.zone();
    Instant published = date("published", f.published, zone);
    if (published != null) {
      b.published(published);
    } else if (credit != null) {
      b.published(credit.date());
    }
    // an article with no date at all is dated when first seen, by the writer: no defect of a field
    b.updated(date("updated", f.updated, zone));
    authors(f.authors, b);
    categories(f.categories, b);
    b.summary(f.summary).contentHtml(f.contentHtml).image(image(f));
    URI base = absolute("baseUri", f.baseUri);
    if (base != null) {
      b.baseUri(base.toString());
    }
    String language = language("language", f.language);
    b.language(language);
    return b.build(); // every field was checked on its own: nothing is left to refuse
  }

  /**
   * The title, else the start of the summary, else of the content's text, else the link; as an
   * HTML fragment, as the article takes it.
   */
  /** True when the record has text to publish: a title, a summary or content with text. */
  private static boolean hasText(Fields f) {
    return (f.title != null && !Text.plain(f.title).isEmpty())
        || (f.summary != null && !Text.plain(f.summary).isEmpty())
        || (f.contentHtml != null && !Text.plain(f.contentHtml).isEmpty());
  }

  private String title(Fields f, @Nullable URI shown) {
    if (f.title != null && !Text.plain(f.title).isEmpty()) {
      return f.title;
    }
    String problem = f.title == null ? "is missing" : "has no text";
    String text = f.summary == null ? "" : Text.plain(f.summary);
    String from = "the start of the summary";
    if (text.isEmpty() && f.contentHtml != null) {
      text = Text.plain(f.contentHtml);
      from = "the start of the content";
    }
    if (text.isEmpty()) {
      repair("title", f.title, problem, "the link stands in");
      return Html.escape(String.valueOf(shown)); // not null: a record with no text has a link
    }
    repair("title", f.title, problem, from + " stands in");
    return Html.escape(Text.truncate(text, Normalizer.DERIVED_TITLE_LENGTH));
  }

  /**
   * A link, repaired as {@link Urls#link(String, String)} repairs it; the repair of a text that was
   * not a URI (spaces, a host in another script) is reported.
   *
   * @throws InvalidValueException when no rule makes it an http(s) URL
   */
  private @Nullable URI link(String field, @Nullable String text) {
    if (text == null) {
      return null;
    }
    URI uri = Urls.link(field, text);
    String written = Text.stripForbidden(text).strip();
    if (!isUri(written)) {
      repair(field, text, "is not a URI", "converted to " + uri.toASCIIString());
    }
    return uri;
  }

  private static boolean isUri(String text) {
    try {
      URI uri = new URI(text);
      return uri.getRawAuthority() == null || uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** An absolute http(s) URL, or {@code null} (reported) when the text is not one. */
  private @Nullable URI absolute(String field, @Nullable String text) {
    try {
      URI uri = link(field, text);
      if (uri != null && !uri.isAbsolute()) {
        repair(field, text, "is not an absolute http(s) URL", "ignored");
        return null;
      }
      return uri;
    } catch (InvalidValueException e) {
      repair(e, "ignored");
      return null;
    }
  }

  /** A BCP 47 tag, or {@code null} (reported) when the text is not one. */
  private @Nullable String language(String field, @Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      Locale locale = new Locale.Builder().setLanguageTag(text.strip().replace('_', '-')).build();
      if (!locale.getLanguage().isEmpty()) {
        return text;
      }
    } catch (java.util.IllformedLocaleException e) {
      // reported below
    }
    repair(field, text, "is not a BCP 47 language tag", "ignored");
    return null;
  }

  /**
   * Merges the publication field with the attribution's name; null when there is neither, or it
   * has no name at all. The same publication on many lines is built once (performance, issue #4).
   */
  private @Nullable Publication publication(Fields f, @Nullable Attribution credit) {
    URI url = absolute("publication.url", f.publicationUrl);
    URI feedUrl = absolute("publication.feedUrl", f.publicationFeedUrl);
    String language = language("publication.language", f.publicationLanguage);
    ZoneId zone = null;
    if (f.publicationZone != null) {
      try {
        zone = ZoneId.of(f.publicationZone.strip());
      } catch (DateTimeException e) {
        repair("publication.zone", f.publicationZone, "is not a time-zone id", "the default zone");
      }
    }
    String name = f.publicationName;
    if (name != null && Text.plain(name).isEmpty()) {
      repair("publication.name", name, "has no text", "ignored");
      name = null;
    }
    if (name == null && credit != null) {
      name = credit.publication().name();
    }
    if (name == null && f.publicationObject) {
      URI home = or(url, feedUrl);
      if (home == null) {
        repair("publication.name", null, "is missing, and so is its url", "publication ignored");
        return null;
      }
      name = home.getHost();
      repair("publication.name", null, "is missing", "its host stands in: " + name);
    }
    if (name == null) {
      return null;
    }
    List<Object> key = Arrays.asList(name, url, feedUrl, language, zone);
    Publication known = publications.get(key);
    if (known != null) {
      return known;
    }
    Publication.Builder p = Publication.builder(name);
    if (url != null) {
      p.url(url.toString());
    }
    if (feedUrl != null) {
      p.feedUrl(feedUrl.toString());
    }
    if (language != null) {
      p.language(language);
    }
    if (zone != null) {
      p.zone(zone);
    }
    Publication built = p.build();
    if (publications.size() >= MAX_PUBLICATIONS_KEPT) {
      publications.clear();
    }
    publications.put(key, built);
    return built;
  }

  /**
   * An instant: an ISO date (noon in the zone), date-time with offset, or local date-time in the
   * zone; else a date in the forms of an attribution line, day first ("04/06/2020", "21 mars
   * 2026"); else {@code null}, reported.
   */
  private @Nullable Instant date(String field, @Nullable String text, ZoneId zone) {
    if (text == null) {
      return null;
    }
    try {
      return instant(iso(text), zone);
    } catch (DateTimeParseException e) {
      // the other forms below
    }
    try {
      Optional<LocalDate> day = AttributionText.date(text);
      if (day.isPresent()) {
        repair(field, text, "is not an ISO date", "read day first as " + day.get());
        return instant(day.get(), zone);
      }
      repair(field, text, "is not a date", "ignored");
    } catch (DateTimeException e) {
      repair(field, text, "is a day that does not exist", "ignored");
    }
    return null;
  }

  /**
   * Parses an ISO date ({@link LocalDate}), date-time with offset ({@link Instant}) or without
   * ({@link LocalDateTime}); a space may stand for the {@code T}.
   *
   * @throws DateTimeParseException when it is none of them
   */
  static TemporalAccessor iso(String text) {
    String s = text.strip();
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    Instant fast = Dates.parseInstant(s);
    if (fast != null) {
      return fast;
    }
    if (s.length() == 10) {
      return LocalDate.parse(s);
    }
    TemporalAccessor parsed =
        DateTimeFormatter.ISO_DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
    return parsed instanceof OffsetDateTime odt ? odt.toInstant() : parsed;
  }

  /** Turns an instant or a local date-time in a zone into an instant; a date goes to noon. */
  private static Instant instant(TemporalAccessor date, ZoneId zone) {
    if (date instanceof Instant instant) {
      return instant;
    }
    if (date instanceof LocalDate day) {
      return day.atTime(Attribution.DATE_ONLY_TIME).atZone(zone).toInstant();
    }
    return ((LocalDateTime) date).atZone(zone).toInstant();
  }

  /** Authors without blank or repeated names; a bad email or URL is left out, the name kept. */
  private void authors(List<RawAuthor> authors, Article.Builder b) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < authors.size(); i++) {
      RawAuthor raw = authors.get(i);
      String field = "authors[" + i + "]";
      String name = raw.name() == null ? "" : Text.plain(raw.name());
      if (name.isEmpty()) {
        repair(field, raw.name(), raw.name() == null ? "has no name" : "is blank", "dropped");
        continue;
      }
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        repair(field, raw.name(), "is a duplicate", "dropped");
        continue;
      }
      String email = raw.email();
      if (email != null && (email.indexOf('@') < 1 || email.strip().length() != email.length())) {
        repair(field + ".email", email, "is not an email address", "left out");
        email = null;
      }
      URI url = absolute(field + ".url", raw.url());
      b.author(new Author(raw.name(), email, url));
    }
  }

  /** Categories without blank or repeated ones. */
  private void categories(List<String> categories, Article.Builder b) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < categories.size(); i++) {
      String category = categories.get(i);
      String text = Text.plain(category);
      if (text.isEmpty()) {
        repair("categories[" + i + "]", category, "is blank", "dropped");
      } else if (!seen.add(text.toLowerCase(Locale.ROOT))) {
        repair("categories[" + i + "]", category, "is a duplicate", "dropped");
      } else {
        b.categories(category);
      }
    }
  }

  /** The image, or {@code null} (reported) when its URL is not usable; a bad type or length is left out. */
  private @Nullable Enclosure image(Fields f) {
    if (f.imageUrl == null) {
      if (f.imageType != null || f.imageLength != null) {
        repair("image.url", null, "is missing", "image ignored");
      }
      return null;
    }
    URI url;
    try {
      url = link("image.url", f.imageUrl);
    } catch (InvalidValueException e) {
      repair(e, "image ignored");
      return null;
    }
    String type = f.imageType;
    if (type != null && (type.indexOf('/') < 1 || type.isBlank())) {
      repair("image.type", type, "is not a media type", "guessed from the URL");
      type = null;
    }
    long length = -1;
    if (f.imageLength != null) {
      try {
        length = Long.parseLong(f.imageLength.strip());
      } catch (NumberFormatException e) {
        length = -2;
      }
      if (length < 0) {
        repair("image.length", f.imageLength, "is not a whole number of bytes", "unknown");
        length = -1;
      }
    }
    return new Enclosure(url, type == null ? null : type.strip(), length);
  }

  private void repair(InvalidValueException problem, String repair) {
    repairs.accept(problem.getMessage() + "; " + repair);
  }

  private void repair(String field, @Nullable Object value, String problem, String repair) {
    repairs.accept(
        field
            + " "
            + problem
            + (value == null ? "" : ": \"" + Text.forLog(value) + "\"")
            + "; "
            + repair);
  }

  private static @Nullable URI or(@Nullable URI first, @Nullable URI second) {
    return first != null ? first : second;
  }
}
