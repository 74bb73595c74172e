package org.republisher.source;

import static org.republisher.internal.Checks.notNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.Text;
import org.republisher.model.Article;
import org.republisher.model.Attribution;
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
 *   <li>The file is UTF-8; a byte order mark at its start is skipped (a UTF-16 or UTF-32 one is
 *       read as such, see below). Each line ends with {@code
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
 * <p>A record needs a link of some kind; everything else is optional or repaired (below). A field set to
 * {@code null} counts as absent, whatever its name. Field names are case-sensitive and appear at
 * most once in an object.
 *
 * <table>
 *   <caption>The fields</caption>
 *   <tr><th>field</th><th>JSON type</th><th>meaning</th></tr>
 *   <tr><td>{@code id}</td><td>string or integer</td><td>a stable id; derived from the source link,
 *       else the link, when absent (see {@link Article})</td></tr>
 *   <tr><td>{@code title}</td><td>string</td><td>the headline, an HTML fragment: markup is
 *       stripped and entities decoded once when written ({@code "C++ &amp;lt;T&amp;gt;"} reads
 *       "C++ &lt;T&gt;")</td></tr>
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
 *   <tr><td>{@code summary}</td><td>string</td><td>text, as the title: markup stripped, entities
 *       decoded once; derived from the content when absent</td></tr>
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
 * <h2>Repairs</h2>
 *
 * A defect a rule can repair is repaired, and reported as one WARN log line that names the file,
 * the line, the field and the rule ({@code articles.jsonl:7: authors[1] is blank: " "; dropped}):
 *
 * <ul>
 *   <li>A number or boolean where text is expected gives its text; an object or array there is
 *       ignored. {@code authors} or {@code categories} given as one string is that one author or
 *       category; {@code publication} given as one string is its name.
 *   <li>A missing or blank {@code title} (or one of markup only) is the start of the summary, else
 *       of the content's text (120 characters), else the link.
 *   <li>A {@code link}, {@code sourceLink}, {@code baseUri}, image or publication URL that is not a
 *       URI is converted when it is an IRI: a host in any script to its IDNA form, spaces and other
 *       characters a URI cannot hold percent-encoded as UTF-8 ({@code
 *       https://www.médias24.ma/actualité/un article.html}). One that is still no http(s) URL (a
 *       {@code javascript:} link, no host) is ignored. With neither link nor source link left, the
 *       publication's home page (else its feed) stands in.
 *   <li>A {@code published} or {@code updated} that is not ISO is read day first in the forms of
 *       an attribution line ({@code 04/06/2020}, {@code 4 - 6 - 2020}, "21 mars 2026", "15 - غشت -
 *       2019", Arabic-Indic digits); a day that does not exist, or anything else, is ignored. An
 *       article with no date at all is dated when the writer first sees it.
 *   <li>An {@code attribution} that is no attribution line, or whose date does not exist, is
 *       ignored; a {@code language} or {@code publication.language} that is no BCP 47 tag is
 *       ignored; a {@code publication.zone} that is no zone gives the default zone; a publication
 *       object without a name takes the attribution's, else its URL's host.
 *   <li>Blank and repeated authors (by name, ignoring case) and categories are dropped; an author
 *       object without a name is dropped; a bad author email or URL is left out, the name kept.
 *   <li>An image without a usable URL is ignored; a bad image type is guessed from the URL, a bad
 *       length is unknown.
 *   <li>A field this format does not define, at the top level or inside {@code publication}, {@code
 *       image} or an author, is ignored, reported once per field name per file.
 * </ul>
 *
 * <h2>Errors</h2>
 *
 * Only a line that is no record, or a record with nothing to publish, is left out: not JSON, not
 * one object, more JSON after it, a field named twice, longer than {@value #MAX_LINE_LENGTH}
 * units, not UTF-8, or with no text and no link of any kind (no title, summary or content with
 * text, no usable link or source link, and no publication URL). Such a line is reported to the
 * problem consumer as an {@link InvalidRecordException} that names the file, the line and the
 * field, and skipped: it never stops the other lines. (A record with text and no link of any kind
 * is kept, with a warning; the writers give it the feed's site as its link.) A file
 * that is not UTF-8 gets one clear error, at its first such line: the byte offset, the encoding the
 * file looks like, what to do; later such lines refer to it. A file that starts with a UTF-16 or
 * UTF-32 byte order mark is read in that encoding, with a warning. An I/O failure is thrown as an
 * {@link UncheckedIOException} by the stream.
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
    notNull(problems, "problems");
    Path name = file.getFileName();
    String source = name == null ? file.toString() : name.toString();
    InputStream in = new BufferedInputStream(Files.newInputStream(file));
    Lines lines;
    try {
      in.mark(4);
      byte[] head = in.readNBytes(4);
      in.reset();
      Charset wide = FeedEncoding.bom(head);
      if (wide != null && !wide.equals(StandardCharsets.UTF_8)) {
        // a byte order mark says so without doubt: read as it says, not as UTF-8
        LOG.warn(
            "{}: the file is {} (byte order mark), not UTF-8; read as {}",
            Text.forLog(source),
            wide.name(),
            wide.name());
        lines = new CharLines(new InputStreamReader(in, wide), true);
      } else {
        lines = new ByteLines(in);
      }
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    Records records = new Records(lines, source, problems);
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
    notNull(sourceName, "sourceName");
    notNull(problems, "problems");
    return stream(new Records(new CharLines(reader, false), sourceName, problems));
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
    private final RecordReader reader = new RecordReader();
    private long lineNumber;
    private @Nullable Article next;

    Records(Lines lines, String source, Consumer<? super InvalidRecordException> problems) {
      this.lines = notNull(lines, "lines");
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
      Article article = Objects.requireNonNull(next);
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

    /** Reads the current line as an article. */
    private Article article() {
      if (lines.isTooLong()) {
        throw new InvalidValueException(
            "line", null, "is longer than " + MAX_LINE_LENGTH + " " + lines.unit());
      }
      try (JsonParser p = lines.parser(JSON)) {
        return reader.read(
            p, repair -> LOG.warn("{}:{}: {}", Text.forLog(source), lineNumber, repair));
      } catch (IOException | InvalidValueException e) {
        // bytes that are not UTF-8 are found by the JSON parser; only then are they looked at
        InvalidValueException encoding = lines.encodingProblem(lineNumber);
        if (encoding != null) {
          throw encoding;
        }
        if (e instanceof InvalidValueException invalid) {
          throw invalid;
        }
        // the line is in memory: a failure is in the line, not in the input
        throw new InvalidValueException("record", null, "cannot be read: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Names the encoding bytes that are not UTF-8 are likely in: UTF-16 when a quarter of them are
   * NUL; an Arabic code page (windows-1256) when bytes from 0x80 come in runs of three or more, as
   * the letters of Arabic words do; else windows-1252, where Western European accents stand
   * alone among ASCII letters.
   */
  static String likelyEncoding(byte[] bytes, int length) {
    int nul = 0;
    int run = 0;
    int longestRun = 0;
    for (int i = 0; i < length; i++) {
      int b = bytes[i] & 0xff;
      if (b == 0) {
        nul++;
      }
      if (b >= 0x80) {
        longestRun = Math.max(longestRun, ++run);
      } else if (b != ' ') {
        run = 0;
      }
    }
    if (nul * 4 >= length && nul > 0) {
      return "UTF-16 (two bytes a character)";
    }
    if (longestRun >= 3) {
      return "windows-1256 (Arabic)";
    }
    return "windows-1252 (Western European, ISO-8859-1 and more)";
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
    private long consumed;

    /** The offset in the input of the current line's first unit, its byte order mark included. */
    long lineStart;

    /** The units dropped from the start of the current line: its byte order mark. */
    int dropped;

    /** The length of the current line in units, without its end. */
    int length;

    private boolean tooLong;

    /** Reads the next line; false at the end of the input. */
    final boolean advance() throws IOException {
      length = 0;
      dropped = 0;
      lineStart = consumed;
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
        consumed += pos - start;
        if (pos < limit) {
          pos++;
          consumed++;
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
          dropped = bom;
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

    /**
     * Returns the problem of a line that is not in the input's encoding, or {@code null}; asked
     * only of a line the JSON parser failed on.
     */
    @Nullable InvalidValueException encodingProblem(long lineNumber) {
      return null;
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

    /** The first line found not to be UTF-8, or 0. */
    private long firstBadLine;

    ByteLines(InputStream in) {
      this.in = notNull(in, "in");
    }

    /**
     * The first line that is not UTF-8 gets the whole story: where (the line, the byte offset in
     * the file), what the file looks like instead, what to do; the later ones refer to it.
     */
    @Override
    @Nullable InvalidValueException encodingProblem(long lineNumber) {
      int bad = FeedEncoding.firstNonUtf8(line, 0, length);
      if (bad < 0) {
        return null;
      }
      long offset = lineStart + dropped + bad;
      if (firstBadLine == 0) {
        firstBadLine = lineNumber;
        return new InvalidValueException(
            "record",
            null,
            String.format(
                Locale.ROOT,
                "is not UTF-8: byte 0x%02X at byte offset %d of the file (byte %d of the line)"
                    + " cannot be read as UTF-8; the file looks like %s: save it as UTF-8 (this"
                    + " line is skipped, and so is every later line that is not UTF-8)",
                line[bad] & 0xff,
                offset,
                dropped + bad + 1,
                likelyEncoding(line, length)));
      }
      return new InvalidValueException(
          "record",
          null,
          "is not UTF-8 either (byte offset " + offset + "; see line " + firstBadLine + ")");
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

    /** Whether closing the lines closes the reader: false when the caller owns it. */
    private final boolean owned;

    CharLines(Reader in, boolean owned) {
      this.in = notNull(in, "reader");
      this.owned = owned;
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
    public void close() throws IOException {
      if (owned) {
        in.close();
      }
    }
  }
}
