package org.republisher.cli;

import static org.republisher.cli.YamlTree.quoted;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
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
import org.republisher.Republisher;
import org.republisher.model.FeedSpec;
import org.republisher.model.Publication;
import org.republisher.model.Selection;
import org.republisher.source.SourceConfig;
import org.republisher.write.FeedFormat;
import org.republisher.write.Retention;
import org.republisher.cli.YamlTree.Entry;
import org.republisher.cli.YamlTree.Mapping;
import org.republisher.cli.YamlTree.Node;
import org.republisher.cli.YamlTree.Scalar;
import org.republisher.cli.YamlTree.Sequence;

/**
 * Reads the command's YAML configuration into a {@link Config}, checking every key and value. Every
 * problem found is reported, each as one line naming the file, the line, the key path and what is
 * wrong; a key that is not known is a problem too, with the nearest known key suggested. Relative
 * paths are resolved against the configuration file's folder. The keys and their defaults are in
 * the README's configuration reference.
 */
final class ConfigReader {
  /** The name of the configuration file the command reads unless told otherwise. */
  static final String DEFAULT_FILE = "republisher.yaml";

  /** The store unless told otherwise: a SQLite file next to the configuration. */
  static final String DEFAULT_STORE = "republisher.db";

  /** The store kept in memory: nothing is remembered from one run to the next. */
  static final String MEMORY_STORE = "memory:";

  /** The output folder unless told otherwise, next to the configuration. */
  static final String DEFAULT_OUTPUT = "feeds";

  /**
   * The known keys of each mapping, by its schema path ({@code ""} for the top, {@code []} for the
   * items of a list), in the order the README's reference lists them. Provider options ({@code
   * sources[].options}) are the providers' own keys.
   */
  static final Map<String, List<String>> KEYS = Map.of(
      "", List.of("site", "output", "store", "interval", "deadline", "retention", "sources", "opml",
          "feeds"),
      "site", List.of("url", "link"),
      "retention", List.of("maxAge", "maxArticles"),
      "sources[]", List.of("id", "uri", "type", "interval", "publication", "options"),
      "sources[].publication", List.of("name", "url", "feedUrl", "language", "zone"),
      "feeds[]", List.of("name", "title", "description", "language", "limit", "pageSize", "filter",
          "perPublication", "formats"),
      "feeds[].filter", List.of("publication", "category", "language"));

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
  private static final Pattern NAME_SEGMENT = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final String SLUG = "{slug}";
  private static final String PUBLICATION = "{publication}";

  private final Path file;
  private final String name;
  private final Path folder;
  private final List<String> problems = new ArrayList<>();

  private ConfigReader(Path file) {
    this.file = file;
    this.name = file.toString();
    Path parent = file.toAbsolutePath().normalize().getParent();
    this.folder = parent != null ? parent : file.toAbsolutePath();
  }

  /**
   * Reads a configuration file.
   *
   * @param file the file, as named on the command line
   * @return the configuration
   * @throws ConfigException listing every problem, when there is one
   */
  static Config read(Path file) {
    return new ConfigReader(file).read();
  }

