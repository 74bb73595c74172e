package org.republisher.internal;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Tag;
import org.jspecify.annotations.Nullable;

/**
 * The one-pass cleaner behind {@link Html#clean}: the same output as jsoup's parse, {@code Cleaner}
 * and serialization, for the shape news HTML nearly always has, at a fraction of the cost
 * (performance, issue #4: the jsoup path was two thirds of normalization).
 *
 * <p>It reads the fragment once, keeping a stack of open elements, and writes the clean HTML and
 * the text as it goes. It models only what it can model exactly: properly nested elements from a
 * known set, character references that end in {@code ;}, double-, single- or unquoted attribute
 * values, comments, and {@code script}, {@code style} and {@code iframe} with their content dropped.
 * Anything the HTML parsing algorithm would repair (a {@code p} closed by a block, a misnested or
 * stray end tag, a nested {@code a}), any table, form or unknown element, a character reference
 * without its {@code ;}: on any of these it returns {@code null} and the caller runs jsoup. {@code
 * FastCleanerTest} holds the two paths to the same output, byte for byte, on generated and real
 * fragments.
 */
final class FastCleaner {
  private static final int MAX_DEPTH = 256;

  /** What the cleaner knows of one element. */
  private static final class Kind {
    final String name;
    final boolean safe; // kept by the safelist
    final boolean isVoid;
    final boolean raw; // content is text up to the end tag, dropped with the element
    final boolean closesP; // its start tag closes an open p
    final boolean special; // HTML's "special" category, which bounds the li/dd/dt search
    final boolean block; // jsoup's Tag.isBlock
    final boolean inline; // jsoup's Tag.isInline
    final Set<String> attributes; // allowed besides dir and lang
    final @Nullable String urlAttribute;
    final Set<String> protocols;

    Kind(String name, boolean safe, int flags, Set<String> attributes, @Nullable String urlAttribute, Set<String> protocols) {
      this.name = name;
      this.safe = safe;
      this.isVoid = (flags & VOID) != 0;
      this.raw = (flags & RAW) != 0;
      this.closesP = (flags & CLOSES_P) != 0;
      this.special = (flags & SPECIAL) != 0;
      Tag tag = Tag.valueOf(name);
      this.block = tag.isBlock();
      this.inline = tag.isInline();
      this.attributes = attributes;
      this.urlAttribute = urlAttribute;
      this.protocols = protocols;
    }
  }

  private static final int VOID = 1;
  private static final int RAW = 2;
  private static final int CLOSES_P = 4;
  private static final int SPECIAL = 8;
  private static final int BLOCK = CLOSES_P | SPECIAL;

  private static final Set<String> WEB = Set.of("http:", "https:");
  private static final Map<String, Kind> KINDS = new HashMap<>();

  static {
    // kept, as Html's safelist has them (tables are left to jsoup)
    safe("a", 0, Set.of("href", "title"), "href", Set.of("http:", "https:", "mailto:"));
    safe("blockquote", BLOCK, Set.of("cite"), "cite", WEB);
    safe("q", 0, Set.of("cite"), "cite", WEB);
    safe("img", VOID | SPECIAL, Set.of("align", "alt", "height", "src", "title", "width"), "src", WEB);
    safe("ol", BLOCK, Set.of("start", "type"), null, Set.of());
    safe("ul", BLOCK, Set.of("type"), null, Set.of());
    for (String name : new String[] {"div", "dl", "figure", "figcaption", "p", "pre", "li", "dd", "dt"}) {
      safe(name, BLOCK, Set.of(), null, Set.of());
    }
    for (int h = 1; h <= 6; h++) {
      safe("h" + h, BLOCK, Set.of(), null, Set.of());
    }
    safe("br", VOID | SPECIAL, Set.of(), null, Set.of());
    for (String name :
        new String[] {"b", "cite", "code", "em", "i", "small", "span", "strike", "strong", "sub", "sup", "u"}) {
      safe(name, 0, Set.of(), null, Set.of());
    }
    // dropped, their content kept
    for (String name :
        new String[] {"address", "article", "aside", "center", "footer", "header", "hgroup", "main", "nav", "section"}) {
      dropped(name, BLOCK);
    }
    for (String name :
        new String[] {"abbr", "bdi", "bdo", "big", "data", "del", "dfn", "font", "ins", "kbd", "mark", "picture",
          "s", "samp", "time", "tt", "var"}) {
      dropped(name, 0);
    }
    dropped("hr", VOID | BLOCK);
    for (String name : new String[] {"wbr", "embed", "link", "meta", "source"}) {
      dropped(name, VOID | SPECIAL);
    }
    // dropped with their content
    for (String name : new String[] {"script", "style", "iframe"}) {
      dropped(name, RAW | SPECIAL);
    }
  }

