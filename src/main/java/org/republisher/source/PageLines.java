package org.republisher.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jspecify.annotations.Nullable;

/**
 * The text of a page as lines, the way a reader sees it: a line ends where a block element starts
 * or ends, or at a {@code br}. Each line knows the block that holds it. Built in one pass, in time
 * linear in the size of the page. Stateless and thread-safe.
 */
final class PageLines {

  /** Lines longer than this are not attribution lines: body paragraphs that mention one. */
  static final int LINE_LIMIT = 200;

  /** The prefix of an attribution line in each language, to tell the line's language. */
  private static final Pattern PREFIXES =
      Pattern.compile(
          "(?<fr>publi[eé]e?\\s+(?:dans|sur))|(?<es>publicad[oa]\\s+en)"
              + "|(?<ar>نشرت?\\s+في)|(?<en>published\\s+(?:in|on))",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private PageLines() {}

  /**
   * One line of text.
   *
   * @param owner the nearest block element holding the line
   * @param text the line's text, whitespace collapsed, trimmed; not empty
   */
  record Line(Element owner, String text) {}

  /**
   * Returns the lines of the text under an element, in document order; lines with no text are left
   * out.
   */
  static List<Line> of(Element root) {
    List<Line> lines = new ArrayList<>();
    Deque<Element> blocks = new ArrayDeque<>();
    blocks.push(root);
    StringBuilder current = new StringBuilder();
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
              append(current, text.getWholeText());
            } else if (node instanceof Element element && node != root) {
              if (element.nameIs("br")) {
                flush(lines, blocks, current);
              } else if (element.tag().isBlock()) {
                flush(lines, blocks, current);
                blocks.push(element);
              }
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element element
                && node != root
                && !element.nameIs("br")
                && element.tag().isBlock()) {
              flush(lines, blocks, current);
              blocks.pop();
            }
          }
        },
        root);
    flush(lines, blocks, current);
    return lines;
  }

  /** Appends text, collapsing each run of whitespace (non-breaking spaces included) to a space. */
  private static void append(StringBuilder line, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        if (line.length() > 0 && line.charAt(line.length() - 1) != ' ') {
          line.append(' ');
        }
      } else {
        line.append(c);
      }
    }
  }

  private static void flush(List<Line> lines, Deque<Element> blocks, StringBuilder current) {
    String text = current.toString().strip();
    current.setLength(0);
    if (!text.isEmpty()) {
      lines.add(new Line(blocks.element(), text));
    }
  }

  /**
   * Returns the language of the attribution line in a text: the language of its first prefix
   * ("Publié dans", "Publicado en", "نشر في", "Published in").
   *
   * @return {@code fr}, {@code es}, {@code ar} or {@code en}, or {@code null} when no prefix is
   *     found
   */
  static @Nullable String language(String line) {
    Matcher m = PREFIXES.matcher(line.toLowerCase(Locale.ROOT));
    if (!m.find()) {
      return null;
    }
    for (String language : List.of("fr", "es", "ar")) {
      if (m.start(language) >= 0) {
        return language;
      }
    }
    return "en";
  }
}
