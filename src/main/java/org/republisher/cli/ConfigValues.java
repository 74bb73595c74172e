package org.republisher.cli;

import static org.republisher.cli.YamlTree.quoted;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.republisher.cli.YamlTree.Entry;
import org.republisher.cli.YamlTree.Mapping;
import org.republisher.cli.YamlTree.Node;
import org.republisher.cli.YamlTree.Scalar;
import org.republisher.cli.YamlTree.Sequence;
import org.republisher.write.FeedFormat;

/**
 * Typed values read out of a located YAML tree for {@link ConfigReader}: each bad value, missing
 * key or unknown key becomes a problem line naming the file, the line and the key path, and reading
 * goes on, so that every problem of a file is reported at once. Paths are resolved against the
 * configuration's folder.
 */
final class ConfigValues {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

  private final String name;
  private final Path folder;
  private final List<String> problems = new ArrayList<>();

  /**
   * Creates a reader of values.
   *
   * @param name the configuration file's name in messages
   * @param folder the folder relative paths are resolved against
   */
  ConfigValues(String name, Path folder) {
    this.name = name;
    this.folder = folder;
  }

  /** Returns the problems found so far, in the order found. */
  List<String> problems() {
    return problems;
  }

  void problem(int line, String path, String message) {
    problems.add(name + ":" + line + ": " + path + ": " + message);
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Returns the known key nearest to an unknown one, by edit distance, or null if none is near. */
  static @Nullable String nearest(String unknown, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String wanted = unknown.toLowerCase(Locale.ROOT);
    for (String key : known) {
      int d = distance(wanted, key.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = key;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, Math.min(3, unknown.length() / 3));
    return bestDistance <= allowed ? best : null;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /**
   * Parses a duration: a whole number and a unit ({@code 500ms}, {@code 30s}, {@code 15m}, {@code
   * 1h}, {@code 365d}), or ISO-8601 ({@code PT15M}, {@code P1D}).
   *
   * @return the duration, or null when the text is neither
   */
  static @Nullable Duration duration(String text) {
    String trimmed = text.strip();
    Matcher m = DURATION.matcher(trimmed);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(trimmed);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Nullable Fields fields(Node node, String path, List<String> known) {
    if (!(node instanceof Mapping map)) {
      problem(node.line(), path.isEmpty() ? "(top)" : path, "is " + node.shown()
          + ", not a mapping of " + String.join(", ", known));
      return null;
    }
    Set<String> keys = new LinkedHashSet<>(known);
    for (Entry entry : map.entries()) {
      if (!keys.contains(entry.key())) {
        String near = nearest(entry.key(), keys);
        problem(entry.line(), child(path, entry.key()), "unknown key"
            + (near != null
                ? "; did you mean " + quoted(near) + "?"
                : "; known keys here: " + String.join(", ", keys)));
      }
    }
    return new Fields(map, path);
  }

  /** One item of a list (or a lone value given where a list may be). */
  final class Item {
    final Node node;
    final String path;

    Item(Node node, String path) {
      this.node = node;
      this.path = path;
    }

    String where() {
      return name + ":" + node.line() + ": " + path;
    }

    @Nullable Fields fields(List<String> known) {
      return ConfigValues.this.fields(node, path, known);
    }

    @Nullable String text() {
      if (node instanceof Scalar s && s.text() != null && !s.text().isBlank()) {
        return s.text().strip();
      }
      problem(node.line(), path, "is " + node.shown() + ", not a text");
      return null;
    }

    @Nullable Path path() {
      String text = text();
      if (text == null) {
        return null;
      }
      try {
        return folder.resolve(text).normalize();
      } catch (InvalidPathException e) {
        problem(node.line(), path, quoted(text) + " is not a path");
        return null;
      }
    }

    @Nullable String language() {
      String text = text();
      if (text == null) {
        return null;
      }
      try {
        Locale locale = new Locale.Builder().setLanguageTag(text.replace('_', '-')).build();
        if (!locale.getLanguage().isEmpty()) {
          return locale.toLanguageTag();
        }
      } catch (IllformedLocaleException e) {
        // reported below
      }
      problem(node.line(), path, quoted(text) + " is not a BCP 47 language tag such as fr or ar-MA");
      return null;
    }

    @Nullable FeedFormat format() {
      String text = text();
      if (text == null) {
        return null;
      }
      switch (text.toLowerCase(Locale.ROOT)) {
        case "rss":
          return FeedFormat.RSS;
        case "atom":
          return FeedFormat.ATOM;
        case "json":
        case "jsonfeed":
        case "json_feed":
          return FeedFormat.JSON_FEED;
        default:
          problem(node.line(), path, quoted(text) + " is not a format: rss, atom or json");
          return null;
      }
    }
  }

  /** The keys of one mapping, read with their locations. */
  final class Fields {
    final Mapping map;
    final String path;

    Fields(Mapping map, String path) {
      this.map = map;
      this.path = path;
    }

    @Nullable Entry entry(String key) {
      for (Entry entry : map.entries()) {
        if (entry.key().equals(key)) {
          return entry;
        }
      }
      return null;
    }

    void problem(String key, String message) {
      Entry entry = entry(key);
      int line = entry != null ? entry.value().line() : map.line();
      ConfigValues.this.problem(line, child(path, key), message);
    }

    void missing(String key) {
      ConfigValues.this.problem(map.line(), child(path, key), "is missing");
    }

    /** Returns the value of a key as an item, or null when absent or null. */
    @Nullable Item item(String key) {
      Entry entry = entry(key);
      if (entry == null || entry.value() instanceof Scalar s && s.text() == null) {
        return null;
      }
      return new Item(entry.value(), child(path, key));
    }

    @Nullable String text(String key) {
      Item item = item(key);
      return item == null ? null : item.text();
    }

    @Nullable String required(String key) {
      Item item = item(key);
      if (item == null) {
        missing(key);
        return null;
      }
      return item.text();
    }

    /** Returns the items of a list, or the one value given in its place. */
    List<Item> items(String key) {
      Item item = item(key);
      if (item == null) {
        return List.of();
      }
      if (item.node instanceof Sequence seq) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
          items.add(new Item(seq.items().get(i), item.path + "[" + i + "]"));
        }
        return items;
      }
      return List.of(item);
    }

    List<String> texts(String key) {
      List<String> texts = new ArrayList<>();
      for (Item item : items(key)) {
        String text = item.text();
        if (text != null) {
          texts.add(text);
        }
      }
      return texts;
    }

    @Nullable Fields mapping(String key, List<String> known) {
      Item item = item(key);
      return item == null ? null : item.fields(known);
    }

    @Nullable Path path(String key, String fallback) {
      Item item = item(key);
      return item == null ? folder.resolve(fallback).normalize() : item.path();
    }

    @Nullable String language(String key) {
      Item item = item(key);
      return item == null ? null : item.language();
    }

    @Nullable ZoneId zone(String key) {
      String text = text(key);
      if (text == null) {
        return null;
      }
      try {
        return ZoneId.of(text);
      } catch (DateTimeException e) {
        problem(key, quoted(text) + " is not a time zone such as Africa/Casablanca or +01:00");
        return null;
      }
    }

    /** Returns the duration of a key, or the fallback when it is absent or bad (reported). */
    @Nullable Duration duration(String key, @Nullable Duration fallback) {
      String text = text(key);
      if (text == null) {
        return fallback;
      }
      Duration value = ConfigValues.duration(text);
      if (value == null) {
        problem(key, quoted(text) + " is not a duration such as 30s, 15m, 1h, 7d or PT15M");
        return fallback;
      }
      if (value.isZero() || value.isNegative()) {
        problem(key, quoted(text) + " is not positive");
        return fallback;
      }
      return value;
    }

    int integer(String key, int fallback, int min) {
      String text = text(key);
      if (text == null) {
        return fallback;
      }
      try {
        int value = Integer.parseInt(text);
        if (value >= min) {
          return value;
        }
        problem(key, quoted(text) + " is below " + min);
      } catch (NumberFormatException e) {
        problem(key, quoted(text) + " is not a whole number");
      }
      return fallback;
    }

    boolean bool(String key, boolean fallback) {
      String text = text(key);
      if (text == null) {
        return fallback;
      }
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> {
          problem(key, quoted(text) + " is not true or false");
          yield fallback;
        }
      };
    }

    /** A source's URI: absolute as given, or a path relative to the configuration's folder. */
    @Nullable URI uri(String key) {
      String text = text(key);
      if (text == null) {
        return null;
      }
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        problem(key, quoted(text) + " is not a URI");
        return null;
      }
      if (uri.getScheme() != null && uri.getScheme().length() > 1) {
        return uri;
      }
      try {
        return folder.resolve(text).normalize().toUri();
      } catch (InvalidPathException e) {
        problem(key, quoted(text) + " is not a URI or a path");
        return null;
      }
    }

    /** An absolute http(s) URL. */
    @Nullable URI webUrl(String key) {
      String text = text(key);
      if (text == null) {
        return null;
      }
      try {
        URI uri = new URI(text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        problem(key, quoted(text) + " is not a URI");
        return null;
      }
      problem(key, quoted(text) + " is not an absolute http(s) URL");
      return null;
    }

    /** The site's URL: an absolute http(s) URL of a folder, without query or fragment. */
    @Nullable URI siteUrl(String key) {
      if (item(key) == null) {
        missing(key);
        return null;
      }
      URI uri = webUrl(key);
      if (uri == null) {
        return null;
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        problem(key, quoted(uri.toString()) + " has a query or a fragment: give the folder the"
            + " feeds are served from");
        return null;
      }
      String text = uri.toString();
      return URI.create(text.endsWith("/") ? text : text + "/");
    }

    Map<String, String> options(String key) {
      Item item = item(key);
      if (item == null) {
        return Map.of();
      }
      if (!(item.node instanceof Mapping options)) {
        problem(key, "is " + item.node.shown() + ", not a mapping of the provider's options");
        return Map.of();
      }
      Map<String, String> values = new TreeMap<>();
      for (Entry entry : options.entries()) {
        String text = new Item(entry.value(), child(item.path, entry.key())).text();
        if (text != null) {
          values.put(entry.key(), text);
        }
      }
      return new LinkedHashMap<>(values);
    }
  }
}
