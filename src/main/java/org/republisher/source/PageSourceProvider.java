package org.republisher.source;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.republisher.InvalidValueException;

/**
 * Creates {@link PageSource}s from configuration, under the key {@code page}. Stateless and
 * thread-safe; {@link #create(SourceConfig)} does no I/O.
 *
 * <p>The configuration's URI is the page to start from ({@code https:}, {@code http:} or {@code
 * file:}), its id the source's id, and its publication, when given, the one every article is
 * credited to. The options, all optional:
 *
 * <table>
 *   <caption>Options of the page source</caption>
 *   <tr><th>option</th><th>value</th><th>default</th></tr>
 *   <tr><td>{@code profile}</td><td>the name of a built-in profile: {@code aggregator}</td>
 *       <td>{@code aggregator}</td></tr>
 *   <tr><td>{@code selector.title}, {@code selector.attribution}, {@code selector.date}, {@code
 *       selector.body}, {@code selector.sourceLink}, {@code selector.image}, {@code
 *       selector.boilerplate}, {@code selector.listing}</td><td>a CSS selector replacing the
 *       profile's (see {@link PageProfile}); empty for none (but the title's)</td>
 *       <td>the profile's</td></tr>
 *   <tr><td>{@code maxPages}</td><td>pages read per fetch, 1 to {@value
 *       PageSource#MAX_PAGES_LIMIT}</td><td>{@value PageSource#DEFAULT_MAX_PAGES}</td></tr>
 *   <tr><td>{@code maxDepth}</td><td>links followed away from the page, 0 to {@value
 *       PageSource#MAX_DEPTH_LIMIT}</td><td>{@value PageSource#DEFAULT_MAX_DEPTH}</td></tr>
 *   <tr><td>{@code sameHostOnly}</td><td>{@code true} to keep to the configured page's exact
 *       scheme, host and port, or {@code false}</td><td>{@code true}</td></tr>
 *   <tr><td>{@code maxPageBytes}</td><td>the cap on one page, in bytes</td><td>4194304 (4
 *       MiB)</td></tr>
 *   <tr><td>{@code publicUrl}</td><td>the public http(s) URL of the page, for pages read from
 *       files</td><td>none</td></tr>
 *   <tr><td>{@code zone}</td><td>the zone of the publications read from attribution lines, such
 *       as {@code Africa/Casablanca} or {@code +01:00}</td><td>{@code Africa/Casablanca}</td></tr>
 *   <tr><td>{@code connectTimeout}, {@code readTimeout}, {@code crawlTimeout}</td><td>ISO-8601
 *       durations such as {@code PT10S}: to connect, for one page (redirects and body included),
 *       for the whole crawl</td><td>10 s, 10 s, 20 s</td></tr>
 *   <tr><td>{@code allowPrivate}</td><td>destinations that may be reached though not public:
 *       IP addresses, CIDR networks ({@code 10.0.0.0/8}) and host names, separated by commas (see
 *       {@link PageSource.Builder#allowPrivate})</td><td>none</td></tr>
 * </table>
 *
 * <p>An unknown option is rejected, so a misspelt one is not silently ignored.
 */
public final class PageSourceProvider implements SourceProvider {

  /** The key this provider serves. */
  public static final String KEY = "page";

  private static final String SELECTOR = "selector.";

  private static final Set<String> OPTIONS =
      Set.of(
          "profile",
          "maxPages",
          "maxDepth",
          "sameHostOnly",
          "maxPageBytes",
          "publicUrl",
          "zone",
          "connectTimeout",
          "readTimeout",
          "crawlTimeout",
          "allowPrivate");

  private static final Set<String> SELECTORS =
      Set.of(
          "title", "attribution", "date", "body", "sourceLink", "image", "boilerplate", "listing");

  /** Creates the provider; for {@link java.util.ServiceLoader}. */
  public PageSourceProvider() {}

  /**
   * Returns the key of this provider.
   *
   * @return {@code page}
   */
  @Override
  public Set<String> keys() {
    return Set.of(KEY);
  }

  /**
   * Creates a page source from a configuration whose options are described in the class
   * documentation.
   *
   * @param config the configuration
   * @return a new source; no page is read yet
   * @throws InvalidValueException naming the option ({@code options.maxPages}) and its value when
   *     an option is unknown or its value is not valid, or naming {@code start} when the URI is not
   *     http(s) or {@code file:}
   */
  @Override
  public ArticleSource create(SourceConfig config) {
    Map<String, String> options = config.options();
    for (String name : new TreeSet<>(options.keySet())) {
      boolean known =
          OPTIONS.contains(name)
              || name.startsWith(SELECTOR) && SELECTORS.contains(name.substring(SELECTOR.length()));
      if (!known) {
        throw new InvalidValueException(
            "options." + name, options.get(name), "is not an option of the page source");
      }
    }
    try {
      return build(config, options);
    } catch (InvalidValueException e) {
      throw option(e);
    }
  }

