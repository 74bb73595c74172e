package org.republisher.internal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jspecify.annotations.Nullable;

/**
 * Cleaning of content HTML with a jsoup {@link Safelist}.
 *
 * <p>The safelist is jsoup's {@code relaxed} one (text, lists, tables, quotes, code, links and
 * images) plus {@code dir} and {@code lang} on every element and {@code figure}/{@code figcaption}.
 * Everything else goes: {@code script}, {@code style}, {@code iframe}, {@code object}, {@code
 * embed}, {@code form}, {@code on*} attributes, and any URL whose scheme is not http(s) (or mailto
 * for links), {@code javascript:} and {@code vbscript:} included. Relative URLs are made absolute
 * against the base; one that cannot be is dropped. An {@code img} left without {@code src} is
 * removed. Content with no block element (bare text, inline markup) is wrapped in one {@code p}.
 */
public final class Html {
  private static final Safelist SAFELIST =
      Safelist.relaxed()
          .addTags("figure", "figcaption")
          .addAttributes(":all", "dir", "lang")
          .removeProtocols("a", "href", "ftp")
          .preserveRelativeLinks(false);

  private Html() {}

  /** The result of cleaning: the clean fragment and its text. */
  public record Clean(String html, String text) {}

  /**
   * Cleans a fragment.
   *
   * @param html the raw fragment
   * @param base the absolute URL relative references resolve against, or {@code null}
   * @return the clean fragment (UTF-8, minimal escaping, no pretty-printing) and its plain text
   */
  public static Clean clean(String html, @Nullable String base) {
    Document dirty = Jsoup.parseBodyFragment(Text.stripForbidden(html), base == null ? "" : base);
    Document clean = new Cleaner(SAFELIST).clean(dirty);
    for (Element img : clean.body().getElementsByTag("img")) {
      if (img.attr("src").isEmpty()) {
        img.remove();
      }
    }
    clean
        .outputSettings()
        .prettyPrint(false)
        .escapeMode(Entities.EscapeMode.xhtml)
        .charset("UTF-8");
    String out = Text.stripForbidden(clean.body().html());
    if (out.isBlank()) {
      out = "";
    } else if (clean.body().children().stream().noneMatch(Element::isBlock)) {
      out = "<p>" + out + "</p>"; // bare text: a paragraph, so the credit after it stands apart
    }
    String text = Text.collapseWhitespace(Text.stripForbidden(clean.body().text()));
    return new Clean(out, text);
  }

  /** Returns the plain text of a fragment: tags removed, entities decoded. */
  static String toText(String html) {
    if (html.indexOf('<') < 0) {
      return Text.unescape(html);
    }
    return Jsoup.parseBodyFragment(html).body().text();
  }

  /** Escapes text for HTML content or a double-quoted attribute. */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      String rep =
          switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            default -> null;
          };
      if (rep != null) {
        if (out == null) {
          out = new StringBuilder(n + 16).append(text, 0, i);
        }
        out.append(rep);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
