package org.republisher.store;

import java.net.IDN;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.republisher.internal.Iris;
import org.republisher.internal.Text;
import org.republisher.model.Article;
import org.republisher.model.Publication;

/**
 * An article's identity in the history: its source link in canonical form, else its publication,
 * normalized title and day. Two sightings with the same key are one article.
 *
 * <h2>Canonical links</h2>
 *
 * The source link (else the article's own link) with:
 *
 * <ul>
 *   <li>the scheme and host in lower case, {@code http} taken as {@code https} (the same article
 *       on the same site), an internationalized host in punycode, a trailing dot of the host
 *       dropped, the default port dropped, user information dropped;
 *   <li>an empty path written {@code /}, dot segments removed, percent-encoding made uniform
 *       (unreserved characters decoded, upper-case hex digits, non-ASCII characters encoded as
 *       UTF-8);
 *   <li>the fragment dropped, and tracking parameters dropped from the query: {@code utm_*}, {@code
 *       at_*} (AT Internet), {@code fbclid}, {@code gclid}, {@code dclid}, {@code gbraid}, {@code
 *       wbraid}, {@code msclkid}, {@code yclid}, {@code twclid}, {@code ttclid}, {@code li_fat_id},
 *       {@code igshid}, {@code mc_cid}, {@code mc_eid}, {@code _hsenc}, {@code _hsmi}, {@code
 *       mkt_tok}, {@code oly_anon_id}, {@code oly_enc_id}, {@code vero_id}, {@code vero_conv},
 *       {@code _ga}, {@code _gl}, {@code wt.mc_id}, {@code ns_mchannel}, {@code ns_source}, {@code
 *       ns_campaign}, {@code ns_linkname}, {@code ns_fee} (names compared without case); the other
 *       parameters keep their order; an empty query is dropped.
 * </ul>
 *
 * <h2>Without a link</h2>
 *
 * When the article has no absolute link, or its link is its publication's home page (what an
 * upstream entry without a link of its own is given), its key is
 * {@code title:} followed by the publication's name, the title as plain text (compatibility
 * normalized, lower case, punctuation and symbols removed, whitespace collapsed) and the published
 * day in UTC, one per line; an undated article has no day, so that its key does not depend on when
 * it was seen.
 *
 * <p>A key longer than {@value #MAX_KEY} characters keeps its first part and ends with the SHA-256
 * of the whole, so that every database can index it.
 */
final class Keys {
  static final int MAX_KEY = 500;

  private static final Set<String> TRACKING =
      Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
          "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok",
          "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "_ga", "_gl", "wt.mc_id",
          "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee");

  private Keys() {}

  /** Returns the article's key. */
  static String of(Article article) {
    URI link = article.sourceLink() != null ? article.sourceLink() : article.link();
    if (link != null && link.isAbsolute()) {
      String canonical = canonicalLink(link);
      if (canonical != null && !isHomePage(canonical, article.publication())) {
        return bounded(canonical);
      }
    }
    return bounded(titleKey(article));
  }

  /**
   * True when a link is its publication's home page: what an entry without a link of its own is
   * given, which names no article.
   */
  private static boolean isHomePage(String canonical, @Nullable Publication publication) {
    if (publication == null || publication.url() == null) {
      return false;
    }
    return canonical.equals(canonicalLink(publication.url()));
  }

  /**
   * Returns the canonical form of an absolute http(s) link, or {@code null} when it is not one.
   */
  static @Nullable String canonicalLink(URI link) {
    String scheme = link.getScheme();
    if (scheme == null || link.isOpaque()) {
      return null;
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return null;
    }
    String authority = link.getRawAuthority();
    if (authority == null) {
      return null;
    }
    String host = host(authority, scheme);
    if (host == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(link.toString().length()).append("https://").append(host);
    String path = link.getRawPath();
    out.append(path == null || path.isEmpty() ? "/" : path);
    String query = query(link.getRawQuery());
    if (query != null) {
      out.append('?').append(query);
    }
    return Iris.canonical(out.toString());
  }

  /** The host and port of an authority, canonical; {@code null} when there is no host. */
  private static @Nullable String host(String authority, String scheme) {
    int at = authority.lastIndexOf('@');
    String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
    String host = hostPort;
    String port = "";
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = hostPort.substring(0, close + 1);
      port = hostPort.substring(close + 1);
    } else {
      int colon = hostPort.lastIndexOf(':');
      if (colon >= 0) {
        host = hostPort.substring(0, colon);
        port = hostPort.substring(colon);
      }
    }
    if (port.startsWith(":")) {
      port = port.substring(1);
    }
    if ((scheme.equals("http") && port.equals("80"))
        || (scheme.equals("https") && port.equals("443"))) {
      port = "";
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty()) {
      return null;
    }
    if (!host.startsWith("[")) {
      host = decodePercent(host);
      try {
        host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
      } catch (IllegalArgumentException e) {
        // not a valid internationalized name: compared as written
      }
    }
    host = host.toLowerCase(Locale.ROOT);
    return port.isEmpty() ? host : host + ":" + port;
  }

  /** The query without tracking parameters; {@code null} when nothing is left. */
  private static @Nullable String query(@Nullable String query) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    StringBuilder kept = new StringBuilder(query.length());
    for (String parameter : query.split("&", -1)) {
      if (parameter.isEmpty()) {
        continue;
      }
      int equals = parameter.indexOf('=');
      String name = decodePercent(equals < 0 ? parameter : parameter.substring(0, equals))
          .toLowerCase(Locale.ROOT);
      if (name.startsWith("utm_") || name.startsWith("at_") || TRACKING.contains(name)) {
        continue;
      }
      if (kept.length() > 0) {
        kept.append('&');
      }
      kept.append(parameter);
    }
    return kept.length() == 0 ? null : kept.toString();
  }

  private static String decodePercent(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    byte[] bytes = new byte[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()
          && Character.digit(text.charAt(i + 1), 16) >= 0
          && Character.digit(text.charAt(i + 2), 16) >= 0) {
        bytes[n++] = (byte) Integer.parseInt(text.substring(i + 1, i + 3), 16);
        i += 2;
      } else if (c < 0x80) {
        bytes[n++] = (byte) c;
      } else {
        return text; // already decoded characters: leave it as it is
      }
    }
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }

  private static String titleKey(Article article) {
    Publication publication = article.publication();
    String name = publication == null ? "" : folded(publication.name());
    Instant date = article.published() != null ? article.published() : article.updated();
    String day = date == null ? "" : date.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    return "title:" + name + "\n" + folded(article.title()) + "\n" + day;
  }

  /** Plain text, compatibility normalized, lower case, without punctuation or symbols. */
  static String folded(String text) {
    String plain = Normalizer.normalize(Text.plain(text), Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(plain.length());
    boolean space = false;
    for (int i = 0; i < plain.length(); ) {
      int c = plain.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        space = false;
        out.appendCodePoint(c);
      } else {
        space = true;
      }
    }
    return out.toString();
  }

  private static String bounded(String key) {
    if (key.length() <= MAX_KEY) {
      return key;
    }
    int cut = MAX_KEY - 72;
    if (Character.isHighSurrogate(key.charAt(cut - 1))) {
      cut--;
    }
    return key.substring(0, cut) + " sha256:" + sha256(key);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
