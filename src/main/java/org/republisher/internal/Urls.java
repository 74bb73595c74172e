package org.republisher.internal;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;

/**
 * Parsing and resolving the URLs of articles and feeds. Links are taken as IRIs and repaired
 * rather than refused: a host in any script becomes its IDNA (punycode) form, spaces and other
 * characters a URI cannot hold are percent-encoded as UTF-8, and an http(s) URL with an empty path
 * gets the path {@code /}, so that every format and every reader sees the same URL.
 */
public final class Urls {
  /** A reference split as RFC 3986 Appendix B splits it: scheme, authority, the rest. */
  private static final Pattern PARTS =
      Pattern.compile("^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?://([^/?#]*))?(.*)$", Pattern.DOTALL);

  /** Characters kept as they are outside the host: RFC 3986's unreserved and reserved ones. */
  private static final String KEPT = "-._~:/?#[]@!$&'()*+,;=";

  private Urls() {}

  /**
   * Parses a link leniently: trims it, repairs it as the class says, and rejects schemes other than
   * http and https ({@code javascript:}, {@code vbscript:}, {@code data:} among them). A relative
   * reference is accepted; it is resolved later against the article's base.
   *
   * @throws InvalidValueException naming {@code field} when the text is blank, not a URI reference
   *     even once repaired, or has a scheme that is not http(s) or no host
   */
  public static URI link(String field, String text) {
    if (text == null) {
      throw new InvalidValueException(field, null, "must not be null");
    }
    String trimmed = Text.stripForbidden(text).strip();
    if (trimmed.isEmpty()) {
      throw new InvalidValueException(field, text, "is blank");
    }
    URI uri = parse(trimmed);
    if (uri == null) {
      throw new InvalidValueException(field, text, "is not a URL");
    }
    return checked(field, text, uri);
  }

  /**
   * Parses a reference leniently, as {@link #link(String, String)} does, whatever its scheme.
   *
   * @return the URI, or {@code null} when even the repaired text is not a URI reference
   */
  public static @Nullable URI parse(String text) {
    String trimmed = Text.stripForbidden(text).strip();
    URI uri = null;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      // repaired below
    }
    if (uri == null || (uri.getRawAuthority() != null && uri.getHost() == null)) {
      // spaces, characters a URI refuses, or a host in another script (a registry authority)
      String repaired = repair(trimmed);
      if (repaired == null) {
        return uri;
      }
      try {
        uri = new URI(repaired);
      } catch (URISyntaxException e) {
        return uri;
      }
    }
    return withPath(uri);
  }

  private static URI checked(String field, String text, URI uri) {
    String scheme = uri.getScheme();
    if (scheme != null) {
      String lower = scheme.toLowerCase(Locale.ROOT);
      if (!lower.equals("http") && !lower.equals("https")) {
        throw new InvalidValueException(field, text, "has a scheme other than http or https");
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        throw new InvalidValueException(field, text, "has no host");
      }
    }
    return uri;
  }

  /**
   * Parses an absolute http(s) URL, as {@link #link} does, and rejects a relative one.
   *
   * @throws InvalidValueException naming {@code field}
   */
  public static URI absolute(String field, String text) {
    URI uri = link(field, text);
    if (!uri.isAbsolute()) {
      throw new InvalidValueException(field, text, "is not an absolute http(s) URL");
    }
    return uri;
  }

  /** Checks that an already parsed URI is an http(s) reference, as {@link #link} does. */
  public static URI link(String field, URI uri) {
    if (uri == null) {
      throw new InvalidValueException(field, null, "must not be null");
    }
    String text = uri.toString();
    if (Text.stripForbidden(text) == text
        && text.strip().length() == text.length()
        && (uri.getRawAuthority() == null || uri.getHost() != null)) {
      // its text would parse back to this very URI: checked without parsing it again (issue #4)
      return checked(field, text, withPath(uri));
    }
    return link(field, text);
  }

  /**
   * Resolves a reference against a base; returns the reference itself when it is absolute, and
   * {@code null} when it stays relative (no usable base).
   */
  public static @Nullable URI resolve(@Nullable URI base, URI reference) {
    if (reference.isAbsolute()) {
      return reference;
    }
    if (base == null || !base.isAbsolute()) {
      return null;
    }
    try {
      URI resolved = withPath(base).resolve(reference);
      return resolved.isAbsolute() ? withPath(resolved) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Gives an http(s) URL with a host and an empty path the path {@code /}. */
  private static URI withPath(URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null
        || uri.isOpaque()
        || uri.getHost() == null
        || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      return uri;
    }
    String text =
        scheme
            + "://"
            + uri.getRawAuthority()
            + "/"
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
            + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      return uri;
    }
  }

  /**
   * Repairs an IRI into URI text: the host to ASCII by IDNA, the rest percent-encoded as UTF-8
   * where a URI cannot hold the character ({@code %} kept when two hex digits follow). Returns
   * {@code null} when the host is not a domain name IDNA can convert.
   */
  private static @Nullable String repair(String text) {
    Matcher m = PARTS.matcher(text);
    if (!m.matches()) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    if (m.group(1) != null) {
      out.append(m.group(1)).append(':');
    }
    String authority = m.group(2);
    if (authority != null) {
      out.append("//");
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        encode(authority.substring(0, at), out);
        out.append('@');
      }
      String hostPort = authority.substring(at + 1);
      int colon = hostPort.lastIndexOf(':');
      String host = hostPort;
      String port = "";
      if (colon >= 0 && !hostPort.startsWith("[")) {
        host = hostPort.substring(0, colon);
        port = hostPort.substring(colon);
      }
      if (!host.startsWith("[")) {
        try {
          host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
      out.append(host).append(port);
    }
    encode(m.group(3), out);
    return out.toString();
  }

  /** Appends text, percent-encoding as UTF-8 what a URI cannot hold outside its host. */
  private static void encode(String text, StringBuilder out) {
    int n = text.length();
    for (int i = 0; i < n; ) {
      int c = text.codePointAt(i);
      int next = i + Character.charCount(c);
      boolean kept =
          c < 0x7F
              && c > 0x20
              && (Character.isLetterOrDigit(c) || KEPT.indexOf(c) >= 0)
              || c == '%' && i + 2 < n && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2));
      if (kept) {
        out.append((char) c);
      } else {
        for (byte b : text.substring(i, next).getBytes(StandardCharsets.UTF_8)) {
          int v = b & 0xff;
          out.append('%')
              .append(Character.toUpperCase(Character.forDigit(v >> 4, 16)))
              .append(Character.toUpperCase(Character.forDigit(v & 0xf, 16)));
        }
      }
      i = next;
    }
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 0x80;
  }
}