  private static void safe(String name, int flags, Set<String> attributes, @Nullable String url, Set<String> protocols) {
    KINDS.put(name, new Kind(name, true, flags, attributes, url, protocols));
  }

  private static void dropped(String name, int flags) {
    KINDS.put(name, new Kind(name, false, flags, Set.of(), null, Set.of()));
  }

  private final String in;
  private final char[] chars; // performance (issue #4): the scan reads an array, not String.charAt
  private final int n;
  private final @Nullable String base;
  private @Nullable String origin; // "scheme://host" of a plain base, computed once
  private @Nullable String directory; // the base up to the last slash of its path
  private boolean originDone;
  private int pos;
  private final Buffer out;
  private final Buffer text;
  private final int textLimit; // the text is kept only as far as a summary this long needs
  private boolean textDone; // that far is kept, or no text is wanted
  private int textScanned; // the text's chars counted so far
  private int textLetters; // its non-space chars among them
  private final Kind[] stack = new Kind[MAX_DEPTH];
  private int depth;
  private boolean sawBlock;
  private boolean unmodeled; // met something to leave to jsoup in the middle of a text
  private boolean pendingTail; // a non-inline element just ended: a following sibling text or inline element is a word apart
  // attributes of the tag being read
  private final String[] names = new String[16];
  private final String[] values = new String[16];
  private int count;

  private FastCleaner(String in, @Nullable String base, int textLimit) {
    this.in = in;
    this.chars = in.toCharArray();
    this.n = chars.length;
    this.base = base;
    this.out = new Buffer(n + 64);
    this.textLimit = textLimit;
    this.textDone = textLimit < 0;
    this.text = new Buffer(textDone ? 0 : (int) Math.min(n, 4L * textLimit + 64));
  }

  /**
   * Cleans a fragment whose forbidden characters are already stripped.
   *
   * @return the clean fragment and its text, or {@code null} when the fragment needs jsoup
   */
  static Html.@Nullable Clean clean(String html, @Nullable String base, int textLimit) {
    FastCleaner cleaner = new FastCleaner(html, base, textLimit);
    return cleaner.run() ? cleaner.result() : null;
  }

  private Html.Clean result() {
    String html = out.toString();
    if (html.isBlank()) {
      html = "";
    } else if (!sawBlock) {
      html = "<p>" + html + "</p>"; // as Html does: bare text is a paragraph
    }
    return new Html.Clean(html, text, textLimit);
  }

  private boolean run() {
    while (pos < n) {
      if (atMarkup(pos)) {
        if (!markup()) {
          return false;
        }
      } else if (!text()) {
        return false;
      }
    }
    while (depth > 0) {
      end(stack[--depth]);
    }
    return !unmodeled;
  }

  // ---- text

  /** Reads text up to the next markup, references decoded. */
  private boolean text() {
    if (pendingTail) {
      text.append(' ');
      pendingTail = false;
    }
    while (pos < n) {
      int run = pos;
      while (run < n && plain(chars[run])) {
        run++;
      }
      if (run > pos) { // performance (issue #4): most text needs no escaping, copy it whole
        out.append(chars, pos, run - pos);
        if (!textDone) {
          text.append(chars, pos, run - pos);
          keptText();
        }
        pos = run;
        continue;
      }
      char c = chars[pos];
      if (c == '<' && atMarkup(pos)) {
        break;
      }
      if (c == '&') {
        String decoded = reference(false);
        if (decoded == null) {
          return false;
        }
        appendText(decoded);
        continue;
      }
      appendText(c);
      pos++;
    }
    return true;
  }

  /**
   * Counts the text kept so far; once it holds more than {@code textLimit + 1} non-space chars,
   * its collapsed form is longer than the limit, and the summary is cut from it as from the whole:
   * the rest is not kept.
   */
  private void keptText() {
    for (int i = textScanned, end = text.length(); i < end; i++) {
      if (!Text.isSpace(text.charAt(i))) {
        textLetters++;
      }
    }
    textScanned = text.length();
    textDone = textLetters > textLimit + 1;
  }

