package org.republisher.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;

/** Parsing and resolving the URLs of articles and feeds. */
public final class Urls {
  private Urls() {}

  /**
   * Parses a link leniently: trims it, percent-encodes spaces and characters {@link URI} refuses,
   * and rejects schemes other than http and https ({@code javascript:}, {@code vbscript:}, {@code
   * data:} among them). A relative reference is accepted; it is resolved later against the
   * article's base.
   *
   * @throws InvalidValueException naming {@code field} when the text is blank, not a URI reference,
   *     or has a scheme that is not http(s)
   */
  public static URI link(String field, String text) {
    String trimmed = Text.stripForbidden(text).strip();
    if (trimmed.isEmpty()) {
      throw new InvalidValueException(field, text, "is blank");
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      try {
        uri = new URI(encodeUnsafe(trimmed));
      } catch (URISyntaxException again) {
        throw new InvalidValueException(field, text, "is not a URL", again);
      }
    }
    return checked(field, text, uri);
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
    String text = uri.toString();
    if (Text.stripForbidden(text) == text && text.strip().length() == text.length()) {
      // its text would parse back to this very URI: checked without parsing it again (issue #4)
      return checked(field, text, uri);
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
      URI resolved = base.resolve(reference);
      return resolved.isAbsolute() ? resolved : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String encodeUnsafe(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
