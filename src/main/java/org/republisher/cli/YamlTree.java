package org.republisher.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A YAML document as a tree that remembers the line of every key and value, so that a bad config
 * can be reported where it is. Read with jackson's streaming YAML parser; duplicate keys are an
 * error, and only the first document of a stream is read.
 * Problems are thrown as a {@link ConfigException} naming the file and the line.
 */
final class YamlTree {
  private YamlTree() {}

  /** A node of the tree. */
  sealed interface Node permits Scalar, Mapping, Sequence {
    /** Returns the 1-based line the node starts on. */
    int line();

    /** Returns what the node is, for messages: "a mapping", "a list" or the quoted scalar. */
    String shown();
  }

  /**
   * A scalar.
   *
   * @param text its text, or {@code null} for a YAML null ({@code ~}, {@code null}, nothing)
   * @param line its line
   */
  record Scalar(@Nullable String text, int line) implements Node {
    @Override
    public String shown() {
      return text == null ? "null" : quoted(text);
    }
  }

  /**
   * A key of a mapping and its value.
   *
   * @param key the key's text
   * @param line the key's line
   * @param value the value
   */
  record Entry(String key, int line, Node value) {}

  /**
   * A mapping, its entries in document order.
   *
   * @param entries the entries
   * @param line its line
   */
  record Mapping(List<Entry> entries, int line) implements Node {
    @Override
    public String shown() {
      return "a mapping";
    }
  }

  /**
   * A sequence.
   *
   * @param items the items
   * @param line its line
   */
  record Sequence(List<Node> items, int line) implements Node {
    @Override
    public String shown() {
      return "a list";
    }
  }

  /**
   * Reads the first document of a YAML stream.
   *
   * @param reader the text
   * @param name the file's name in messages
   * @return the root, or {@code null} for an empty document
   * @throws ConfigException when the text is not YAML or a mapping repeats a key
   * @throws IOException when the reader fails
   */
  static @Nullable Node read(Reader reader, String name) throws IOException {
    try (JsonParser parser = new YAMLFactory().createParser(reader)) {
      JsonToken token = parser.nextToken();
      return token == null ? null : node(parser, token, name);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      throw new ConfigException(
          name + ":" + line + ": not valid YAML: " + firstLine(e.getOriginalMessage()));
    }
  }

  private static Node node(JsonParser parser, JsonToken token, String name) throws IOException {
    int line = line(parser);
    switch (token) {
      case START_OBJECT -> {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String key = parser.currentName();
          int keyLine = line(parser);
          Integer first = seen.putIfAbsent(key, keyLine);
          if (first != null) {
            throw new ConfigException(
                name + ":" + keyLine + ": duplicate key " + quoted(key)
                    + " (first at line " + first + ")");
          }
          entries.add(new Entry(key, keyLine, node(parser, parser.nextToken(), name)));
        }
        return new Mapping(List.copyOf(entries), line);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          items.add(node(parser, t, name));
        }
        return new Sequence(List.copyOf(items), line);
      }
      case VALUE_NULL -> {
        return new Scalar(null, line);
      }
      default -> {
        return new Scalar(parser.getText(), line);
      }
    }
  }

  private static int line(JsonParser parser) {
    return Math.max(1, parser.currentTokenLocation().getLineNr());
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.strip().lines().findFirst().orElse("unreadable");
    return line.isBlank() ? "unreadable" : line;
  }

  /** Quotes a text for a message, as a YAML double-quoted scalar would. */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    text.codePoints()
        .forEach(
            c -> {
              if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
              } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append('"').toString();
  }
}
