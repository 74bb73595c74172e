package org.republisher.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.Destinations;
import org.republisher.internal.Upstream;
import org.republisher.internal.Urls;

/**
 * The URLs of pages: resolving what a page links to, for articles (http(s) only) and for the crawl
 * (http(s), and {@code file:} for pages read from files), and keying pages so each is read once.
 * Stateless and thread-safe.
 */
final class PageUrls {
  private PageUrls() {}

  /** Returns true for an http or https URI. */
  static boolean isWeb(URI uri) {
    String scheme = scheme(uri);
    return scheme.equals("http") || scheme.equals("https");
  }

  /** Returns true for a {@code file:} URI. */
  static boolean isFile(URI uri) {
    return scheme(uri).equals("file");
  }

  /** Returns the scheme of a URI in lower case, or the empty string when it has none. */
  static String scheme(URI uri) {
    String scheme = uri.getScheme();
    return scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
  }

  /** Returns the host of a URI in lower case, or the empty string when it has none. */
  static String host(URI uri) {
    String host = uri.getHost();
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the origin of a web URI, what a crawl keeps to: its scheme, host and port, the default
   * port written out, such as {@code https://revue.example:443}.
   */
  static String origin(URI uri) {
    return scheme(uri) + "://" + host(uri) + ":" + Destinations.port(uri);
  }

  /**
   * Resolves a URL an article refers to (its source link, image, or a link of its body) into an
   * absolute http(s) URL.
   *
   * @param base the page's public URL, or {@code null} when it has none
   * @param raw the attribute's value
   * @return the URL, or {@code null} when it is blank, longer than {@value Upstream#MAX_URL_CHARS}
   *     characters, not http(s) ({@code javascript:}, {@code data:}, {@code file:}…) or relative
   *     without a base
   */
  static @Nullable URI web(@Nullable URI base, String raw) {
    if (!Upstream.urlFits(raw)) {
      return null;
    }
    URI reference;
    try {
      reference = Urls.link("url", raw);
    } catch (InvalidValueException e) {
      return null;
    }
    if (reference.isAbsolute()) {
      return reference;
    }
    return base == null ? null : Urls.resolve(withPath(base), reference);
  }

  /**
   * Resolves a link to another page for the crawl, against the page's location.
   *
   * @param base where the page was read
   * @param raw the {@code href}
   * @return the page's key (see {@link #key(URI)}), or {@code null} when the link is blank, longer
   *     than {@value Upstream#MAX_URL_CHARS} characters, not a URL, or neither http(s) nor {@code
   *     file:}
   */
  static @Nullable URI page(URI base, String raw) {
    String text = raw.strip();
    if (text.isEmpty() || !Upstream.urlFits(text)) {
      return null;
    }
    URI reference = parse(text);
    if (reference == null) {
      return null;
    }
    String scheme = scheme(reference);
    if (!scheme.isEmpty()
        && !scheme.equals("http")
        && !scheme.equals("https")
        && !scheme.equals("file")) {
      return null;
    }
    try {
      return key(withPath(base).resolve(reference));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Returns the key of a page, the form in which two links to it are equal: without fragment;
   * http(s) with the scheme and host in lower case, dot segments removed and an empty path made
   * {@code /}; {@code file:} as a normalized path.
   *
   * @return the key, or {@code null} when the URI is not an absolute http(s) or local file URI
   */
  static @Nullable URI key(URI uri) {
    try {
      if (isFile(uri)) {
        return Path.of(new URI("file", null, uri.getPath(), null)).normalize().toUri();
      }
      if (!isWeb(uri) || host(uri).isEmpty()) {
        return null;
      }
      URI normal = uri.normalize();
      String path =
          normal.getRawPath() == null || normal.getRawPath().isEmpty() ? "/" : normal.getRawPath();
      String query = normal.getRawQuery() == null ? "" : "?" + normal.getRawQuery();
      return new URI(
          scheme(uri) + "://" + normal.getRawAuthority().toLowerCase(Locale.ROOT) + path + query);
    } catch (URISyntaxException
        | IllegalArgumentException
        | java.nio.file.FileSystemNotFoundException e) {
      return null;
    }
  }

  /**
   * Returns the reference from a directory to a file under it, percent-encoded, or {@code null}
   * when the file is not under the directory.
   */
  static @Nullable String relative(Path directory, Path file) {
    Path normal = file.normalize();
    if (!normal.startsWith(directory) || normal.equals(directory)) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (Path segment : directory.relativize(normal)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(encodeSegment(segment.toString()));
    }
    return out.toString();
  }

  /** Gives a URI with an empty path the path {@code /}, which {@link URI#resolve} needs. */
  private static URI withPath(URI base) {
    if (base.isOpaque() || base.getRawAuthority() == null) {
      return base;
    }
    String path = base.getRawPath();
    if (path != null && !path.isEmpty()) {
      return base;
    }
    try {
      return new URI(
          base.getScheme()
              + "://"
              + base.getRawAuthority()
              + "/"
              + (base.getRawQuery() == null ? "" : "?" + base.getRawQuery()));
    } catch (URISyntaxException e) {
      return base;
    }
  }

  /** Parses a reference leniently: characters {@link URI} refuses are percent-encoded first. */
  private static @Nullable URI parse(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      try {
        return new URI(encodeUnsafe(text));
      } catch (URISyntaxException again) {
        return null;
      }
    }
  }

  private static String encodeUnsafe(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && "\"<>\\^`{|} ".indexOf(c) < 0) {
        out.append((char) c);
      } else {
        appendEscaped(out, c);
      }
    }
    return out.toString();
  }

  private static String encodeSegment(String segment) {
    StringBuilder out = new StringBuilder(segment.length() + 8);
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        appendEscaped(out, c);
      }
    }
    return out.toString();
  }

  private static void appendEscaped(StringBuilder out, int c) {
    out.append('%')
        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
  }
}
