package org.republisher.cli;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The slug rule: how a publication's name becomes the name of its feed's files (and an OPML
 * outline's title the id of its source).
 *
 * <ol>
 *   <li>The name in lowercase ASCII: decomposed (NFKD), accents and other combining marks dropped,
 *       lowercased, every run of characters other than {@code a-z} and {@code 0-9} made one {@code
 *       -}, leading and trailing {@code -} dropped: "Médias24" → {@code medias24}, "Le360 Español"
 *       → {@code le360-espanol}.
 *   <li>A name left empty by that (no Latin letter or digit, such as "هسبريس") takes its home
 *       page's host instead, without a leading {@code www.} and without its last label, dots made
 *       {@code -}: {@code https://www.hespress.com/} → {@code hespress}, {@code
 *       https://almassae.press.ma/} → {@code almassae-press}.
 *   <li>With no home page either: {@code p-} and the first 8 hex digits of a name-based UUID of the
 *       name, stable from run to run.
 * </ol>
 *
 * A slug another feed already has gets {@code -2}, {@code -3}, … in the order the feeds are listed
 * (publications sorted by name).
 */
final class Slugs {
  private Slugs() {}

  /**
   * Returns the slug of a name.
   *
   * @param name the publication's name
   * @param home its home page, or {@code null}
   * @return lowercase ASCII letters, digits and {@code -}; never empty
   */
  static String slug(String name, @Nullable URI home) {
    String slug = ascii(name);
    if (slug.isEmpty() && home != null && home.getHost() != null) {
      String host = home.getHost().toLowerCase(Locale.ROOT);
      if (host.startsWith("www.")) {
        host = host.substring(4);
      }
      int last = host.lastIndexOf('.');
      slug = ascii(last > 0 ? host.substring(0, last) : host);
    }
    if (slug.isEmpty()) {
      UUID hash = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
      slug = "p-" + hash.toString().substring(0, 8);
    }
    return slug;
  }

  private static String ascii(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKD)
        .replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
  }
}
