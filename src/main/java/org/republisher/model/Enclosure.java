package org.republisher.model;

import static org.republisher.internal.Checks.notNull;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.Urls;

/**
 * A file attached to an article, most often its image. Immutable and thread-safe.
 *
 * <p>The URL may be relative: it is resolved against the article's base when the article is
 * written. A missing media type is guessed from the file extension when written ({@code
 * image/jpeg} when nothing fits).
 *
 * @param url where the file is; http(s), absolute or relative
 * @param type its media type such as {@code image/jpeg}, or {@code null} when unknown
 * @param length its size in bytes, or {@code -1} when unknown
 */
public record Enclosure(URI url, @Nullable String type, long length) {

  /**
   * Checks every field.
   *
   * @throws InvalidValueException when the URL is not http(s), the type is not {@code a/b}, or the
   *     length is below -1
   */
  public Enclosure {
    notNull(url, "url");
    url = Urls.link("image", url);
    if (type != null && (type.indexOf('/') < 1 || type.isBlank())) {
      throw new InvalidValueException("image.type", type, "is not a media type");
    }
    if (length < -1) {
      throw new InvalidValueException("image.length", length, "is negative");
    }
  }

  /**
   * Returns an enclosure of unknown type and length.
   *
   * @param url an http(s) URL, absolute or relative
   * @return the enclosure
   * @throws InvalidValueException when the URL is not http(s)
   */
  public static Enclosure of(String url) {
    return new Enclosure(Urls.link("image", url), null, -1);
  }
}
