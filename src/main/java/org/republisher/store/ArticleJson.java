package org.republisher.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.republisher.internal.NormalizedArticle;
import org.republisher.model.Article;
import org.republisher.model.Author;
import org.republisher.model.Enclosure;
import org.republisher.model.Publication;

/**
 * The JSON the history keeps of an article as given and as normalized. Unknown fields are skipped
 * when read, so that a newer republisher's rows stay readable. Thread-safe.
 */
final class ArticleJson {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private ArticleJson() {}

  // --- the article as given ---

  static String write(Article a) {
    StringWriter out = new StringWriter(256 + length(a.contentHtml()));
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", a.id());
      g.writeStringField("title", a.title());
      string(g, "link", a.link());
      string(g, "sourceLink", a.sourceLink());
      Publication p = a.publication();
      if (p != null) {
        g.writeObjectFieldStart("publication");
        g.writeStringField("name", p.name());
        string(g, "url", p.url());
        string(g, "feedUrl", p.feedUrl());
        string(g, "language", p.language());
        g.writeStringField("zone", p.zone().getId());
        g.writeEndObject();
      }
      instant(g, "published", a.published());
      instant(g, "updated", a.updated());
      if (!a.authors().isEmpty()) {
        g.writeArrayFieldStart("authors");
        for (Author author : a.authors()) {
          g.writeStartObject();
          g.writeStringField("name", author.name());
          string(g, "email", author.email());
          string(g, "url", author.url());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      strings(g, "categories", a.categories());
      string(g, "language", a.language());
      string(g, "summary", a.summary());
      string(g, "contentHtml", a.contentHtml());
      Enclosure image = a.image();
      if (image != null) {
        g.writeObjectFieldStart("image");
        g.writeStringField("url", image.url().toString());
        string(g, "type", image.type());
        g.writeNumberField("length", image.length());
        g.writeEndObject();
      }
      string(g, "baseUri", a.baseUri());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static Article readArticle(String json) {
    try (JsonParser p = JSON.createParser(json)) {
      expect(p, JsonToken.START_OBJECT);
      String id = null;
      String title = "";
      URI link = null;
      URI sourceLink = null;
      Publication publication = null;
      Instant published = null;
      Instant updated = null;
      List<Author> authors = new ArrayList<>();
      List<String> categories = List.of();
      String language = null;
      String summary = null;
      String contentHtml = null;
      Enclosure image = null;
      URI baseUri = null;
      String field;
      while ((field = p.nextFieldName()) != null) {
        switch (field) {
          case "id" -> id = p.nextTextValue();
          case "title" -> title = p.nextTextValue();
          case "link" -> link = uri(p.nextTextValue());
          case "sourceLink" -> sourceLink = uri(p.nextTextValue());
          case "publication" -> publication = publication(p);
          case "published" -> published = instant(p.nextTextValue());
          case "updated" -> updated = instant(p.nextTextValue());
          case "authors" -> {
            expect(p, JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
              authors.add(author(p));
            }
          }
          case "categories" -> categories = strings(p);
          case "language" -> language = p.nextTextValue();
          case "summary" -> summary = p.nextTextValue();
          case "contentHtml" -> contentHtml = p.nextTextValue();
          case "image" -> image = enclosure(p);
          case "baseUri" -> baseUri = uri(p.nextTextValue());
          default -> skip(p);
        }
      }
      return new Article(id, title, link, sourceLink, publication, published, updated, authors,
          categories, language, summary, contentHtml, image, baseUri);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Publication publication(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    String name = "";
    URI url = null;
    URI feedUrl = null;
    String language = null;
    ZoneId zone = Publication.DEFAULT_ZONE;
    String field;
    while ((field = p.nextFieldName()) != null) {
      switch (field) {
        case "name" -> name = p.nextTextValue();
        case "url" -> url = uri(p.nextTextValue());
        case "feedUrl" -> feedUrl = uri(p.nextTextValue());
        case "language" -> language = p.nextTextValue();
        case "zone" -> zone = ZoneId.of(p.nextTextValue());
        default -> skip(p);
      }
    }
    return new Publication(name, url, feedUrl, language, zone);
  }

  private static Author author(JsonParser p) throws IOException {
    String name = "";
    String email = null;
    URI url = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      switch (field) {
        case "name" -> name = p.nextTextValue();
        case "email" -> email = p.nextTextValue();
        case "url" -> url = uri(p.nextTextValue());
        default -> skip(p);
      }
    }
    return new Author(name, email, url);
  }

  private static Enclosure enclosure(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    URI url = null;
    String type = null;
    long length = -1;
    String field;
    while ((field = p.nextFieldName()) != null) {
      switch (field) {
        case "url" -> url = uri(p.nextTextValue());
        case "type" -> type = p.nextTextValue();
        case "length" -> length = p.nextLongValue(-1);
        default -> skip(p);
      }
    }
    if (url == null) {
      throw new IOException("an image without url");
    }
    return new Enclosure(url, type, length);
  }

  // --- the article as normalized ---

  static String write(NormalizedArticle n) {
    StringWriter out = new StringWriter(256 + n.contentHtml().length());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", n.id());
      g.writeStringField("atomId", n.atomId());
      g.writeStringField("title", n.title());
      string(g, "link", n.link());
      g.writeBooleanField("ownLink", n.ownLink());
      string(g, "sourceLink", n.sourceLink());
      NormalizedArticle.Source s = n.publication();
      if (s != null) {
        g.writeObjectFieldStart("publication");
        g.writeStringField("name", s.name());
        string(g, "url", s.url());
        string(g, "feedUrl", s.feedUrl());
        string(g, "atomId", s.atomId());
        g.writeEndObject();
      }
      g.writeNumberField("published", n.published().getEpochSecond());
      g.writeNumberField("updated", n.updated().getEpochSecond());
      if (!n.authors().isEmpty()) {
        g.writeArrayFieldStart("authors");
        for (NormalizedArticle.Person person : n.authors()) {
          g.writeStartObject();
          g.writeStringField("name", person.name());
          string(g, "email", person.email());
          string(g, "url", person.url());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      strings(g, "categories", n.categories());
      string(g, "language", n.language());
      g.writeBooleanField("rtl", n.rtl());
      string(g, "summary", n.summary());
      g.writeStringField("contentHtml", n.contentHtml());
      NormalizedArticle.Image image = n.image();
      if (image != null) {
        g.writeObjectFieldStart("image");
        g.writeStringField("url", image.url());
        g.writeStringField("type", image.type());
        g.writeNumberField("length", image.length());
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static NormalizedArticle readNormalized(String json) {
    try (JsonParser p = JSON.createParser(json)) {
      return readNormalized(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the article from its JSON's UTF-8 bytes, as the store keeps them. */
  static NormalizedArticle readNormalized(byte[] json) {
    try (JsonParser p = JSON.createParser(json)) {
      return readNormalized(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static NormalizedArticle readNormalized(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    String id = "";
    String atomId = "";
    String title = "";
    String link = null;
    boolean ownLink = false;
    String sourceLink = null;
    NormalizedArticle.Source source = null;
    Instant published = Instant.EPOCH;
    Instant updated = Instant.EPOCH;
    List<NormalizedArticle.Person> authors = new ArrayList<>();
    List<String> categories = List.of();
    String language = null;
    boolean rtl = false;
    String summary = null;
    String contentHtml = "";
    NormalizedArticle.Image image = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      switch (field) {
        case "id" -> id = p.nextTextValue();
        case "atomId" -> atomId = p.nextTextValue();
        case "title" -> title = p.nextTextValue();
        case "link" -> link = p.nextTextValue();
        case "ownLink" -> ownLink = p.nextBooleanValue();
        case "sourceLink" -> sourceLink = p.nextTextValue();
        case "publication" -> source = source(p);
        case "published" -> published = Instant.ofEpochSecond(p.nextLongValue(0));
        case "updated" -> updated = Instant.ofEpochSecond(p.nextLongValue(0));
        case "authors" -> {
          expect(p, JsonToken.START_ARRAY);
          while (p.nextToken() == JsonToken.START_OBJECT) {
            authors.add(person(p));
          }
        }
        case "categories" -> categories = strings(p);
        case "language" -> language = p.nextTextValue();
        case "rtl" -> rtl = p.nextBooleanValue();
        case "summary" -> summary = p.nextTextValue();
        case "contentHtml" -> contentHtml = p.nextTextValue();
        case "image" -> image = image(p);
        default -> skip(p);
      }
    }
    return new NormalizedArticle(id, atomId, title, link, ownLink, sourceLink, source,
        published, updated, List.copyOf(authors), categories, language, rtl, summary,
        contentHtml, image);
  }

  private static NormalizedArticle.Source source(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    String name = "";
    String url = null;
    String feedUrl = null;
    String atomId = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      switch (field) {
        case "name" -> name = p.nextTextValue();
        case "url" -> url = p.nextTextValue();
        case "feedUrl" -> feedUrl = p.nextTextValue();
        case "atomId" -> atomId = p.nextTextValue();
        default -> skip(p);
      }
    }
    return new NormalizedArticle.Source(name, url, feedUrl, atomId);
  }

  private static NormalizedArticle.Person person(JsonParser p) throws IOException {
    String name = "";
    String email = null;
    String url = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      switch (field) {
        case "name" -> name = p.nextTextValue();
        case "email" -> email = p.nextTextValue();
        case "url" -> url = p.nextTextValue();
        default -> skip(p);
      }
    }
    return new NormalizedArticle.Person(name, email, url);
  }

  private static NormalizedArticle.Image image(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT);
    String url = "";
    String type = "";
    long length = -1;
    String field;
    while ((field = p.nextFieldName()) != null) {
      switch (field) {
        case "url" -> url = p.nextTextValue();
        case "type" -> type = p.nextTextValue();
        case "length" -> length = p.nextLongValue(-1);
        default -> skip(p);
      }
    }
    return new NormalizedArticle.Image(url, type, length);
  }

  // --- shared ---

  private static int length(@Nullable String s) {
    return s == null ? 0 : Math.min(s.length(), 1 << 20);
  }

  private static void string(JsonGenerator g, String name, @Nullable Object value)
      throws IOException {
    if (value != null) {
      g.writeStringField(name, value.toString());
    }
  }

  private static void instant(JsonGenerator g, String name, @Nullable Instant value)
      throws IOException {
    if (value != null) {
      g.writeStringField(name, value.toString());
    }
  }

  private static void strings(JsonGenerator g, String name, List<String> values)
      throws IOException {
    if (!values.isEmpty()) {
      g.writeArrayFieldStart(name);
      for (String value : values) {
        g.writeString(value);
      }
      g.writeEndArray();
    }
  }

  private static List<String> strings(JsonParser p) throws IOException {
    expect(p, JsonToken.START_ARRAY);
    List<String> values = new ArrayList<>();
    while (p.nextToken() == JsonToken.VALUE_STRING) {
      values.add(p.getText());
    }
    return List.copyOf(values);
  }

  private static @Nullable URI uri(@Nullable String text) {
    return text == null ? null : URI.create(text);
  }

  private static @Nullable Instant instant(@Nullable String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static void expect(JsonParser p, JsonToken token) throws IOException {
    if (p.nextToken() != token) {
      throw new IOException("stored article JSON: expected " + token + " at " + p.currentLocation());
    }
  }

  private static void skip(JsonParser p) throws IOException {
    p.nextToken();
    p.skipChildren();
  }
}
