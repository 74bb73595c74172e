package org.republisher.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.republisher.testing.FeedRules.words;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.republisher.testing.FeedRules.Report;
import org.republisher.testing.FeedRules.Sink;

/** The rules of JSON Feed 1.1. */
final class JsonFeedRules {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String VERSION_1_1 = "https://jsonfeed.org/version/1.1";
  private static final String VERSION_1 = "https://jsonfeed.org/version/1";
  private static final Set<String> TOP_KEYS =
      words(
          "version title home_page_url feed_url description user_comment next_url icon favicon"
              + " authors author language expired hubs items");
  private static final Set<String> ITEM_KEYS =
      words(
          "id url external_url title content_html content_text summary image banner_image"
              + " date_published date_modified authors author tags language attachments");
  private static final List<String> TOP_URLS =
      List.of("home_page_url", "feed_url", "next_url", "icon", "favicon");
  private static final List<String> ITEM_URLS =
      List.of("url", "external_url", "image", "banner_image");
  private static final Set<String> URL_SCHEMES = words("http https mailto tag urn data");

  private final Report report;
  private final JsonTree tree;

  private JsonFeedRules(Report report, JsonTree tree) {
    this.report = report;
    this.tree = tree;
  }

  static void check(byte[] bytes, Report report) {
    byte[] body = bytes;
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      // JSON Feed (RFC 8259): no byte order mark.
      report.add(
          "line 1",
          "JSON Feed: ByteOrderMark",
          "JSON text must not start with a byte order mark");
      body = Arrays.copyOfRange(bytes, 3, bytes.length);
    }
    String text;
    try {
      text =
          UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      report.add("document", "JSON Feed: NotUTF8", "not UTF-8: " + e);
      return;
    }
    JsonTree tree;
    try (JsonParser parser = JSON.createParser(text)) {
      tree = JsonTree.read(parser);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "document" : "line " + e.getLocation().getLineNr();
      report.add(where, "JSON Feed: InvalidJSON", "invalid JSON: " + e.getOriginalMessage());
      return;
    } catch (IOException e) {
      report.add("document", "JSON Feed: InvalidJSON", "unreadable JSON: " + e.getMessage());
      return;
    }
    new JsonFeedRules(report, tree).feed();
  }

  private void add(String path, String rule, String message) {
    report.add(tree.where(path), rule, message);
  }

  private Sink at(String path) {
    return (rule, message) -> add(path, rule, message);
  }

  private static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static @Nullable Object get(Map<String, Object> object, String key) {
    Object value = object.get(key);
    return value == JsonTree.NULL ? null : value;
  }

  private void feed() {
    for (String path : tree.duplicateKeys) {
      add(path, "JSON Feed: DuplicateKey", "duplicate key: readers keep only one of them");
    }
    badCharacters("", tree.root);
    if (!(tree.root instanceof Map<?, ?>)) {
      add("", "JSON Feed: InvalidType", "the top level must be an object");
      return;
    }
    Map<String, Object> feed = JsonTree.object(tree.root);
    Object version = get(feed, "version");
    if (version == null) {
      add("version", "JSON Feed: Version", "required and missing");
    } else if (VERSION_1.equals(version)) {
      add("version", "JSON Feed: Version", "JSON Feed 1.0: this project writes " + VERSION_1_1);
    } else if (!VERSION_1_1.equals(version)) {
      add(
          "version",
          "JSON Feed: Version",
          "must be \"" + VERSION_1_1 + "\", not " + JsonTree.show(version));
    }
    if (string("title", get(feed, "title"), true) && ((String) feed.get("title")).isBlank()) {
      add("title", "JSON Feed: MissingElement", "must not be empty");
    }
    for (String key : TOP_URLS) {
      url(key, get(feed, key), false);
    }
    for (String key : List.of("home_page_url", "feed_url")) {
      if (!feed.containsKey(key)) {
        add(key, "JSON Feed: MissingRecommended", "missing: the spec strongly recommends it");
      }
    }
    Object next = get(feed, "next_url");
    if (next != null && next.equals(get(feed, "feed_url"))) {
      add("next_url", "JSON Feed: NextUrlLoop", "same as feed_url: readers would loop");
    }
    string("description", get(feed, "description"), false);
    string("user_comment", get(feed, "user_comment"), false);
    authors("", feed);
    language("language", get(feed, "language"));
    Object expired = get(feed, "expired");
    if (expired != null && !(expired instanceof Boolean)) {
      add("expired", "JSON Feed: InvalidType", "must be a boolean");
    }
    hubs(get(feed, "hubs"));
    unknownKeys("", feed, TOP_KEYS);
    Object items = get(feed, "items");
    if (items == null) {
      add("items", "JSON Feed: MissingElement", "required and missing");
    } else if (!(items instanceof List<?> list)) {
      add("items", "JSON Feed: InvalidType", "must be an array");
    } else if (list.isEmpty()) {
      add("items", "JSON Feed: EmptyItems", "empty: readers show nothing");
    } else {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        item("items[" + i + "]", list.get(i), ids);
      }
    }
  }

  private void item(String path, Object value, Set<String> ids) {
    if (!(value instanceof Map<?, ?>)) {
      add(path, "JSON Feed: InvalidType", "an item must be an object");
      return;
    }
    Map<String, Object> item = JsonTree.object(value);
    Object id = get(item, "id");
    String idPath = child(path, "id");
    if (id == null) {
      add(idPath, "JSON Feed: MissingElement", "required and missing");
    } else if (!(id instanceof String)) {
      add(
          idPath,
          "JSON Feed: IdNotString",
          "should be a string (JSON Feed 1.1), not " + JsonTree.show(id));
    } else if (((String) id).isBlank()) {
      add(idPath, "JSON Feed: MissingElement", "must not be empty");
    }
    if (id != null && !ids.add(String.valueOf(id))) {
      add(
          idPath,
          "JSON Feed: DuplicateId",
          "id " + JsonTree.show(id) + " is already the id of an earlier item");
    }
    boolean html = string(child(path, "content_html"), get(item, "content_html"), false);
    boolean text = string(child(path, "content_text"), get(item, "content_text"), false);
    if (!html && !text) {
      add(path, "JSON Feed: MissingContent", "an item needs content_html or content_text");
    }
    if (html) {
      // project: the same HTML rules as RSS and Atom content (DESIGN.md).
      Markup.html((String) item.get("content_html"), at(child(path, "content_html")));
    }
    // A title is plain text (JSON Feed 1.1), shown as it is: what looks like markup there is the
    // text itself ("C++ <T>"), never a leak (issue #10), so it is not checked for markup.
    string(child(path, "title"), get(item, "title"), false);
    string(child(path, "summary"), get(item, "summary"), false);
    for (String key : ITEM_URLS) {
      url(child(path, key), get(item, key), false);
    }
    for (String key : List.of("date_published", "date_modified")) {
      Object date = get(item, key);
      if (string(child(path, key), date, false)) {
        Values.rfc3339(
            (String) date, true, false, "JSON Feed: InvalidRFC3339Date", at(child(path, key)));
      }
    }
    authors(path, item);
    language(child(path, "language"), get(item, "language"));
    Object tags = get(item, "tags");
    if (tags != null
        && !(tags instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
      add(child(path, "tags"), "JSON Feed: InvalidType", "must be an array of strings");
    }
    attachments(child(path, "attachments"), get(item, "attachments"));
    unknownKeys(path, item, ITEM_KEYS);
  }

  private void attachments(String path, @Nullable Object value) {
    if (value == null) {
      return;
    }
    if (!(value instanceof List<?> list)) {
      add(path, "JSON Feed: InvalidType", "must be an array");
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String at = path + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?>)) {
        add(at, "JSON Feed: InvalidType", "an attachment must be an object");
        continue;
      }
      Map<String, Object> attachment = JsonTree.object(list.get(i));
      url(child(at, "url"), get(attachment, "url"), true);
      string(child(at, "mime_type"), get(attachment, "mime_type"), true);
      for (String key : List.of("size_in_bytes", "duration_in_seconds")) {
        Object number = get(attachment, key);
        if (attachment.containsKey(key) && !(number instanceof Number)) {
          add(child(at, key), "JSON Feed: InvalidType", "must be a number");
        }
      }
    }
  }

  private void authors(String path, Map<String, Object> owner) {
    if (owner.containsKey("author")) {
      add(
          child(path, "author"),
          "JSON Feed: DeprecatedAuthor",
          "deprecated in 1.1: use authors (an array)");
    }
    Object authors = get(owner, "authors");
    if (authors == null) {
      return;
    }
    String authorsPath = child(path, "authors");
    if (!(authors instanceof List<?> list)) {
      add(authorsPath, "JSON Feed: InvalidType", "must be an array of author objects");
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String at = authorsPath + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?>)) {
        add(at, "JSON Feed: InvalidType", "an author must be an object");
        continue;
      }
      Map<String, Object> author = JsonTree.object(list.get(i));
      boolean any = false;
      for (String key : List.of("name", "url", "avatar")) {
        any |= get(author, key) instanceof String s && !s.isBlank();
      }
      if (!any) {
        add(at, "JSON Feed: InvalidAuthor", "an author needs a name, url or avatar");
      } else if (!(get(author, "name") instanceof String)) {
        // project: authors are names (DESIGN.md), so every author object has one.
        add(at, "project: AuthorName", "an author without a name");
      }
      string(child(at, "name"), get(author, "name"), false);
      url(child(at, "url"), get(author, "url"), false);
      url(child(at, "avatar"), get(author, "avatar"), false);
    }
  }

  private void hubs(@Nullable Object hubs) {
    if (hubs == null) {
      return;
    }
    if (!(hubs instanceof List<?> list)) {
      add("hubs", "JSON Feed: InvalidType", "must be an array");
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      String at = "hubs[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?>)) {
        add(at, "JSON Feed: InvalidType", "a hub must be an object");
        continue;
      }
      Map<String, Object> hub = JsonTree.object(list.get(i));
      string(child(at, "type"), get(hub, "type"), true);
      url(child(at, "url"), get(hub, "url"), true);
    }
  }

  private boolean string(String path, @Nullable Object value, boolean required) {
    if (value == null) {
      if (required) {
        add(path, "JSON Feed: MissingElement", "required and missing");
      }
      return false;
    }
    if (!(value instanceof String)) {
      add(path, "JSON Feed: InvalidType", "must be a string, not " + JsonTree.show(value));
      return false;
    }
    return true;
  }

  private void url(String path, @Nullable Object value, boolean required) {
    if (!string(path, value, required)) {
      return;
    }
    String url = (String) value;
    String scheme = Values.scheme(url);
    if (scheme == null) {
      add(path, "JSON Feed: RelativeURL", "relative URL \"" + url + "\": give an absolute URL");
    } else if (!URL_SCHEMES.contains(scheme)) {
      add(path, "JSON Feed: UnusualScheme", "URL \"" + url + "\" has an unusual scheme");
    } else if ((scheme.equals("http") || scheme.equals("https"))
        && !url.matches("(?i)https?://[^/?#]+.*")) {
      add(path, "JSON Feed: InvalidURL", "URL \"" + url + "\" has no host");
    }
  }

  private void language(String path, @Nullable Object value) {
    if (string(path, value, false)) {
      Values.language(
          (String) value,
          "language",
          (rule, message) -> add(path, "JSON Feed: " + rule, message));
    }
  }

  private void unknownKeys(String path, Map<String, Object> object, Set<String> known) {
    for (String key : object.keySet()) {
      if (!known.contains(key) && !key.startsWith("_")) {
        add(
            child(path, key),
            "JSON Feed: UnknownKey",
            "unknown key: extensions start with \"_\"");
      }
    }
  }

  /** project: no control characters in any string, as in XML 1.0 (W3C BadCharacters). */
  private void badCharacters(String path, @Nullable Object value) {
    if (value instanceof String string) {
      String bad = Values.badCharacter(string);
      if (bad != null) {
        add(path, "project: BadCharacters", "string contains " + bad);
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        badCharacters(path + "[" + i + "]", list.get(i));
      }
    } else if (value instanceof Map<?, ?> map) {
      JsonTree.object(map).forEach((key, child) -> badCharacters(child(path, key), child));
    }
  }

  /** A JSON document as maps, lists and scalars, with the line of every value. */
  private static final class JsonTree {
    static final Object NULL =
        new Object() {
          @Override
          public String toString() {
            return "null";
          }
        };

    private final Map<String, Integer> lines = new HashMap<>();
    final List<String> duplicateKeys = new ArrayList<>();
    Object root = NULL;

    static JsonTree read(JsonParser parser) throws IOException {
      JsonTree tree = new JsonTree();
      if (parser.nextToken() == null) {
        throw new JsonParseException(parser, "empty document");
      }
      tree.root = tree.value(parser, "");
      if (parser.nextToken() != null) {
        throw new JsonParseException(parser, "content after the top-level value");
      }
      return tree;
    }

    private Object value(JsonParser parser, String path) throws IOException {
      lines.put(path, parser.currentTokenLocation().getLineNr());
      JsonToken token = parser.currentToken();
      switch (token) {
        case START_OBJECT -> {
          Map<String, Object> object = new LinkedHashMap<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String child = path.isEmpty() ? key : path + "." + key;
            parser.nextToken();
            if (object.containsKey(key)) {
              duplicateKeys.add(child);
            }
            object.put(key, value(parser, child));
          }
          return object;
        }
        case START_ARRAY -> {
          List<Object> array = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(parser, path + "[" + array.size() + "]"));
          }
          return array;
        }
        case VALUE_STRING -> {
          return parser.getText();
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          return parser.getNumberValue();
        }
        case VALUE_TRUE, VALUE_FALSE -> {
          return parser.getBooleanValue();
        }
        case VALUE_NULL -> {
          return NULL;
        }
        default -> throw new JsonParseException(parser, "unexpected token " + token);
      }
    }

    String where(String path) {
      Integer line = null;
      for (String p = path; line == null; p = parentPath(p)) {
        line = lines.get(p);
        if (p.isEmpty()) {
          break;
        }
      }
      return (path.isEmpty() ? "(root)" : path) + (line == null ? "" : " (line " + line + ")");
    }

    private static String parentPath(String path) {
      int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      return cut < 0 ? "" : path.substring(0, cut);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
      return (Map<String, Object>) value;
    }

    static String show(Object value) {
      return value instanceof String ? "\"" + value + "\"" : value + " (" + typeName(value) + ")";
    }

    private static String typeName(Object value) {
      if (value instanceof Number) {
        return "number";
      } else if (value instanceof Boolean) {
        return "boolean";
      } else if (value instanceof List<?>) {
        return "array";
      } else if (value instanceof Map<?, ?>) {
        return "object";
      }
      return value == NULL ? "null" : "string";
    }
  }
}