  /** True for a character text copies as it is, to both the HTML and the text. */
  private static boolean plain(char c) {
    return c > '>' ? c != '\u00A0' && c != '\u00AD' && c != '\u200B' : c != '<' && c != '&' && c != '>';
  }

  /** True when the {@code <} at {@code i} opens a tag, end tag, comment or declaration; else it is text. */
  private boolean atMarkup(int i) {
    if (chars[i] != '<' || i + 1 >= n) {
      return false;
    }
    char c = chars[i + 1];
    return isAsciiLetter(c) || c == '/' || c == '!' || c == '?';
  }

  private void appendText(char c) {
    if (c == '\u200B' || c == '\u00AD') {
      // jsoup's text leaves out zero-width spaces and soft hyphens, but not inside pre
      unmodeled |= open("pre");
    } else {
      if (!textDone) {
        text.append(c);
        keptText();
      }
    }
    switch (c) {
      case '&' -> out.append("&amp;");
      case '<' -> out.append("&lt;");
      case '>' -> out.append("&gt;");
      case '\u00A0' -> out.append("&#xa0;");
      default -> out.append(c);
    }
  }

  private void appendText(String s) {
    for (int i = 0; i < s.length(); i++) {
      appendText(s.charAt(i));
    }
  }

  /**
   * Reads the character reference at {@code pos} (an {@code &}) and returns what it stands for, or
   * {@code null} when its reading is not modeled here. An {@code &} that starts no reference is
   * itself.
   */
  private @Nullable String reference(boolean inAttribute) {
    int start = pos + 1;
    if (start >= n) {
      pos++;
      return "&";
    }
    char c = chars[start];
    if (c == '#') {
      return numeric(start + 1);
    }
    if (!isAsciiLetter(c)) {
      pos++;
      return "&";
    }
    int end = start;
    while (end < n && isAsciiLetterOrDigit(chars[end])) {
      end++;
    }
    String name = in.substring(start, end);
    if (end < n && chars[end] == ';' && Entities.isNamedEntity(name)) {
      pos = end + 1;
      return Entities.getByName(name);
    }
    // Not a full reference. HTML still reads a legacy name without ';' as a reference: leave that
    // to jsoup, else the '&' is text.
    for (int len = 2; len <= Math.min(name.length(), 8); len++) {
      if (Entities.isBaseNamedEntity(name.substring(0, len))) {
        return null;
      }
    }
    pos++;
    return "&";
  }

  private @Nullable String numeric(int from) {
    int radix = 10;
    int i = from;
    if (i < n && (chars[i] == 'x' || chars[i] == 'X')) {
      radix = 16;
      i++;
    }
    int digitsStart = i;
    int value = 0;
    while (i < n && digit(chars[i], radix) >= 0 && i - digitsStart < 7) {
      value = value * radix + digit(chars[i], radix);
      i++;
    }
    if (i == digitsStart || i >= n || chars[i] != ';') {
      return null;
    }
    if (value < 0x20 ? value != '\t' && value != '\n' : !Text.allowed(value)) {
      return null; // controls and the code points HTML maps elsewhere (0x80 to 0x9F, surrogates, ...)
    }
    pos = i + 1;
    return new String(Character.toChars(value));
  }

  // ---- markup

  private boolean markup() {
    char next = chars[pos + 1];
    if (next == '!') {
      return comment();
    }
    if (next == '?') {
      return false;
    }
    if (next == '/') {
      return endTag();
    }
    return startTag();
  }

  private boolean comment() {
    if (!in.startsWith("<!--", pos)) {
      return false; // doctype, CDATA or a bogus comment
    }
    int body = pos + 4;
    if (in.startsWith(">", body) || in.startsWith("->", body)) {
      return false;
    }
    int end = in.indexOf("-->", body);
    if (end < 0 || startsBetween("--!>", body, end)) {
      return false;
    }
    pos = end + 3;
    return true;
  }

  private boolean endTag() {
    int start = pos + 2;
    if (start >= n || !isAsciiLetter(chars[start])) {
      return false;
    }
    int end = nameEnd(start);
    String name = lowerName(start, end);
    int i = skipSpace(end);
    if (i >= n || chars[i] != '>') {
      return false; // attributes or junk in an end tag
    }
    if (depth == 0 || !stack[depth - 1].name.equals(name)) {
      return false; // stray or misnested: HTML repairs it
    }
    pos = i + 1;
    end(stack[--depth]);
    return true;
  }

