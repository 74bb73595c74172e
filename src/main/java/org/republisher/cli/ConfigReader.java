package org.republisher.cli;

import static org.republisher.cli.YamlTree.quoted;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.republisher.Republisher;
import org.republisher.model.FeedSpec;
import org.republisher.model.Publication;
import org.republisher.model.Selection;
import org.republisher.source.SourceConfig;
import org.republisher.write.FeedFormat;
import org.republisher.write.Retention;
import org.republisher.cli.ConfigValues.Fields;
import org.republisher.cli.ConfigValues.Item;
import org.republisher.cli.YamlTree.Entry;
import org.republisher.cli.YamlTree.Node;

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
          "feeds", "serve", "websub"),
      "site", List.of("url", "link"),
      "serve", List.of("address", "port", "threads"),
      "websub", List.of("hub"),
      "retention", List.of("maxAge", "maxArticles"),
      "sources[]", List.of("id", "uri", "type", "interval", "publication", "options"),
      "sources[].publication", List.of("name", "url", "feedUrl", "language", "zone"),
      "feeds[]", List.of("name", "title", "description", "language", "limit", "pageSize", "filter",
          "perPublication", "formats"),
      "feeds[].filter", List.of("publication", "category", "language"));

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:%_-]+|\\[[0-9A-Fa-f:.%]+]");
  private static final Pattern NAME_SEGMENT = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final String SLUG = "{slug}";
  private static final String PUBLICATION = "{publication}";

  private final Path file;
  private final String name;
  private final Path folder;
  private final ConfigValues values;
  private final List<String> problems;

  private ConfigReader(Path file) {
    this.file = file;
    this.name = file.toString();
    Path parent = file.toAbsolutePath().normalize().getParent();
    this.folder = parent != null ? parent : file.toAbsolutePath();
    this.values = new ConfigValues(name, folder);
    this.problems = values.problems();
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
    Fields top = values.fields(root, "", KEYS.get(""));
    if (top == null) {
      throw new ConfigException(sorted(problems));
    }
    URI site = null;
    URI siteLink = null;
    Item siteItem = top.item("site");
    if (siteItem == null) {
      Entry entry = top.entry("site");
      values.problem(entry != null ? entry.line() : top.map.line(), "site.url",
          "is missing: the URL the feeds are served from");
    } else {
      Fields siteFields = siteItem.fields(KEYS.get("site"));
      if (siteFields != null) {
        site = siteFields.siteUrl("url");
        siteLink = siteFields.webUrl("link");
      }
    }
    Path output = top.path("output", DEFAULT_OUTPUT);
    String store = store(top);
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
      values.problem(entry != null ? entry.line() : top.map.line(), "sources",
          "there is no source: give sources, or opml");
    }
    List<Config.Feed> feeds = feeds(top);
    Config.Serve serve = serve(top.mapping("serve", KEYS.get("serve")));
    Fields websub = top.mapping("websub", KEYS.get("websub"));
    URI hub = websub == null ? null : websub.webUrl("hub");
    if (!problems.isEmpty() || site == null || output == null || store == null) {
      throw new ConfigException(sorted(problems));
    }
    return new Config(file, site, siteLink, output, store, interval, deadline, retention, sources,
        feeds, serve, hub);
  }

  private Config.Serve serve(@Nullable Fields fields) {
    if (fields == null) {
      return Config.Serve.DEFAULT;
    }
    String address = fields.text("address");
    if (address != null && !HOST.matcher(address).matches()) {
      fields.problem("address", quoted(address) + " is not a host name or an IP address such as"
          + " 127.0.0.1, 0.0.0.0 or ::");
      address = null;
    }
    int port = fields.integer("port", Config.Serve.DEFAULT_PORT, 0);
    if (port > 65535) {
      fields.problem("port", port + " is above 65535");
    }
    int threads = fields.integer("threads", Config.Serve.DEFAULT.threads(), 1);
    return new Config.Serve(address != null ? address : Config.Serve.DEFAULT_ADDRESS, port,
        threads);
  }

  /** The store: a JDBC URL or {@code memory:} as given, else a path. */
  private @Nullable String store(Fields top) {
    Item item = top.item("store");
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

  private Retention retention(@Nullable Fields fields) {
    if (fields == null) {
      return Retention.DEFAULT;
    }
    Duration maxAge = fields.duration("maxAge", Retention.DEFAULT.maxAge());
    int maxArticles = fields.integer("maxArticles", Retention.DEFAULT.maxArticles(), 1);
    return new Retention(maxAge, maxArticles);
  }

  private Config.@Nullable Source source(Item item) {
    Fields f = item.fields(KEYS.get("sources[]"));
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

}
