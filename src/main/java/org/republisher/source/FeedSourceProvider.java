package org.republisher.source;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.republisher.InvalidValueException;

/**
 * Creates {@link FeedSource}s, upstream RSS and Atom feeds, for the keys {@code http}, {@code
 * https} and {@code file}: a {@link SourceConfig} whose URI has one of these schemes (and no other
 * type) is read as a feed. Stateless and thread-safe.
 *
 * <h2>Options</h2>
 *
 * Every option is optional; an option this provider does not know is rejected, so a typo cannot
 * pass unnoticed.
 *
 * <table>
 *   <caption>Options of a feed source</caption>
 *   <tr><th>option</th><th>value</th><th>default</th></tr>
 *   <tr><td>{@code maxBytes}</td><td>the cap on a body after decoding: a whole number of bytes,
 *       or with a unit {@code KiB} or {@code MiB} ({@code 512KiB})</td><td>8 MiB</td></tr>
 *   <tr><td>{@code connectTimeout}</td><td>the time allowed to connect: {@code 300ms}, {@code
 *       10s}, {@code 2m}, or ISO-8601 ({@code PT10S})</td><td>10 s</td></tr>
 *   <tr><td>{@code readTimeout}</td><td>the time the whole fetch may take, redirects, headers
 *       and bodies included, as {@code connectTimeout}</td><td>30 s</td></tr>
 *   <tr><td>{@code maxRedirects}</td><td>how many redirects are followed, 0 to 20</td>
 *       <td>5</td></tr>
 *   <tr><td>{@code userAgent}</td><td>the {@code User-Agent} header</td><td>{@code republisher/0.1
 *       (+https://github.com/republisher/republisher)}</td></tr>
 *   <tr><td>{@code maxItems}</td><td>how many entries are read, the first in document order</td>
 *       <td>{@value FeedSource#DEFAULT_MAX_ITEMS}</td></tr>
 *   <tr><td>{@code allowPrivate}</td><td>destinations that may be reached though not public:
 *       IP addresses, CIDR networks ({@code 10.0.0.0/8}) and host names, separated by commas (see
 *       {@link FeedSource.Builder#allowPrivate})</td><td>none</td></tr>
 * </table>
 *
 * <p>The configuration's id names the source; its publication, when given, is the {@linkplain
 * FeedSource.Builder#publication publication} of the feed's articles. Creating a source does no
 * I/O.
 */
public final class FeedSourceProvider implements SourceProvider {

  private static final Set<String> KEYS = Set.of("http", "https", "file");
  private static final Set<String> OPTIONS =
      Set.of(
          "maxBytes",
          "connectTimeout",
          "readTimeout",
          "maxRedirects",
          "userAgent",
          "maxItems",
          "allowPrivate");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,10})\\s*(|B|KiB|MiB)");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)");

  /** Creates the provider; {@link java.util.ServiceLoader} calls this constructor. */
  public FeedSourceProvider() {}

  /**
   * Returns {@code http}, {@code https} and {@code file}.
   *
   * @return the keys
   */
  @Override
  public Set<String> keys() {
    return KEYS;
  }

  /**
   * Creates a feed source from a configuration.
   *
   * @param config the configuration: its URI, id, publication and the options above
   * @return a new {@link FeedSource}
   * @throws InvalidValueException naming the option and value when an option is unknown or its
   *     value is not valid, or the URI is not an http(s) or file URI
   */
  @Override
  public ArticleSource create(SourceConfig config) {
    FeedSource.Builder b =
        FeedSource.builder(config.uri()).id(config.id()).publication(config.publication());
    for (Map.Entry<String, String> option : config.options().entrySet()) {
      String name = option.getKey();
      String value = option.getValue().strip();
      switch (name) {
        case "maxBytes" -> b.maxBytes(size(name, value));
        case "connectTimeout" -> b.connectTimeout(duration(name, value));
        case "readTimeout" -> b.readTimeout(duration(name, value));
        case "maxRedirects" -> b.maxRedirects(number(name, value));
        case "userAgent" -> b.userAgent(value);
        case "maxItems" -> b.maxItems(number(name, value));
        case "allowPrivate" -> b.allowPrivate(list(value));
        default ->
            throw new InvalidValueException(
                "options." + name,
                option.getValue(),
                "is not an option of a feed source " + OPTIONS);
      }
    }
    return b.build();
  }

  /** Splits a comma-separated list, dropping blank entries. */
  static List<String> list(String value) {
    List<String> entries = new ArrayList<>();
    for (String entry : value.split(",")) {
      if (!entry.isBlank()) {
        entries.add(entry.strip());
      }
    }
    return entries;
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidValueException("options." + name, value, "is not a whole number", e);
    }
  }

  private static int size(String name, String value) {
    Matcher m = SIZE.matcher(value);
    if (!m.matches()) {
      throw new InvalidValueException(
          "options." + name, value, "is not a size such as 8388608, 512KiB or 8MiB");
    }
    long n = Long.parseLong(m.group(1));
    long bytes =
        switch (m.group(2)) {
          case "KiB" -> n * 1024;
          case "MiB" -> n * 1024 * 1024;
          default -> n;
        };
    if (bytes < 1 || bytes > Integer.MAX_VALUE - 16) {
      throw new InvalidValueException("options." + name, value, "is not between 1 byte and 2 GiB");
    }
    return (int) bytes;
  }

  private static Duration duration(String name, String value) {
    Matcher m = DURATION.matcher(value);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
          };
    } else {
      try {
        d = Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new InvalidValueException(
            "options." + name, value, "is not a duration such as 300ms, 10s, 2m or PT10S", e);
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new InvalidValueException("options." + name, value, "is not positive");
    }
    return d;
  }
}