  private static ArticleSource build(SourceConfig config, Map<String, String> options) {
    PageSource.Builder b =
        PageSource.builder(config.uri()).id(config.id()).profile(profile(options));
    String value = options.get("maxPages");
    if (value != null) {
      b.maxPages(integer("maxPages", value));
    }
    value = options.get("maxDepth");
    if (value != null) {
      b.maxDepth(integer("maxDepth", value));
    }
    value = options.get("sameHostOnly");
    if (value != null) {
      b.sameHostOnly(bool("sameHostOnly", value));
    }
    value = options.get("maxPageBytes");
    if (value != null) {
      b.maxPageBytes(integer("maxPageBytes", value));
    }
    value = options.get("publicUrl");
    if (value != null) {
      b.publicUrl(uri("publicUrl", value));
    }
    value = options.get("zone");
    if (value != null) {
      b.zone(zone(value));
    }
    value = options.get("connectTimeout");
    if (value != null) {
      b.connectTimeout(duration("connectTimeout", value));
    }
    value = options.get("readTimeout");
    if (value != null) {
      b.readTimeout(duration("readTimeout", value));
    }
    value = options.get("crawlTimeout");
    if (value != null) {
      b.crawlTimeout(duration("crawlTimeout", value));
    }
    value = options.get("allowPrivate");
    if (value != null) {
      b.allowPrivate(FeedSourceProvider.list(value));
    }
    return b.publication(config.publication()).build();
  }

  private static PageProfile profile(Map<String, String> options) {
    String name = options.getOrDefault("profile", PageProfile.AGGREGATOR.name());
    if (!name.strip().equalsIgnoreCase(PageProfile.AGGREGATOR.name())) {
      throw new InvalidValueException(
          "options.profile", name, "is not a built-in profile (aggregator)");
    }
    PageProfile.Builder p = PageProfile.AGGREGATOR.toBuilder();
    boolean changed = false;
    for (String field : SELECTORS) {
      String selector = options.get(SELECTOR + field);
      if (selector == null) {
        continue;
      }
      changed = true;
      String value = selector.isBlank() ? null : selector;
      switch (field) {
        case "title" -> {
          if (value == null) {
            throw new InvalidValueException("options.selector.title", selector, "is blank");
          }
          p.title(value);
        }
        case "attribution" -> p.attribution(value);
        case "date" -> p.date(value);
        case "body" -> p.body(value);
        case "sourceLink" -> p.sourceLink(value);
        case "image" -> p.image(value);
        case "boilerplate" -> p.boilerplate(value);
        default -> p.listing(value);
      }
    }
    return changed ? p.build() : PageProfile.AGGREGATOR;
  }

  /** Renames a rejected value's field to the option it came from, when it came from one. */
  private static InvalidValueException option(InvalidValueException e) {
    String field;
    if (e.field().startsWith("profile.")) {
      field = SELECTOR + e.field().substring("profile.".length());
    } else if (OPTIONS.contains(e.field())) {
      field = e.field();
    } else {
      return e;
    }
    String message = String.valueOf(e.getMessage());
    String reason = message.startsWith(e.field()) ? message.substring(e.field().length()) : message;
    int quote = e.value() == null ? -1 : reason.lastIndexOf(": \"");
    if (quote >= 0) {
      reason = reason.substring(0, quote);
    }
    return new InvalidValueException("options." + field, e.value(), reason.strip(), e);
  }

  private static int integer(String option, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new InvalidValueException("options." + option, value, "is not an integer", e);
    }
  }

  private static boolean bool(String option, String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.equals("true")) {
      return true;
    }
    if (v.equals("false")) {
      return false;
    }
    throw new InvalidValueException("options." + option, value, "is not true or false");
  }

  private static URI uri(String option, String value) {
    try {
      return new URI(value.strip());
    } catch (java.net.URISyntaxException e) {
      throw new InvalidValueException("options." + option, value, "is not a URL", e);
    }
  }

  private static ZoneId zone(String value) {
    try {
      return ZoneId.of(value.strip());
    } catch (DateTimeException e) {
      throw new InvalidValueException("options.zone", value, "is not a time-zone id", e);
    }
  }

  private static Duration duration(String option, String value) {
    try {
      return Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(
          "options." + option, value, "is not an ISO-8601 duration such as PT10S", e);
    }
  }
}
