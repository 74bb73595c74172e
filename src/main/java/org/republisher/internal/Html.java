package org.republisher.internal;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Set;

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
 *
 * <p>Most fragments are cleaned in one pass by {@link FastCleaner}, which gives the same bytes;
 * whatever it does not model goes through jsoup.
 */
public final class Html {
  private static final Safelist SAFELIST =
      Safelist.relaxed()
          .addTags("figure", "figcaption")
          .addAttributes(":all", "dir", "lang")
          .removeProtocols("a", "href", "ftp")
          .preserveRelativeLinks(false);

  private Html() {}

  /**
   * The result of cleaning: the clean fragment and its text. Performance (issue #4): the text is
   * finished on first use only (only an article without summary needs it); until then the clean
   * tree, or the raw text the one-pass cleaner gathered, is kept. Not thread-safe.
   */
  public static final class Clean {
    private final String html;
    private final @Nullable Element body;
    private final @Nullable CharSequence rawText;
    private final int textLimit;
    private @Nullable String text;

    Clean(String html, Element body, int textLimit) {
      this.html = html;
      this.body = body;
      this.rawText = null;
      this.textLimit = textLimit;
    }

    /** The one-pass cleaner's result: its raw text is kept only as far as {@code textLimit} needs. */
    Clean(String html, CharSequence rawText, int textLimit) {
      this.html = html;
      this.body = null;
      this.rawText = rawText;
      this.textLimit = textLimit;
    }

    /** Returns the clean fragment. */
    public String html() {
      return html;
    }

    /**
     * Returns the plain text of the clean fragment, whitespace collapsed, as far as a summary of
     * the length given to {@link Html#clean(String, String, int)} needs it: all of it when it is
     * that short, else a prefix longer than that length, which {@link Text#truncate} cuts as it
     * would the whole text.
     *
     * @throws IllegalStateException when the cleaning was asked for no text
     */
    public String text() {
      if (textLimit < 0) {
        throw new IllegalStateException("the text was not kept");
      }
      if (text == null) {
        text =
            body != null
                ? Text.collapseWhitespace(Text.stripForbidden(body.text()), textLimit)
                : Text.collapseWhitespace(requireNonNull(rawText), textLimit); // already clean
      }
      return text;
    }
  }

  /**
   * Cleans a fragment, keeping its text only as far as a summary needs.
   *
   * @param html the raw fragment
   * @param base the absolute URL relative references resolve against, or {@code null}
   * @param textLimit the length of the summary the text is for; negative when no text is wanted
   * @return the clean fragment (UTF-8, minimal escaping, no pretty-printing) and its plain text
   */
  public static Clean clean(String html, @Nullable String base, int textLimit) {
    String input = Text.stripForbidden(html);
    Clean fast = FastCleaner.clean(input, base, textLimit);
    return fast != null ? fast : cleanWithJsoup(input, base, textLimit);
  }

  /** The reference path: jsoup's parser, {@link Cleaner} and serializer. */
  static Clean cleanWithJsoup(String html, @Nullable String base, int textLimit) {
    Document dirty = Jsoup.parseBodyFragment(html, base == null ? "" : base);
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
    } else if (clean.body().getAllElements().stream().skip(1).noneMatch(Element::isBlock)) {
      out = "<p>" + out + "</p>"; // bare text: a paragraph, so the credit after it stands apart
    }
    return new Clean(out, clean.body(), textLimit);
  }

  /** HTML element names (HTML 4 and 5, and what feed readers accept), lower case. */
  private static final Set<String> ELEMENTS =
      Set.of(
          ("a abbr acronym address applet area article aside audio b base basefont bdi bdo big"
                  + " blink blockquote body br button canvas caption center cite code col colgroup"
                  + " command data datagrid datalist dd del details dfn dialog dir div dl dt em"
                  + " embed eventsource fieldset figcaption figure font footer form frame frameset"
                  + " h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins isindex"
                  + " kbd keygen label legend li link listing m main map mark marquee math menu"
                  + " meta meter multicol nav nextid nobr noembed noframes noscript object ol"
                  + " optgroup option output p param picture plaintext pre progress q rp rt ruby s"
                  + " samp script search section select slot small sound source spacer span strike"
                  + " strong style sub summary sup svg table tbody td template textarea tfoot th"
                  + " thead time title tr track tt u ul var video wbr xmp")
              .split(" "));

  /**
   * Tells whether text declared plain would be taken for HTML by the W3C Feed Validation Service
   * (Atom {@code type="text"}, ContainsUndeclaredHTML): it holds an end tag ({@code </b>}, any
   * name) or an entity or character reference. A start tag alone ({@code <T>}, {@code <blink>})
   * is not, and readers show it as the text it is.
   */
  public static boolean looksLikeMarkupInPlainText(String text) {
    return hasEndTag(text) || hasReference(text);
  }

  /**
   * Tells whether plain text would be taken for markup by a reader or a validator that sees it
   * where HTML may stand: it holds an end tag ({@code </b>}, any name), a start tag of an HTML
   * element ({@code <b>}, {@code <img src=x>}), or what reads as an entity or character reference
   * ({@code &amp;}, {@code &eacute}, {@code &#60;}, {@code &6}: an HTML entity name, a number or a
   * {@code #}, with or without the semicolon). These are the Universal Feed Parser's and the W3C
   * Feed Validation Service's tests ("looks like HTML", ContainsHTML, ContainsUndeclaredHTML),
   * joined. Text that passes it can be written as it is where plain text is declared; text that
   * fails it is written escaped as HTML, where HTML is declared or assumed.
   */
  public static boolean looksLikeMarkup(String text) {
    return hasEndTag(text) || hasHtmlStartTag(text) || hasReference(text);
  }

  private static boolean hasEndTag(String text) {
    int n = text.length();
    for (int i = text.indexOf("</"); i >= 0; i = text.indexOf("</", i + 1)) {
      int end = word(text, i + 2);
      if (end > i + 2 && end < n && text.charAt(end) == '>') {
        return true;
      }
    }
    return false;
  }

  private static boolean hasHtmlStartTag(String text) {
    int n = text.length();
    for (int i = text.indexOf('<'); i >= 0 && i + 1 < n; i = text.indexOf('<', i + 1)) {
      int end = word(text, i + 1);
      if (end > i + 1
          && end < n
          && (text.charAt(end) == '>' || text.charAt(end) == '/' || Text.isSpace(text.charAt(end)))
          && ELEMENTS.contains(text.substring(i + 1, end).toLowerCase(Locale.ROOT))
          && text.indexOf('>', end) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasReference(String text) {
    int n = text.length();
    for (int i = text.indexOf('&'); i >= 0 && i + 1 < n; i = text.indexOf('&', i + 1)) {
      if (text.charAt(i + 1) == '#') {
        if (i + 2 < n && isWordChar(text.charAt(i + 2))) {
          return true;
        }
        continue;
      }
      int end = word(text, i + 1);
      if (end > i + 1) {
        String name = text.substring(i + 1, end);
        if (name.equals("apos")
            || Entities.isNamedEntity(name)
            || !name.chars().allMatch(Character::isLetter)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Returns the end of the run of word characters ({@code [A-Za-z0-9_]}) from {@code i}. */
  private static int word(String text, int i) {
    int end = i;
    while (end < text.length() && isWordChar(text.charAt(end))) {
      end++;
    }
    return end;
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
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
