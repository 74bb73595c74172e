package org.republisher.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Lists as JSON arrays in one text column or parameter: an article's categories, and the lists
 * SQLite reads with {@code json_each}. Any text survives the round trip.
 */
final class JsonLists {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonLists() {}

  /** Returns the texts as a JSON array. */
  static String texts(Collection<String> values) {
    StringWriter out = new StringWriter(16 + values.size() * 24);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (String value : values) {
        g.writeString(value);
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Returns the numbers as a JSON array. */
  static String longs(long[] values) {
    StringBuilder out = new StringBuilder(2 + values.length * 8).append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(values[i]);
    }
    return out.append(']').toString();
  }

  /**
   * Reads a JSON array of texts, as {@link #texts} wrote it.
   *
   * @throws IllegalArgumentException when it is not one
   */
  static List<String> parseTexts(String json) {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("not a JSON array of texts: " + json);
      }
      List<String> values = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.VALUE_STRING) {
          throw new IllegalArgumentException("not a JSON array of texts: " + json);
        }
        values.add(p.getText());
      }
      return List.copyOf(values);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON array of texts: " + json, e);
    }
  }
}
