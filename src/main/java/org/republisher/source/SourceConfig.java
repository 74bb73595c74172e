package org.republisher.source;

import static org.republisher.internal.Checks.notNull;

import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.model.Publication;

/**
 * The configuration of one source: where it is, which provider reads it, and provider options.
 * Immutable and thread-safe.
 *
 * @param id the source's id in logs and failures; not blank
 * @param uri where the source is: {@code https:}, {@code file:} or any scheme a provider serves
 * @param type the provider key to use, or {@code null} to choose by the URI's scheme
 * @param publication who publishes what the source yields, or {@code null} to take it from the
 *     source itself (an upstream feed's channel, a page's attribution line)
 * @param options provider-specific options, documented by each provider
 */
public record SourceConfig(
    String id,
    URI uri,
    @Nullable String type,
    @Nullable Publication publication,
    Map<String, String> options) {

  /**
   * Checks and copies the fields.
   *
   * @throws InvalidValueException when the id is blank
   */
  public SourceConfig {
    notNull(id, "id");
    notNull(uri, "uri");
    notNull(options, "options");
    if (id.isBlank()) {
      throw new InvalidValueException("source.id", id, "is blank");
    }
    options = Map.copyOf(options);
  }

  /**
   * Returns a configuration with only an id and a URI.
   *
   * @param id the source's id
   * @param uri where it is
   * @return the configuration
   */
  public static SourceConfig of(String id, URI uri) {
    return new SourceConfig(id, uri, null, null, Map.of());
  }

  /**
   * Returns the key that chooses the provider: the type, else the URI's scheme, lower case.
   *
   * @return the key
   */
  public String key() {
    String key = type != null ? type : uri.getScheme();
    return key == null ? "" : key.toLowerCase(java.util.Locale.ROOT);
  }
}