  private void end(Kind kind) {
    if (kind.safe) {
      pendingTail = false;
      out.append("</").append(kind.name).append('>');
      if (!kind.inline) {
        pendingTail = true;
      }
    }
  }

  private boolean startTag() {
    int start = pos + 1;
    int end = nameEnd(start);
    Kind kind = KINDS.get(lowerName(start, end));
    if (kind == null) {
      return false;
    }
    count = 0;
    int i = end;
    boolean selfClosing = false;
    while (true) {
      int ws = i;
      i = skipSpace(i);
      if (i >= n) {
        return false;
      }
      char c = chars[i];
      if (c == '>') {
        i++;
        break;
      }
      if (c == '/') {
        if (i + 1 < n && chars[i + 1] == '>') {
          selfClosing = true;
          i += 2;
          break;
        }
        return false;
      }
      if (i == ws) {
        return false; // attributes must be apart
      }
      i = attribute(i, kind);
      if (i < 0) {
        return false;
      }
    }
    if (selfClosing && !kind.isVoid) {
      return false;
    }
    if (!allowedHere(kind)) {
      return false;
    }
    if (kind.name.equals("pre") && i < n && (chars[i] == '\n' || chars[i] == '\r')) {
      return false; // HTML drops a newline that starts a pre
    }
    pos = i;
    if (kind.raw) {
      return skipRaw(kind.name);
    }
    if (kind.safe) {
      emitStart(kind);
    }
    if (!kind.isVoid) {
      if (depth == MAX_DEPTH) {
        return false;
      }
      stack[depth++] = kind;
    }
    return true;
  }

  /** False when the start tag would make HTML close or reopen elements. */
  private boolean allowedHere(Kind kind) {
    if (kind.closesP && open("p")) {
      return false;
    }
    if (isHeading(kind.name) && depth > 0 && isHeading(stack[depth - 1].name)) {
      return false; // a heading in a heading
    }
    if (kind.name.equals("a") && open("a")) {
      return false;
    }
    if (kind.name.equals("li") || kind.name.equals("dd") || kind.name.equals("dt")) {
      for (int d = depth - 1; d >= 0; d--) {
        String name = stack[d].name;
        if (name.equals("li") || name.equals("dd") || name.equals("dt")) {
          return false; // an item in an item of the same list
        }
        if (stack[d].special && !name.equals("address") && !name.equals("div") && !name.equals("p")) {
          break;
        }
      }
    }
    return true;
  }

  private static boolean isHeading(String name) {
    return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6';
  }