  private Config read() {
    Node root;
    try {
      byte[] bytes = Files.readAllBytes(file);
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      root = YamlTree.read(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text),
          name);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name + ": no such file");
    } catch (CharacterCodingException e) {
      throw new ConfigException(name + ": not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot be read: " + e.getMessage());
    }
    if (root == null) {
      throw new ConfigException(name + ":1: the configuration is empty: site.url and sources are"
          + " needed");
    }
    Fields top =
        fields(root, "", KEYS.get(""));
    if (top == null) {
      throw new ConfigException(sorted(problems));
    }
    URI site = null;
    URI siteLink = null;
    Item siteItem = top.item("site");
    if (siteItem == null) {
      Entry entry = top.entry("site");
      problem(entry != null ? entry.line() : top.map.line(), "site.url",
          "is missing: the URL the feeds are served from");
    } else {
      Fields siteFields = siteItem.fields(KEYS.get("site"));
      if (siteFields != null) {
        site = siteFields.siteUrl("url");
        siteLink = siteFields.webUrl("link");
      }
    }
    Path output = top.path("output", DEFAULT_OUTPUT);
    String store = top.store();
    Duration interval = top.duration("interval", Republisher.DEFAULT_INTERVAL);
    Duration deadline = top.duration("deadline", Republisher.DEFAULT_DEADLINE);
    Retention retention = retention(top.mapping("retention", KEYS.get("retention")));
    List<Config.Source> sources = new ArrayList<>();
    for (Item item : top.items("sources")) {
      Config.Source source = source(item);
      if (source != null) {
        sources.add(source);
      }
    }
    for (Item item : top.items("opml")) {
      Path opml = item.path();
      if (opml != null) {
        try {
          sources.addAll(Opml.read(opml, shown(opml), item.where()));
        } catch (ConfigException e) {
          problems.addAll(e.problems());
        }
      }
    }
    uniqueIds(sources);
    if (top.items("sources").isEmpty() && top.items("opml").isEmpty()) {
      Entry entry = top.entry("sources");
      problem(entry != null ? entry.line() : top.map.line(), "sources",
          "there is no source: give sources, or opml");
    }
    List<Config.Feed> feeds = feeds(top);
    if (!problems.isEmpty() || site == null || output == null || store == null) {
      throw new ConfigException(sorted(problems));
    }
    return new Config(
        file, site, siteLink, output, store, interval, deadline, retention, sources, feeds);
  }

  private Retention retention(@Nullable Fields fields) {
    if (fields == null) {
      return Retention.DEFAULT;
    }
    Duration maxAge = fields.duration("maxAge", Retention.DEFAULT.maxAge());
    int maxArticles = fields.integer("maxArticles", Retention.DEFAULT.maxArticles(), 1);
    return new Retention(maxAge, maxArticles);
  }

  private Config.@Nullable Source source(Item item) {
    Fields f =
        item.fields(KEYS.get("sources[]"));
    if (f == null) {
      return null;
    }
    String id = f.required("id");
    URI uri = f.uri("uri");
    String type = f.text("type");
    if (type != null) {
      type = type.toLowerCase(Locale.ROOT);
    }
    Duration interval = f.duration("interval", null);
    Publication publication = publication(f.mapping("publication",
        KEYS.get("sources[].publication")));
    Map<String, String> options = f.options("options");
    if (id == null || uri == null) {
      if (f.entry("uri") == null) {
        f.missing("uri");
      }
      return null;
    }
    return new Config.Source(
        new SourceConfig(id, uri, type, publication, options), interval, item.where());
  }

  private @Nullable Publication publication(@Nullable Fields f) {
    if (f == null) {
      return null;
    }
    String pubName = f.required("name");
    URI url = f.webUrl("url");
    URI feedUrl = f.webUrl("feedUrl");
    String language = f.language("language");
    ZoneId zone = f.zone("zone");
    if (pubName == null) {
      return null;
    }
    Publication.Builder b = Publication.builder(pubName);
    if (url != null) {
      b.url(url.toString());
    }
    if (feedUrl != null) {
      b.feedUrl(feedUrl.toString());
    }
    if (language != null) {
      b.language(language);
    }
    if (zone != null) {
      b.zone(zone);
    }
    return b.build();
  }

  private void uniqueIds(List<Config.Source> sources) {
    Map<String, String> seen = new HashMap<>();
    for (Config.Source source : sources) {
      String first = seen.putIfAbsent(source.config().id(), source.where());
      if (first != null) {
        problems.add(source.where() + ".id: " + quoted(source.config().id())
            + " is the id of another source too (" + first + ")");
      }
    }
  }

  private List<Config.Feed> feeds(Fields top) {
    List<Config.Feed> feeds = new ArrayList<>();
    if (top.entry("feeds") == null) {
      feeds.add(new Config.Feed("all", "all", null, null, FeedSpec.DEFAULT_LIMIT, null,
          Selection.ALL, false, EnumSet.allOf(FeedFormat.class), name + ": feeds (default)"));
      return feeds;
    }
    Map<String, String> names = new HashMap<>();
    for (Item item : top.items("feeds")) {
      Config.Feed feed = feed(item);
      if (feed != null) {
        String first = names.putIfAbsent(feed.name(), feed.where());
        if (first != null) {
          problems.add(feed.where() + ".name: " + quoted(feed.name())
              + " is the name of another feed too (" + first + ")");
        }
        feeds.add(feed);
      }
    }
    return feeds;
  }

  private Config.@Nullable Feed feed(Item item) {
    Fields f = item.fields(KEYS.get("feeds[]"));
    if (f == null) {
      return null;
    }
    boolean perPublication = f.bool("perPublication", false);
    String feedName = perPublication ? f.text("name") : f.required("name");
    if (perPublication && feedName == null) {
      feedName = SLUG;
    }
    if (feedName != null && !feedName(f, feedName, perPublication)) {
      feedName = null;
    }
    String title = f.text("title");
    if (title == null) {
      title = perPublication ? PUBLICATION : feedName;
    }
    String description = f.text("description");
    String language = f.language("language");
    int limit = f.integer("limit", FeedSpec.DEFAULT_LIMIT, 1);
    Integer pageSize = f.entry("pageSize") == null ? null : f.integer("pageSize", 1, 1);
    Selection selection = Selection.ALL;
    Fields filter = f.mapping("filter", KEYS.get("feeds[].filter"));
    if (filter != null) {
      List<String> publications = filter.texts("publication");
      if (perPublication && !publications.isEmpty()) {
        filter.problem("publication", "is not for a feed per publication, which takes each one");
      }
      List<String> languages = new ArrayList<>();
      for (Item lang : filter.items("language")) {
        String tag = lang.language();
        if (tag != null) {
          languages.add(tag);
        }
      }
      selection = new Selection(
          Set.copyOf(publications), Set.copyOf(filter.texts("category")), Set.copyOf(languages));
      if (language == null && languages.size() == 1) {
        language = languages.get(0);
      }
    }
    Set<FeedFormat> formats = EnumSet.noneOf(FeedFormat.class);
    for (Item format : f.items("formats")) {
      FeedFormat parsed = format.format();
      if (parsed != null) {
        formats.add(parsed);
      }
    }
    if (f.entry("formats") != null && formats.isEmpty() && problems.isEmpty()) {
      f.problem("formats", "is empty: give rss, atom or json");
    }
    if (formats.isEmpty()) {
      formats = EnumSet.allOf(FeedFormat.class);
    }
    if (feedName == null || title == null) {
      return null;
    }
    return new Config.Feed(feedName, title, description, language, limit, pageSize, selection,
        perPublication, formats, item.where());
  }

  private boolean feedName(Fields f, String feedName, boolean perPublication) {
    String plain = feedName;
    if (perPublication) {
      int at = feedName.indexOf(SLUG);
      if (at < 0 || feedName.indexOf(SLUG, at + 1) >= 0) {
        f.problem("name", quoted(feedName) + " does not hold " + SLUG
            + " once: each publication's feed needs its own name");
        return false;
      }
      plain = feedName.replace(SLUG, "slug");
    }
    for (String segment : plain.split("/", -1)) {
      if (!NAME_SEGMENT.matcher(segment).matches() || segment.equals("archive")) {
        f.problem("name", quoted(feedName) + " is not a feed name: lowercase letters, digits,"
            + " '.', '-' and '_', in segments separated by '/', none of them \"archive\"");
        return false;
      }
    }
    return true;
  }

  /** Sorts the problems of this file by line, those of other files (OPML) after them. */
  private List<String> sorted(List<String> found) {
    List<String> sorted = new ArrayList<>(found);
    sorted.sort(java.util.Comparator.comparingInt(this::lineOf));
    return sorted;
  }

  private int lineOf(String problem) {
    if (problem.startsWith(name + ":")) {
      int start = name.length() + 1;
      int end = start;
      while (end < problem.length() && Character.isDigit(problem.charAt(end))) {
        end++;
      }
      if (end > start && end - start < 10) {
        return Integer.parseInt(problem.substring(start, end));
      }
    }
    return Integer.MAX_VALUE;
  }

  /** Names a file in messages: relative to the working folder when it is inside it. */
  private static String shown(Path path) {
    Path here = Path.of("").toAbsolutePath();
    return path.startsWith(here) ? here.relativize(path).toString() : path.toString();
  }

  private void problem(int line, String path, String message) {
    problems.add(name + ":" + line + ": " + path + ": " + message);
  }

  private static String child(String path, String key) {
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

  private @Nullable Fields fields(Node node, String path, List<String> known) {
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
  private final class Item {
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
      return ConfigReader.this.fields(node, path, known);
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
  private final class Fields {
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
      ConfigReader.this.problem(line, child(path, key), message);
    }

    void missing(String key) {
      ConfigReader.this.problem(map.line(), child(path, key), "is missing");
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

    @Nullable String store() {
      Item item = item("store");
      if (item == null) {
        return folder.resolve(DEFAULT_STORE).toString();
      }
      String text = item.text();
      if (text == null) {
        return null;
      }
      if (text.regionMatches(true, 0, "jdbc:", 0, 5) || text.equals(MEMORY_STORE)) {
        return text;
      }
      Path path = item.path();
      return path == null ? null : path.toString();
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
      Duration value = ConfigReader.duration(text);
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
