package org.republisher.write;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;
import org.republisher.internal.Dates;
import org.republisher.internal.NormalizedArticle;
import org.republisher.model.Author;
import org.republisher.model.FeedSpec;

/**
 * JSON Feed 1.1 with jackson-core's streaming generator. The original is {@code external_url}; the
 * publication is the extension object {@code _source} ({@code name}, {@code home_page_url}, {@code
 * feed_url}).
 */
final class JsonFeedWriter implements FormatWriter {
  static final String VERSION = "https://jsonfeed.org/version/1.1";
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();

  private static final String HEX = "0123456789ABCDEF";

  private final JsonGenerator json;
  private final char[] chars = new char[1024];
  private byte[] bytes = new byte[0];
  /** The feed's site: the link of an article that has none (readers want one). */
  private String home = "";

  JsonFeedWriter(OutputStream out) throws IOException {
    this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    DefaultPrettyPrinter pretty =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.NONE))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    json.setPrettyPrinter(pretty);
  }

  @Override
  public void head(FeedHead head) throws IOException {
    FeedSpec spec = head.spec();
    home = spec.link().toASCIIString();
    json.writeStartObject();
    json.writeStringField("version", VERSION);
    json.writeStringField("title", spec.title());
    json.writeStringField("home_page_url", spec.link().toASCIIString());
    json.writeStringField("feed_url", head.selfUrl().toASCIIString());
    json.writeStringField("description", spec.description());
    if (head.paging().prevArchive() != null) {
      // JSON Feed pages toward older items with next_url
      json.writeStringField("next_url", head.paging().prevArchive().toASCIIString());
    }
    if (spec.icon() != null) {
      json.writeStringField("icon", spec.icon().toASCIIString());
    }
    if (spec.language() != null) {
      json.writeStringField("language", spec.language());
    }
    Author author = spec.author();
    if (author != null) {
      json.writeArrayFieldStart("authors");
      person(author.name(), author.url() == null ? null : author.url().toASCIIString());
      json.writeEndArray();
    }
    if (spec.hub() != null) {
      json.writeArrayFieldStart("hubs");
      json.writeStartObject();
      json.writeStringField("type", "WebSub");
      json.writeStringField("url", spec.hub().toASCIIString());
      json.writeEndObject();
      json.writeEndArray();
    }
    json.writeArrayFieldStart("items");
  }

  /**
   * Writes a string value escaped and encoded in one pass, as the generator would write it: {@code
   * "} and {@code \} and control characters escaped, the rest UTF-8. Performance (issue #4): the
   * generator copied and scanned the content, a tenth of writing all three formats, twice.
   * JsonFeedWriterTest holds it to the generator's bytes.
   */
  void writeLongString(String text) throws IOException {
    if (text.length() < 256 || text.length() > 1 << 16) { // short, or too long to keep a buffer for
      json.writeString(text);
      return;
    }
    if (bytes.length < text.length() * 6) {
      bytes = new byte[text.length() * 6];
    }
    json.writeRawUTF8String(bytes, 0, encode(text, bytes, chars));
  }

  /**
   * Escapes and encodes a JSON string's content, without quotes, into {@code b} (room for 6 bytes
   * a char); returns its length.
   */
  static int encode(String text, byte[] b, char[] c) {
    int n = text.length();
    int p = 0;
    for (int from = 0; from < n; ) {
      int len = Math.min(c.length, n - from);
      text.getChars(from, from + len, c, 0);
      from += len;
      for (int i = 0; i < len; i++) {
        char ch = c[i];
        if (ch < 0x80) {
          if (ch >= 0x20 && ch != '"' && ch != '\\') {
            b[p++] = (byte) ch;
            continue;
          }
          b[p++] = '\\';
          switch (ch) {
            case '"' -> b[p++] = '"';
            case '\\' -> b[p++] = '\\';
            case '\n' -> b[p++] = 'n';
            case '\t' -> b[p++] = 't';
            case '\r' -> b[p++] = 'r';
            case '\b' -> b[p++] = 'b';
            case '\f' -> b[p++] = 'f';
            default -> {
              b[p++] = 'u';
              b[p++] = '0';
              b[p++] = '0';
              b[p++] = (byte) HEX.charAt(ch >> 4);
              b[p++] = (byte) HEX.charAt(ch & 0xF);
            }
          }
        } else if (!Character.isSurrogate(ch)) {
          p = XmlOutput.utf8(b, p, ch);
        } else {
          // surrogates escaped one by one, as jackson writes them unless told to combine them
          b[p++] = '\\';
          b[p++] = 'u';
          b[p++] = (byte) HEX.charAt(ch >> 12);
          b[p++] = (byte) HEX.charAt((ch >> 8) & 0xF);
          b[p++] = (byte) HEX.charAt((ch >> 4) & 0xF);
          b[p++] = (byte) HEX.charAt(ch & 0xF);
        }
      }
    }
    return p;
  }

  @Override
  public void entry(NormalizedArticle a) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", a.id());
    json.writeStringField("url", a.link() != null ? a.link() : home);
    if (a.sourceLink() != null) {
      json.writeStringField("external_url", a.sourceLink());
    }
    json.writeStringField("title", a.title());
    json.writeFieldName("content_html");
    writeLongString(a.contentHtml());
    if (a.summary() != null) {
      json.writeStringField("summary", a.summary());
    }
    if (a.image() != null) {
      json.writeStringField("image", a.image().url());
    }
    json.writeStringField("date_published", Dates.rfc3339(a.published()));
    json.writeStringField("date_modified", Dates.rfc3339(a.updated()));
    if (!a.authors().isEmpty()) {
      json.writeArrayFieldStart("authors");
      for (NormalizedArticle.Person author : a.authors()) {
        person(author.name(), author.url());
      }
      json.writeEndArray();
    }
    if (!a.categories().isEmpty()) {
      json.writeArrayFieldStart("tags");
      for (String category : a.categories()) {
        json.writeString(category);
      }
      json.writeEndArray();
    }
    if (a.language() != null) {
      json.writeStringField("language", a.language());
    }
    NormalizedArticle.Source source = a.publication();
    if (source != null) {
      json.writeObjectFieldStart("_source");
      json.writeStringField("name", source.name());
      if (source.url() != null) {
        json.writeStringField("home_page_url", source.url());
      }
      if (source.feedUrl() != null) {
        json.writeStringField("feed_url", source.feedUrl());
      }
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private void person(String name, @Nullable String url) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", name);
    if (url != null) {
      json.writeStringField("url", url);
    }
    json.writeEndObject();
  }

  @Override
  public void finish() throws IOException {
    json.writeEndArray();
    json.writeEndObject();
    json.writeRaw('\n');
    json.flush();
  }
}