  private boolean open(String name) {
    for (int d = 0; d < depth; d++) {
      if (stack[d].name.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private void emitStart(Kind kind) {
    String src = null;
    int mark = out.length();
    out.append('<').append(kind.name);
    for (int a = 0; a < count; a++) {
      String name = names[a];
      String value = values[a];
      if (name.equals(kind.urlAttribute)) {
        value = url(value, kind.protocols);
        if (value == null) {
          continue;
        }
        if (kind.name.equals("img")) {
          src = value;
        }
      }
      out.append(' ').append(name).append("=\"");
      escapeAttribute(value);
      out.append('"');
    }
    if (kind.name.equals("img") && (src == null || src.isEmpty())) {
      out.setLength(mark); // Html drops an image without source
      return;
    }
    out.append('>');
    if (kind.block || kind.name.equals("br")) {
      text.append(' ');
    } else if (pendingTail && kind.inline) {
      text.append(' ');
    }
    pendingTail = false;
    sawBlock |= kind.block;
  }

  private void escapeAttribute(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\u00A0' -> out.append("&#xa0;");
        default -> out.append(c);
      }
    }
  }

  /** Reads one attribute from {@code i}; returns where it ends, or -1 when it is not modeled. */
  private int attribute(int i, Kind kind) {
    int start = i;
    while (i < n && isNameChar(chars[i])) {
      i++;
    }
    if (i == start || i >= n) {
      return -1;
    }
    String name = lowerName(start, i);
    // performance (issue #4): the value of an attribute the safelist drops is checked, not kept
    boolean kept =
        kind.safe && (kind.attributes.contains(name) || name.equals("dir") || name.equals("lang"));
    int j = skipSpace(i);
    String value = "";
    if (j < n && chars[j] == '=') {
      j = skipSpace(j + 1);
      if (j >= n) {
        return -1;
      }
      char q = chars[j];
      if (q == '"' || q == '\'') {
        int end = j + 1;
        while (end < n && chars[end] != q && chars[end] != '&') {
          end++;
        }
        if (end < n && chars[end] == q) { // no reference: the value as it stands
          value = kept ? new String(chars, j + 1, end - j - 1) : "";
          i = end + 1;
        } else {
          StringBuilder v = new StringBuilder();
          pos = j + 1;
          while (pos < n && chars[pos] != q) {
            if (!attributeChar(v)) {
              return -1;
            }
          }
          if (pos >= n) {
            return -1;
          }
          i = pos + 1;
          value = v.toString();
        }
      } else {
        StringBuilder v = new StringBuilder();
        pos = j;
        while (pos < n && !isSpace(chars[pos]) && chars[pos] != '>') {
          char c = chars[pos];
          if (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`') {
            return -1;
          }
          if (!attributeChar(v)) {
            return -1;
          }
        }
        if (pos == j) {
          return -1;
        }
        i = pos;
        value = v.toString();
      }
    } // else no value, and the spaces before the next attribute are the caller's
    if (!kept) {
      return i;
    }
    for (int a = 0; a < count; a++) {
      if (names[a].equals(name)) {
        return i; // a repeated attribute: the first one stands
      }
    }
    if (count == names.length) {
      return -1;
    }
    names[count] = name;
    values[count++] = value;
    return i;
  }

  private boolean attributeChar(StringBuilder v) {
    char c = chars[pos];
    if (c == '&') {
      String decoded = reference(true);
      if (decoded == null) {
        return false;
      }
      v.append(decoded);
      return true;
    }
    v.append(c);
    pos++;
    return true;
  }

  /** Skips the content and end tag of a script, style or iframe. */
  private boolean skipRaw(String name) {
    int i = pos;
    while (true) {
      int lt = in.indexOf("</", i);
      if (lt < 0) {
        return false;
      }
      int end = lt + 2 + name.length();
      if (in.regionMatches(true, lt + 2, name, 0, name.length())
          && end < n
          && (isSpace(chars[end]) || chars[end] == '>' || chars[end] == '/')) {
        int close = skipSpace(end);
        if (close >= n || chars[close] != '>') {
          return false;
        }
        if (name.equals("script") && startsBetween("<!--", pos, lt)) {
          return false; // script's escaped states
        }
        pos = close + 1;
        return true;
      }
      i = lt + 2;
    }
  }

  /** True when {@code needle} starts at an index of {@code [from, to)}: one look per index. */
  private boolean startsBetween(String needle, int from, int to) {
    for (int i = from; i < to; i++) {
      if (chars[i] == needle.charAt(0) && in.startsWith(needle, i)) {
        return true;
      }
    }
    return false;
  }

  // ---- URLs

  /**
   * Returns the value of a URL attribute as jsoup's safelist leaves it (resolved against the base),
   * or {@code null} when its protocol is not allowed. Plain absolute and root-relative URLs are
   * answered here; the rest go through jsoup's own resolution.
   */
  private @Nullable String url(String value, Set<String> protocols) {
    String resolved;
    if (plainAbsolute(value)) {
      resolved = value;
    } else if (value.length() > 1 && value.charAt(0) == '/' && value.charAt(1) != '/' && plainRest(value, 0) && origin() != null) {
      resolved = origin() + value;
    } else if (plainRelativePath(value) && directory() != null) {
      resolved = directory() + value;
    } else {
      Element element = new Element(Tag.valueOf("a"), base == null ? "" : base);
      resolved = element.attr("href", value).absUrl("href"); // jsoup's own resolution, as its safelist's
      if (resolved.isEmpty()) {
        resolved = value;
      }
    }
    String lower = resolved.toLowerCase(Locale.ROOT);
    for (String protocol : protocols) {
      if (lower.startsWith(protocol)) {
        return resolved;
      }
    }
    return null;
  }

  /** The base up to the last slash of its path: where a relative path resolves. */
  private @Nullable String directory() {
    if (directory == null && origin() != null) {
      String path = requireNonNull(base).substring(origin.length());
      int end = path.length();
      for (int i = 0; i < path.length(); i++) {
        if (path.charAt(i) == '?' || path.charAt(i) == '#') {
          end = i;
          break;
        }
      }
      int slash = path.lastIndexOf('/', end - 1);
      directory = origin + (slash < 0 ? "/" : path.substring(0, slash + 1));
    }
    return directory;
  }

  /** True for a relative path that is plain: starts with a segment, no dot segments, no scheme. */
  private static boolean plainRelativePath(String value) {
    if (value.isEmpty() || !isAsciiLetterOrDigit(value.charAt(0))) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ':' ) {
        return false; // could be a scheme
      }
      if (c == '/' || c == '?' || c == '#') {
        break;
      }
    }
    return plainRest(value, 0);
  }

  private @Nullable String origin() {
    if (!originDone) {
      originDone = true;
      if (base != null && plainAbsolute(base)) {
        int slash = base.indexOf('/', base.indexOf("://") + 3);
        origin = slash < 0 ? base : base.substring(0, slash);
      }
    }
    return origin;
  }

  /**
   * True for an http(s) URL that java.net.URL, and so jsoup, gives back unchanged: lower-case
   * scheme, a host of letters, digits, dots and hyphens, no port or user, and a path free of dot
   * segments, spaces and non-ASCII characters.
   */
  static boolean plainAbsolute(String url) {
    int hostStart;
    if (url.startsWith("https://")) {
      hostStart = 8;
    } else if (url.startsWith("http://")) {
      hostStart = 7;
    } else {
      return false;
    }
    int i = hostStart;
    while (i < url.length()) {
      char c = url.charAt(i);
      if (isAsciiLetterOrDigit(c) || c == '.' || c == '-') {
        i++;
      } else {
        break;
      }
    }
    if (i == hostStart) {
      return false;
    }
    if (i == url.length()) {
      return true;
    }
    return url.charAt(i) == '/' && plainRest(url, i);
  }

  private static boolean plainRest(String url, int from) {
    for (int i = from; i < url.length(); i++) {
      char c = url.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c >= '\u00A0' || "-._~!$&'()*+,;=:@/?#%".indexOf(c) >= 0)) {
        return false;
      }
      if (c == '.' && (i == 0 || url.charAt(i - 1) == '/')) {
        return false; // a dot segment, which URL would resolve
      }
    }
    return true;
  }

  // ---- characters

  private int nameEnd(int i) {
    while (i < n && isAsciiLetterOrDigit(chars[i])) {
      i++;
    }
    return i;
  }

  private String lowerName(int start, int end) {
    for (int i = start; i < end; i++) {
      char c = chars[i];
      if (c >= 'A' && c <= 'Z') {
        return in.substring(start, end).toLowerCase(Locale.ROOT);
      }
    }
    return in.substring(start, end);
  }

  private int skipSpace(int i) {
    while (i < n && isSpace(chars[i])) {
      i++;
    }
    return i;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
  }

  private static boolean isNameChar(char c) {
    return isAsciiLetterOrDigit(c) || c == '-' || c == '_' || c == ':' || c == '.';
  }

  private static int digit(char c, int radix) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (radix == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return (c | 0x20) - 'a' + 10;
    }
    return -1;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9');
  }

  /**
   * A growable char array: what StringBuilder does here, without its checks for Latin-1 on every
   * append (performance, issue #4).
   */
  private static final class Buffer implements CharSequence {
    private char[] chars;
    private int size;

    Buffer(int capacity) {
      chars = new char[Math.max(capacity, 16)];
    }

    private void room(int more) {
      if (size + more > chars.length) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, size + more));
      }
    }

    Buffer append(char c) {
      room(1);
      chars[size++] = c;
      return this;
    }

    Buffer append(String s) {
      int len = s.length();
      room(len);
      s.getChars(0, len, chars, size);
      size += len;
      return this;
    }

    Buffer append(char[] from, int offset, int len) {
      room(len);
      System.arraycopy(from, offset, chars, size, len);
      size += len;
      return this;
    }

    void setLength(int length) {
      size = length;
    }

    @Override
    public int length() {
      return size;
    }

    @Override
    public char charAt(int index) {
      return chars[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(chars, start, end - start);
    }

    @Override
    public String toString() {
      return new String(chars, 0, size);
    }
  }
}
