package org.republisher.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The canonical form of an identifier IRI, as the W3C Feed Validation Service computes it for Atom
 * ids (it warns "NonCanonicalURI" otherwise): scheme and host in lower case, no default port, an
 * empty path written {@code /}, dot segments removed, and each component percent-encoded the same
 * way: unreserved characters decoded, reserved ones kept as they were, everything else (non-ASCII
 * included, after NFC normalization) encoded as UTF-8 with upper-case hex digits.
 */
public final class Iris {
  private static final String SUB_DELIMS = "!$&'()*+,;=";
  private static final String PCHAR = "-._~" + SUB_DELIMS + ":@";
  private static final String RESERVED = ":/?#[]@" + SUB_DELIMS;
  private static final String ALWAYS_SAFE = "_.-";

  private Iris() {}

  /**
   * Returns the canonical form of an absolute IRI, or the text unchanged when it is not one this
   * class can parse.
   */
  public static String canonical(String iri) {
    return isPlainCanonical(iri) ? iri : parsedCanonical(iri);
  }

  /** The canonical form by parsing and re-encoding every component. */
  static String parsedCanonical(String iri) {
    URI uri;
    try {
      uri = new URI(iri);
    } catch (URISyntaxException e) {
      return iri;
    }
    String scheme = uri.getScheme();
    if (scheme == null) {
      return iri;
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    if (uri.isOpaque()) {
      return scheme + ":" + uri.getRawSchemeSpecificPart()
          + (uri.getRawFragment() == null ? "" : "#" + quote(uri.getRawFragment(), PCHAR + "/?"));
    }
    StringBuilder out = new StringBuilder(iri.length() + 8).append(scheme).append(':');
    String authority = uri.getRawAuthority();
    if (authority != null) {
      out.append("//");
      if (uri.getRawUserInfo() != null) {
        out.append(uri.getRawUserInfo()).append('@');
      }
      String host = uri.getHost();
      out.append(host == null ? authority.toLowerCase(Locale.ROOT) : host.toLowerCase(Locale.ROOT));
      int port = uri.getPort();
      if (port >= 0 && !(port == 80 && scheme.equals("http")) && !(port == 443 && scheme.equals("https"))) {
        out.append(':').append(port);
      }
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (authority != null && path.isEmpty()) {
      path = "/";
    }
    out.append(path(removeDotSegments(path)));
    if (uri.getRawQuery() != null) {
      out.append('?').append(quote(uri.getRawQuery(), PCHAR + "/?"));
    }
    if (uri.getRawFragment() != null) {
      out.append('#').append(quote(uri.getRawFragment(), PCHAR + "/?"));
    }
    return out.toString();
  }

  /**
   * True for an http(s) IRI already in canonical form and plainly so: lower-case scheme and host,
   * no port, a path, and only unreserved and reserved ASCII characters, no percent sign, no dot
   * segment. Performance (issue #4): most ids and publication URLs are such, and parsing and
   * re-encoding them cost microseconds. {@code IrisTest} holds it to {@link #canonical}.
   */
  static boolean isPlainCanonical(String iri) {
    int i;
    if (iri.startsWith("https://")) {
      i = 8;
    } else if (iri.startsWith("http://")) {
      i = 7;
    } else {
      return false;
    }
    int host = i;
    int n = iri.length();
    while (i < n) {
      char c = iri.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
        i++;
      } else {
        break;
      }
    }
    if (i == host || i == n || iri.charAt(i) != '/') {
      return false;
    }
    boolean fragment = false;
    for (; i < n; i++) {
      char c = iri.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-_~/?:@!$&'()*+,;=".indexOf(c) >= 0) {
        continue;
      }
      if (c == '.') {
        if (iri.charAt(i - 1) == '/' || (i + 1 < n && iri.charAt(i + 1) == '/')) {
          return false; // a dot segment, or what the dot-segment removal would touch
        }
        continue;
      }
      if (c == '#' && !fragment) {
        fragment = true;
        continue;
      }
      return false;
    }
    return true;
  }

  private static String removeDotSegments(String path) {
    if (!path.contains("./") && !path.endsWith("/.") && !path.endsWith("/..")) {
      return path;
    }
    try {
      return new URI(null, null, path, null).normalize().getRawPath();
    } catch (URISyntaxException e) {
      return path;
    }
  }

  private static String path(String path) {
    StringBuilder out = new StringBuilder(path.length());
    int start = 0;
    while (true) {
      int slash = path.indexOf('/', start);
      String segment = slash < 0 ? path.substring(start) : path.substring(start, slash);
      out.append(quote(segment, PCHAR));
      if (slash < 0) {
        return out.toString();
      }
      out.append('/');
      start = slash + 1;
    }
  }

  /** Re-encodes one component: reserved characters allowed here keep their form. */
  static String quote(String text, String safe) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < n && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
        int b = Integer.parseInt(text.substring(i + 1, i + 3), 16);
        if (b < 0x80 && RESERVED.indexOf(b) >= 0 && safe.indexOf(b) >= 0) {
          flush(pending, safe, out);
          out.append('%').append(text.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
        } else {
          pending.write(b);
        }
        i += 2;
      } else if (c < 0x80 && RESERVED.indexOf(c) >= 0 && safe.indexOf(c) >= 0) {
        flush(pending, safe, out);
        out.append(c);
      } else {
        int cp = text.codePointAt(i);
        if (Character.charCount(cp) == 2) {
          i++;
        }
        byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        pending.write(bytes, 0, bytes.length);
      }
    }
    flush(pending, safe, out);
    return out.toString();
  }

  private static void flush(ByteArrayOutputStream pending, String safe, StringBuilder out) {
    if (pending.size() == 0) {
      return;
    }
    String decoded = pending.toString(StandardCharsets.UTF_8);
    byte[] bytes = Normalizer.normalize(decoded, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
    for (byte value : bytes) {
      int b = value & 0xff;
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
          || ALWAYS_SAFE.indexOf(b) >= 0 || (b < 0x80 && safe.indexOf(b) >= 0)) {
        out.append((char) b);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    pending.reset();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
