package org.republisher.internal;

import org.jsoup.parser.Parser;
import org.jspecify.annotations.Nullable;

/** Plain-text repair shared by every field: forbidden characters, markup, whitespace, length. */
public final class Text {
  private static final char ELLIPSIS = '…';

  private Text() {}

  /**
   * Returns true for a code point XML 1.0 allows and readers agree on: tab, line feed, carriage
   * return, U+0020 to U+D7FF except the C1 controls U+007F to U+009F, U+E000 to U+FFFC, and the
   * supplementary planes. U+FFFD, the replacement character, is what a decoder left of bytes it
   * could not read: it says nothing, and the W3C validator flags it (BadCharacters).
   */
  static boolean allowed(int c) {
    if (c < 0x20) {
      return c == 0x9 || c == 0xA || c == 0xD;
    }
    if (c >= 0x7F && c <= 0x9F) {
      return false;
    }
    if (c <= 0xD7FF) {
      return true;
    }
    if (c >= 0xE000 && c <= 0xFFFC) {
      return true;
    }
    return c >= 0x10000 && c <= 0x10FFFF;
  }

  /**
   * Removes the characters XML 1.0 forbids (C0 controls but tab, line feed and carriage return;
   * U+FFFE, U+FFFF; lone surrogates), the C1 controls, which XML allows but readers disagree on,
   * and U+FFFD, the replacement character a decoder leaves for bytes it could not read.
   * Returns the same instance when nothing is removed.
   */
  public static String stripForbidden(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c >= 0xD800) {
        if (!fine(text, i)) {
          return strip(text, i);
        }
        if (Character.isHighSurrogate(c)) {
          i++;
        }
      }
    }
    return text;
  }

  private static boolean fine(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return false;
    }
    return allowed(c);
  }

  private static String strip(String text, int from) {
    StringBuilder out = new StringBuilder(text.length());
    out.append(text, 0, from);
    int n = text.length();
    for (int i = from; i < n; i++) {
      char c = text.charAt(i);
      if (fine(text, i)) {
        out.append(c);
        if (Character.isHighSurrogate(c)) {
          out.append(text.charAt(++i));
        }
      }
    }
    return out.toString();
  }

  /**
   * Collapses every run of whitespace (Unicode white space and no-break spaces included) into one
   * space and trims both ends.
   */
  public static String collapseWhitespace(String text) {
    return isCollapsed(text) ? text : collapseWhitespace(text, Integer.MAX_VALUE - 2);
  }

  /**
   * Collapses whitespace as {@link #collapseWhitespace(String)} does, but only as far as needed:
   * the result is the whole collapsed text when it is at most {@code limit} characters, else a
   * prefix of it longer than {@code limit}, which {@link #truncate} cuts as it would the whole.
   */
  static String collapseWhitespace(CharSequence text, int limit) {
    String s = text.toString();
    int n = s.length();
    char[] in = new char[n];
    s.getChars(0, n, in, 0);
    char[] out = new char[(int) Math.min(n, limit + 2L)];
    int size = 0;
    boolean pending = false;
    for (int i = 0; i < n && size <= limit; i++) {
      char c = in[i];
      if (isSpace(c)) {
        pending = size > 0;
      } else {
        if (pending) {
          out[size++] = ' ';
          pending = false;
        }
        out[size++] = c;
      }
    }
    return new String(out, 0, size);
  }

  private static boolean isCollapsed(String text) {
    int n = text.length();
    if (n == 0) {
      return true;
    }
    if (isSpace(text.charAt(0)) || isSpace(text.charAt(n - 1))) {
      return false;
    }
    boolean previous = false;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean space = isSpace(c);
      if (space && (c != ' ' || previous)) {
        return false;
      }
      previous = space;
    }
    return true;
  }

  static boolean isSpace(char c) {
    // Performance (issue #4): every character of every text comes here, and letters fell through
    // to Character.isWhitespace. Below U+1680 the spaces are U+0009 to U+000D, U+001C to U+0020
    // and U+00A0, answered without it; the same answers as the expression below (checked for every
    // char by FastPathsTest).
    if (c < '\u1680') {
      return c <= ' ' ? c >= '\u001C' || (c >= '\t' && c <= '\r') : c == '\u00A0';
    }
    return c == ' '
        || c == '\n'
        || c == '\t'
        || c == '\r'
        || c == '\u00A0'
        || c == '\u2007'
        || c == '\u202F'
        || Character.isWhitespace(c);
  }

  /**
   * Turns a fragment that may hold markup and entities into plain text: tags removed, then entities
   * decoded exactly once, forbidden characters removed, whitespace collapsed. What the decoding
   * reveals stays text: {@code "C++ &lt;T&gt;"} becomes {@code "C++ <T>"}, and the double-escaped
   * {@code "&amp;lt;b&amp;gt;"} becomes {@code "&lt;b&gt;"}, as readers show them. Text with
   * neither {@code <} nor {@code &} is only repaired, not parsed.
   */
  public static String plain(String text) {
    String value = text.indexOf('<') >= 0 || text.indexOf('&') >= 0 ? Html.toText(text) : text;
    return collapseWhitespace(stripForbidden(value));
  }

  /**
   * Repairs text that is plain already (never parsed for markup): forbidden characters removed,
   * whitespace collapsed.
   */
  public static String clean(String text) {
    return collapseWhitespace(stripForbidden(text));
  }

  /**
   * Cuts text to at most {@code max} characters, at the last word boundary before the limit, and
   * marks the cut with an ellipsis (counted in the limit). A cut never splits a surrogate pair.
   */
  public static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int limit = max - 1; // room for the ellipsis
    int cut = limit;
    while (cut > 0 && !isSpace(text.charAt(cut))) {
      cut--;
    }
    if (cut < limit / 2) {
      cut = limit; // one long word: cut inside it
      if (Character.isLowSurrogate(text.charAt(cut)) && cut > 0) {
        cut--;
      }
    }
    int end = cut;
    while (end > 0 && (isSpace(text.charAt(end - 1)) || isPunctuation(text.charAt(end - 1)))) {
      end--;
    }
    return text.substring(0, end) + ELLIPSIS;
  }

  private static boolean isPunctuation(char c) {
    return c == ',' || c == ';' || c == ':' || c == '-' || c == '–' || c == '،' || c == '؛';
  }

  /** The most characters of one value a log line or a message quotes: 200. */
  public static final int LOG_LIMIT = 200;

  /**
   * Makes a value from upstream or from a record safe to log or to quote in a message: one line,
   * bounded. Line feeds, carriage returns and tabs become {@code \n}, {@code \r} and {@code \t};
   * other controls (C0, DEL, C1), the line and paragraph separators and the bidi controls become
   * {@code \}{@code uXXXX}; the value is cut after {@value #LOG_LIMIT}
   * characters, with "…".
   *
   * @param value the value, or {@code null}
   * @return the text to log; {@code "null"} for {@code null}
   */
  public static String forLog(@Nullable Object value) {
    return forLog(value, LOG_LIMIT);
  }

  /**
   * Makes text safe to log as {@link #forLog(Object)} does, cut after {@code limit} characters.
   *
   * @param value the value, or {@code null}
   * @param limit the most characters kept
   * @return the text to log
   */
  public static String forLog(@Nullable Object value, int limit) {
    String text = String.valueOf(value);
    int n = text.length();
    int i = 0;
    while (i < n && i < limit && !needsEscape(text.charAt(i))) {
      i++;
    }
    if (i == n) {
      return text;
    }
    StringBuilder out = new StringBuilder(Math.min(n, limit) + 16).append(text, 0, i);
    for (; i < n && i < limit; i++) {
      char c = text.charAt(i);
      if (!needsEscape(c)) {
        out.append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
      }
    }
    if (i < n) {
      out.append('…');
    }
    return out.toString();
  }

  private static boolean needsEscape(char c) {
    return c < 0x20
        || (c >= 0x7F && c <= 0x9F)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }

  /** Decodes HTML entities in text that has no markup. */
  static String unescape(String text) {
    return Parser.unescapeEntities(text, false);
  }
}
