package org.republisher.source;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.Urls;
import org.republisher.internal.Dates;
import org.republisher.model.Article;
import org.republisher.model.Attribution;
import org.republisher.model.Author;
import org.republisher.model.Enclosure;
import org.republisher.model.Publication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the records file: article records in JSON Lines, one article per line. This format is a
 * public contract: the examples and the command line read it, and hosts write it.
 *
 * <h2>Lines</h2>
 *
 * <ul>
 *   <li>The file is UTF-8; a byte order mark at its start is skipped. Each line ends with {@code
 *       \n} or {@code \r\n}; the last line may have no end.
 *   <li>A line that is empty or holds only spaces and tabs is skipped.
 *   <li>Every other line holds exactly one JSON object, the record of one article.
 *   <li>A line longer than {@value #MAX_LINE_LENGTH} (16 MiB; bytes when read from a file,
 *       characters when read from a {@link Reader}) is reported and skipped without being held in
 *       memory.
 * </ul>
 *
 * <h2>Fields of a record</h2>
 *
 * <pre>{@code
 * {"id": "optional-stable-id",
 *  "title": "Le Maroc plaide pour une mobilisation accrue de la coalition contre Daesh",
 *  "link": "https://revue.example/fr/2m/12345",
 *  "sourceLink": "https://www.2m.ma/fr/news/article-12345",
 *  "publication": {"name": "2M", "url": "https://www.2m.ma",
 *                  "feedUrl": "https://www.2m.ma/fr/rss.xml",
 *                  "language": "fr", "zone": "Africa/Casablanca"},
 *  "published": "2020-06-04",
 *  "updated": "2020-06-04T18:30:00+01:00",
 *  "language": "fr",
 *  "authors": ["MAP"],
 *  "categories": ["Politique", "Diplomatie"],
 *  "summary": "plain text",
 *  "contentHtml": "<p>Le ministre des Affaires étrangères…</p>",
 *  "image": "https://www.2m.ma/img/12345.jpg",
 *  "baseUri": "https://www.2m.ma/fr/news/"}
 * }</pre>
 *
 * <p>Only {@code title} and one of {@code link} and {@code sourceLink} are required. A field set to
 * {@code null} counts as absent, whatever its name. Field names are case-sensitive and appear at
 * most once in an object.
 *
 * <table>
 *   <caption>The fields</caption>
 *   <tr><th>field</th><th>JSON type</th><th>meaning</th></tr>
 *   <tr><td>{@code id}</td><td>string or integer</td><td>a stable id; derived from the source link,
 *       else the link, when absent (see {@link Article})</td></tr>
 *   <tr><td>{@code title}</td><td>string</td><td>the headline; required, not blank; markup and
 *       entities are turned into text when written</td></tr>
 *   <tr><td>{@code link}</td><td>string</td><td>the republisher's own page for the article;
 *       http(s), absolute or relative to the base</td></tr>
 *   <tr><td>{@code sourceLink}</td><td>string</td><td>the original article at its publication;
 *       http(s), absolute or relative</td></tr>
 *   <tr><td>{@code publication}</td><td>string or object</td><td>who published the original: a
 *       name, or an object with {@code name}, {@code url} (home page), {@code feedUrl},
 *       {@code language} (BCP 47) and {@code zone} (a time-zone id such as {@code
 *       Africa/Casablanca} or an offset such as {@code +01:00}; default {@link
 *       Publication#DEFAULT_ZONE}); the URLs absolute http(s)</td></tr>
 *   <tr><td>{@code published}</td><td>string</td><td>when it was first published: an ISO date
 *       ({@code 2020-06-04}, placed at {@link Attribution#DATE_ONLY_TIME noon} in the publication's
 *       zone), an ISO date-time with an offset or {@code Z} ({@code 2020-06-04T18:30:00+01:00}), or
 *       an ISO date-time without offset ({@code 2020-06-04T18:30:00}, local time in the
 *       publication's zone); a space may stand for the {@code T}, as RFC 3339 allows</td></tr>
 *   <tr><td>{@code updated}</td><td>string</td><td>when it was last changed, as
 *       {@code published}</td></tr>
 *   <tr><td>{@code language}</td><td>string</td><td>a BCP 47 tag such as {@code fr} or
 *       {@code ar-MA}; default the publication's</td></tr>
 *   <tr><td>{@code authors}</td><td>array</td><td>of names, or of objects with {@code name},
 *       {@code email} and {@code url}</td></tr>
 *   <tr><td>{@code categories}</td><td>array</td><td>of strings</td></tr>
 *   <tr><td>{@code summary}</td><td>string</td><td>plain text; derived from the content when
 *       absent</td></tr>
 *   <tr><td>{@code contentHtml}</td><td>string</td><td>the body, an HTML fragment; cleaned when
 *       written</td></tr>
 *   <tr><td>{@code image}</td><td>string or object</td><td>a URL, or an object with {@code url},
 *       {@code type} (a media type) and {@code length} (bytes); the URL may be relative</td></tr>
 *   <tr><td>{@code baseUri}</td><td>string</td><td>what relative URLs resolve against, absolute
 *       http(s); default the link, else the source link, else the publication's home page</td></tr>
 *   <tr><td>{@code attribution}</td><td>string</td><td>the line an aggregator shows under the
 *       title, such as {@code "Publié dans 2M le 04 - 06 - 2020"}, read by {@link
 *       Attribution#of(CharSequence)} (fr, es, ar, en; Western or Arabic-Indic digits)</td></tr>
 * </table>
 *
 * <p>The attribution stands in for {@code publication} and {@code published}: it gives the
 * publication's name and the day of publication. A field given beside it wins: {@code published}
 * replaces its date, and a {@code publication} name replaces its name. A {@code publication} object
 * may then leave out its name and give only what the line cannot say ({@code url}, {@code feedUrl},
 * {@code language}, {@code zone}).
 *
 * <h2>Errors</h2>
 *
 * A field this format does not define, at the top level or inside {@code publication}, {@code
 * image} or an author, is ignored and logged at WARN once per field name per file. A line that
 * cannot become an article (not JSON, not one object, a field of the wrong type, a missing title,
 * no link, a bad URL, date, language or attribution) is reported to the problem consumer as an
 * {@link InvalidRecordException} that names the file, the line and the field, and skipped: it never
 * stops the other lines. An I/O failure is thrown as an {@link UncheckedIOException} by the stream.
 *
 * <h2>Streaming</h2>
 *
 * Lines are read one at a time as the stream is consumed: a file of any number of records is never
 * held in memory. The returned streams are sequential and not thread-safe; the problem consumer is
 * called on the consuming thread, and whatever it throws stops the stream. This class is stateless
 * and thread-safe.
 */
public final class JsonLinesRecords {

  /** The longest line read, 16 MiB: in bytes from a file, in characters from a reader. */
  public static final int MAX_LINE_LENGTH = 16 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(JsonLinesRecords.class);

  /** How many distinct publications are kept for reuse per input, at most. */
  private static final int MAX_PUBLICATIONS_KEPT = 1024;

  /** How many distinct unknown field names are logged per file, at most. */
  private static final int UNKNOWN_NAMES_LOGGED = 100;

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private JsonLinesRecords() {}

  /**
   * Reads the articles of a records file, lazily. The stream holds the file open: close it, with
   * try-with-resources.
   *
   * @param file a records file, UTF-8
   * @param problems receives each rejected line, in file order; the file's name is the source
   * @return the articles of the valid lines, in file order; closing it closes the file
   * @throws IOException when the file cannot be opened
   */
  public static Stream<Article> read(Path file, Consumer<? super InvalidRecordException> problems)
      throws IOException {
    requireNonNull(problems, "problems");
    Path name = file.getFileName();
    InputStream in = Files.newInputStream(file);
    Records records =
        new Records(new ByteLines(in), name == null ? file.toString() : name.toString(), problems);
    return stream(records).onClose(records::closeUnchecked);
  }

  /**
   * Reads the articles of records given as characters, lazily.
   *
   * @param reader the records; it stays open: the caller closes it
   * @param sourceName the name problems and log lines give the records, such as a file name
   * @param problems receives each rejected line, in order
   * @return the articles of the valid lines, in order
   */
  public static Stream<Article> read(
      Reader reader, String sourceName, Consumer<? super InvalidRecordException> problems) {
    requireNonNull(sourceName, "sourceName");
    requireNonNull(problems, "problems");
    return stream(new Records(new CharLines(reader), sourceName, problems));
  }

  private static Stream<Article> stream(Iterator<Article> records) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Turns lines into articles, reporting the lines that cannot be. Not thread-safe. */
  private static final class Records implements Iterator<Article>, Closeable {
    private final Lines lines;
    private final String source;
    private final Consumer<? super InvalidRecordException> problems;
    private final Set<String> unknownNames = new HashSet<>();
    private long lineNumber;
    private @Nullable Article next;

    Records(Lines lines, String source, Consumer<? super InvalidRecordException> problems) {
      this.lines = requireNonNull(lines, "lines");
      this.source = source;
      this.problems = problems;
    }

    @Override
    public boolean hasNext() {
      try {
        while (next == null && lines.advance()) {
          lineNumber++;
          if (lines.isBlank()) {
            continue;
          }
          try {
            next = article();
          } catch (InvalidValueException e) {
            problems.accept(new InvalidRecordException(source, lineNumber, e));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(source + ":" + (lineNumber + 1) + ": " + e.getMessage(), e);
      }
      return next != null;
    }

    @Override
    public Article next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Article article = requireNonNull(next);
      next = null;
      return article;
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }

    void closeUnchecked() {
      try {
        close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Publications met in this input, by their fields. */
    private final Map<List<Object>, Publication> publications = new HashMap<>();

    /** Reads the current line as an article. */
    private Article article() {
      if (lines.isTooLong()) {
        throw new InvalidValueException(
            "line", null, "is longer than " + MAX_LINE_LENGTH + " " + lines.unit());
      }
      try (JsonParser p = lines.parser(JSON)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new InvalidValueException("record", null, "is not a JSON object");
        }
        Fields fields = new Fields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (p.currentToken() != JsonToken.VALUE_NULL) {
            field(p, name, fields);
          }
        }
        if (p.nextToken() != null) {
          throw new InvalidValueException("record", null, "is followed by more JSON on its line");
        }
        return fields.article(publications);
      } catch (JsonProcessingException e) {
        throw new InvalidValueException(
            "record",
            null,
            "is not valid JSON: "
                + e.getOriginalMessage()
                + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr()),
            e);
      } catch (IOException e) {
        // the line is in memory: a failure is in the line, not in the input
        throw new InvalidValueException("record", null, "cannot be read: " + e.getMessage(), e);
      }
    }

    /** Reads the value of one top-level field, the parser on its first token. */
    private void field(JsonParser p, String name, Fields f) throws IOException {
      switch (name) {
        case "id" ->
            f.id = p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getText() : text(p, name);
        case "title" -> f.title = text(p, name);
        case "link" -> f.link = text(p, name);
        case "sourceLink" -> f.sourceLink = text(p, name);
        case "publication" -> publication(p, f);
        case "published" -> f.published = date(name, text(p, name));
        case "updated" -> f.updated = date(name, text(p, name));
        case "language" -> f.language = text(p, name);
        case "authors" -> authors(p, f.authors);
        case "categories" -> {
          expect(p, JsonToken.START_ARRAY, name, "is not an array");
          while (p.nextToken() != JsonToken.END_ARRAY) {
            f.categories.add(text(p, "categories element"));
          }
        }
        case "summary" -> f.summary = text(p, name);
        case "contentHtml" -> f.contentHtml = text(p, name);
        case "image" -> f.image = image(p);
        case "baseUri" -> f.baseUri = text(p, name);
        case "attribution" -> f.attribution = text(p, name);
        default -> unknown(p, name);
      }
    }

    private void publication(JsonParser p, Fields f) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        f.publicationName = p.getText();
        return;
      }
      expect(p, JsonToken.START_OBJECT, "publication", "is neither a string nor an object");
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
          case "zone" -> {
            String zone = text(p, field);
            try {
              f.publicationZone = ZoneId.of(zone.strip());
            } catch (DateTimeException e) {
              throw new InvalidValueException(field, zone, "is not a time-zone id", e);
            }
          }
          default -> unknown(p, field);
        }
      }
    }

    private void authors(JsonParser p, List<Author> authors) throws IOException {
      expect(p, JsonToken.START_ARRAY, "authors", "is not an array");
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
          authors.add(Author.of(p.getText()));
          continue;
        }
        expect(p, JsonToken.START_OBJECT, "authors element", "is neither a string nor an object");
        String name = null;
        String email = null;
        URI url = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          String field = "authors." + key;
          if (p.nextToken() == JsonToken.VALUE_NULL) {
            continue;
          }
          switch (key) {
            case "name" -> name = text(p, field);
            case "email" -> email = text(p, field);
            case "url" -> url = Urls.absolute(field, text(p, field));
            default -> unknown(p, field);
          }
        }
        if (name == null) {
          throw new InvalidValueException("authors.name", null, "is missing");
        }
        authors.add(new Author(name, email, url));
      }
    }

    private Enclosure image(JsonParser p) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        return Enclosure.of(p.getText());
      }
      expect(p, JsonToken.START_OBJECT, "image", "is neither a string nor an object");
      String url = null;
      String type = null;
      long length = -1;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        String field = "image." + key;
        if (p.nextToken() == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (key) {
          case "url" -> url = text(p, field);
          case "type" -> type = text(p, field);
          case "length" -> {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
              throw new InvalidValueException(field, shown(p), "is not a whole number");
            }
            try {
              length = p.getLongValue();
            } catch (JsonProcessingException e) {
              throw new InvalidValueException(field, p.getText(), "is out of range", e);
            }
          }
          default -> unknown(p, field);
        }
      }
      if (url == null) {
        throw new InvalidValueException("image.url", null, "is missing");
      }
      return new Enclosure(Urls.link("image.url", url), type, length);
    }

    /** Skips the value of a field this format does not define, and logs its name once. */
    private void unknown(JsonParser p, String field) throws IOException {
      p.skipChildren();
      if (unknownNames.size() < UNKNOWN_NAMES_LOGGED && unknownNames.add(field)) {
        LOG.warn(
            "{}:{}: unknown field \"{}\" ignored (not reported again for this file)",
            source,
            lineNumber,
            field);
      }
    }
  }

  /** The fields of one record, as read, before they are checked together. */
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
    @Nullable ZoneId publicationZone;
    @Nullable TemporalAccessor published;
    @Nullable TemporalAccessor updated;
    @Nullable String language;
    final List<Author> authors = new ArrayList<>();
    final List<String> categories = new ArrayList<>();
    @Nullable String summary;
    @Nullable String contentHtml;
    @Nullable Enclosure image;
    @Nullable String baseUri;
    @Nullable String attribution;

    Article article(Map<List<Object>, Publication> publications) {
      String t = title;
      if (t == null) {
        throw new InvalidValueException("title", null, "is missing");
      }
      if (t.isBlank()) {
        throw new InvalidValueException("title", t, "is blank");
      }
      if (link == null && sourceLink == null) {
        throw new InvalidValueException("link", null, "is missing, and so is sourceLink");
      }
      Attribution credit = attribution == null ? null : Attribution.of(attribution);
      Publication publication = publication(credit, publications);
      ZoneId zone = publication == null ? Publication.DEFAULT_ZONE : publication.zone();

      Article.Builder b = Article.builder().id(id).title(t).publication(publication);
      if (link != null) {
        b.link(link);
      }
      if (sourceLink != null) {
        b.sourceLink(sourceLink);
      }
      if (published instanceof LocalDate day) {
        b.published(day);
      } else if (published != null) {
        b.published(instant(published, zone));
      } else if (credit != null) {
        b.published(credit.date());
      }
      if (updated != null) {
        b.updated(instant(updated, zone));
      }
      for (Author author : authors) {
        b.author(author);
      }
      b.categories(categories.toArray(new String[0]));
      b.language(language).summary(summary).contentHtml(contentHtml).image(image);
      if (baseUri != null) {
        b.baseUri(baseUri);
      }
      return b.build();
    }

    /**
     * Merges the publication field with the attribution's name; null when there is neither. The
     * same publication on many lines is built once (performance, issue #4: its URLs were parsed
     * and checked twice a line).
     */
    private @Nullable Publication publication(@Nullable Attribution credit, Map<List<Object>, Publication> seen) {
      String name = publicationName;
      if (name == null && credit != null) {
        name = credit.publication().name();
      }
      if (name == null) {
        if (publicationObject) {
          throw new InvalidValueException("publication.name", null, "is missing");
        }
        return null;
      }
      List<Object> key =
          Arrays.asList(name, publicationUrl, publicationFeedUrl, publicationLanguage, publicationZone);
      Publication known = seen.get(key);
      if (known != null) {
        return known;
      }
      Publication.Builder p = Publication.builder(name);
      if (publicationUrl != null) {
        p.url(publicationUrl);
      }
      if (publicationFeedUrl != null) {
        p.feedUrl(publicationFeedUrl);
      }
      if (publicationLanguage != null) {
        p.language(publicationLanguage);
      }
      if (publicationZone != null) {
        p.zone(publicationZone);
      }
      Publication built = p.build();
      if (seen.size() >= MAX_PUBLICATIONS_KEPT) {
        seen.clear();
      }
      seen.put(key, built);
      return built;
    }
  }

  /** Returns the text of a string value, or fails naming the field. */
  private static String text(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw new InvalidValueException(field, shown(p), "is not a string");
    }
    return p.getText();
  }

  private static void expect(JsonParser p, JsonToken token, String field, String reason)
      throws IOException {
    if (p.currentToken() != token) {
      throw new InvalidValueException(field, shown(p), reason);
    }
  }

  /** Returns a short form of the current value for a message. */
  private static String shown(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      return "{…}";
    }
    if (t == JsonToken.START_ARRAY) {
      return "[…]";
    }
    return p.getText();
  }

  /**
   * Parses an ISO date ({@link LocalDate}), date-time with offset ({@link Instant}) or without
   * ({@link LocalDateTime}).
   */
  static TemporalAccessor date(String field, String text) {
    String s = text.strip();
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    Instant fast = Dates.parseInstant(s);
    if (fast != null) {
      return fast;
    }
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s);
      }
      TemporalAccessor parsed =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
      return parsed instanceof OffsetDateTime odt ? odt.toInstant() : parsed;
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(field, text, "is not an ISO date or date-time", e);
    }
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

  /**
   * The lines of the input, one at a time, each held only until the next is read. A line longer
   * than {@link #MAX_LINE_LENGTH} is skipped to its end and only flagged. The scanning is shared;
   * the subclasses hold the buffers, of bytes or of characters.
   */
  private abstract static class Lines implements Closeable {
    static final int INITIAL = 8 * 1024;
    static final int SHRINK_ABOVE = 1024 * 1024;

    private int pos;
    private int limit;
    private boolean eof;
    private boolean first = true;

    /** The length of the current line in units, without its end. */
    int length;

    private boolean tooLong;

    /** Reads the next line; false at the end of the input. */
    final boolean advance() throws IOException {
      length = 0;
      tooLong = false;
      startLine();
      boolean any = false;
      while (true) {
        if (pos == limit) {
          int n = eof ? -1 : fill();
          if (n < 0) {
            eof = true;
            break;
          }
          pos = 0;
          limit = n;
          continue;
        }
        any = true;
        int start = pos;
        pos = newline(pos, limit);
        append(start, pos - start);
        if (pos < limit) {
          pos++;
          break;
        }
      }
      if (!any) {
        return false;
      }
      if (first) {
        first = false;
        int bom = bomLength();
        if (bom > 0) {
          dropFirst(bom);
          length -= bom;
        }
      }
      if (length > 0 && unitAt(length - 1) == '\r') {
        length--;
      }
      return true;
    }

    private void append(int start, int n) {
      if (tooLong || n == 0) {
        return;
      }
      if ((long) length + n > MAX_LINE_LENGTH) {
        tooLong = true;
        length = 0;
        startLine();
        return;
      }
      copy(start, n);
      length += n;
    }

    final boolean isTooLong() {
      return tooLong;
    }

    /** True when the line holds only spaces, tabs and carriage returns (or nothing). */
    final boolean isBlank() {
      if (tooLong) {
        return false;
      }
      for (int i = 0; i < length; i++) {
        int c = unitAt(i);
        if (c != ' ' && c != '\t' && c != '\r') {
          return false;
        }
      }
      return true;
    }

    /** Returns the capacity a line buffer grows to when it must hold {@code needed} units. */
    static int grown(int capacity, int needed) {
      return (int) Math.min(Math.max((long) capacity * 2, needed), MAX_LINE_LENGTH);
    }

    /** Reads more input into the chunk; returns the number of units read, or -1 at the end. */
    abstract int fill() throws IOException;

    /**
     * Returns the index of the first line feed of the chunk in {@code [from, to)}, else {@code to}.
     * One loop per kind of chunk (performance, issue #4: a call per byte was a twentieth of reading).
     */
    abstract int newline(int from, int to);

    /** Appends units of the chunk to the line buffer, growing it; the length is kept here. */
    abstract void copy(int start, int n);

    /** Returns the unit of the line at an index. */
    abstract int unitAt(int index);

    /** Returns the length of the byte order mark the line starts with, 0 when none. */
    abstract int bomLength();

    /** Removes the first units of the line. */
    abstract void dropFirst(int n);

    /** Prepares for a new line: a buffer grown past {@link #SHRINK_ABOVE} is let go. */
    abstract void startLine();

    abstract JsonParser parser(JsonFactory factory) throws IOException;

    /** The unit of the line length limit, for messages. */
    abstract String unit();
  }

  /** Lines of UTF-8 bytes from a file; the JSON parser decodes them strictly. */
  private static final class ByteLines extends Lines {
    private final InputStream in;
    private final byte[] chunk = new byte[64 * 1024];
    private byte[] line = new byte[INITIAL];

    ByteLines(InputStream in) {
      this.in = requireNonNull(in, "in");
    }

    @Override
    int fill() throws IOException {
      return in.read(chunk);
    }

    @Override
    int newline(int from, int to) {
      byte[] c = chunk;
      int i = from;
      while (i < to && c[i] != '\n') {
        i++;
      }
      return i;
    }

    @Override
    void copy(int start, int n) {
      if (length + n > line.length) {
        line = Arrays.copyOf(line, grown(line.length, length + n));
      }
      System.arraycopy(chunk, start, line, length, n);
    }

    @Override
    int unitAt(int index) {
      return line[index] & 0xFF;
    }

    @Override
    int bomLength() {
      return length >= 3 && unitAt(0) == 0xEF && unitAt(1) == 0xBB && unitAt(2) == 0xBF ? 3 : 0;
    }

    @Override
    void dropFirst(int n) {
      System.arraycopy(line, n, line, 0, length - n);
    }

    @Override
    void startLine() {
      if (line.length > SHRINK_ABOVE) {
        line = new byte[INITIAL];
      }
    }

    @Override
    JsonParser parser(JsonFactory factory) throws IOException {
      return factory.createParser(line, 0, length);
    }

    @Override
    String unit() {
      return "bytes";
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Lines of characters from a reader the caller owns. */
  private static final class CharLines extends Lines {
    private final Reader in;
    private final char[] chunk = new char[16 * 1024];
    private char[] line = new char[INITIAL];

    CharLines(Reader in) {
      this.in = requireNonNull(in, "reader");
    }

    @Override
    int fill() throws IOException {
      return in.read(chunk);
    }

    @Override
    int newline(int from, int to) {
      char[] c = chunk;
      int i = from;
      while (i < to && c[i] != '\n') {
        i++;
      }
      return i;
    }

    @Override
    void copy(int start, int n) {
      if (length + n > line.length) {
        line = Arrays.copyOf(line, grown(line.length, length + n));
      }
      System.arraycopy(chunk, start, line, length, n);
    }

    @Override
    int unitAt(int index) {
      return line[index];
    }

    @Override
    int bomLength() {
      return length >= 1 && line[0] == '\uFEFF' ? 1 : 0;
    }

    @Override
    void dropFirst(int n) {
      System.arraycopy(line, n, line, 0, length - n);
    }

    @Override
    void startLine() {
      if (line.length > SHRINK_ABOVE) {
        line = new char[INITIAL];
      }
    }

    @Override
    JsonParser parser(JsonFactory factory) throws IOException {
      return factory.createParser(line, 0, length);
    }

    @Override
    String unit() {
      return "characters";
    }

    @Override
    public void close() {
      // the caller owns the reader
    }
  }
}
