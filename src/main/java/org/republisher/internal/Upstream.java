package org.republisher.internal;

import org.jspecify.annotations.Nullable;

/**
 * The limits on values that come from upstream (a feed, a page, a server's headers), and how such a
 * value is shown in a message. Stateless.
 *
 * <ul>
 *   <li>A URL longer than {@value #MAX_URL_CHARS} characters is dropped: a cut URL would point
 *       elsewhere. The entry or page that held it is kept when it can do without it.
 *   <li>A short text (a title, a name, a category) longer than {@value #MAX_TEXT_CHARS} characters
 *       is cut there, the cut marked with an ellipsis.
 *   <li>Upstream text quoted in a message or log line is cut to {@value #MAX_SHOWN_CHARS}
 *       characters and its control characters are escaped ({@code \n}, {@code \u0007}…), so one
 *       hostile value can neither flood a log nor forge a line of it.
 * </ul>
 */
public final class Upstream {

  /** The longest URL kept from upstream: 8 KiB of characters. */
  public static final int MAX_URL_CHARS = 8 * 1024;

  /** The longest title, name or category kept from upstream, in characters: 1024. */
  public static final int MAX_TEXT_CHARS = 1024;

  /** The most characters of an upstream value quoted in a message: 200. */
  public static final int MAX_SHOWN_CHARS = 200;

  private Upstream() {}

  /**
   * Returns an upstream value fit for a message: at most {@value #MAX_SHOWN_CHARS} characters of it
   * (a longer one ends with {@code …(N chars)}, N its length), control characters escaped.
   *
   * @param value the value, or {@code null}
   * @return the value as it may be shown; {@code null} shows as {@code null}
   */
  public static String shown(@Nullable Object value) {
    String text = String.valueOf(value);
    int end = Math.min(text.length(), MAX_SHOWN_CHARS);
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder(end + 16);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (end < text.length()) {
      out.append("…(").append(text.length()).append(" chars)");
    }
    return out.toString();
  }

  /**
   * Cuts a short upstream text to {@value #MAX_TEXT_CHARS} characters, an ellipsis marking the cut
   * (by {@link Text#truncate}'s rule: at a word boundary when there is one near the limit).
   *
   * @param text the text
   * @return the text, or its cut form
   */
  public static String text(String text) {
    return text.length() <= MAX_TEXT_CHARS ? text : Text.truncate(text, MAX_TEXT_CHARS);
  }

  /**
   * Returns whether an upstream URL is short enough to keep.
   *
   * @param url the URL as written upstream
   * @return true when it has at most {@value #MAX_URL_CHARS} characters
   */
  public static boolean urlFits(String url) {
    return url.length() <= MAX_URL_CHARS;
  }
}
