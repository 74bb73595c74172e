package org.republisher.source;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SAXBuilder;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.impl.DateParser;
import com.rometools.rome.io.impl.XmlFixerReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jspecify.annotations.Nullable;
import org.republisher.internal.Upstream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream feed, parsed safely: Rome's view of it, plus what Rome's view leaves out ({@code
 * xml:base}, {@code xml:lang}, Media RSS images, the feed's self link).
 *
 * <h2>Hardening</h2>
 *
 * <ul>
 *   <li>No DOCTYPE is read, so no entity is ever declared: no external entity (XXE), no entity
 *       expansion (billion laughs), no DTD fetched. A document with a DOCTYPE fails at once. One
 *       exception, without risk: the Netscape RSS 0.91 DOCTYPE (a public id, no internal subset) is
 *       blanked out before parsing, its DTD never loaded, so those old feeds still read.
 *   <li>The JDK parser's feature {@code disallow-doctype-decl} is on as well (Rome sets it, with
 *       external entities and external DTD loading off), in case a DOCTYPE hides past the prolog
 *       this class scans.
 *   <li>Elements nest at most {@value #MAX_DEPTH} deep.
 *   <li>A document that does not parse as it is gets a second chance through Rome's {@link
 *       XmlFixerReader}: named HTML entities ({@code &nbsp;}, {@code &eacute;}…), which many feeds
 *       use without declaring them, are read as their characters, and junk before the XML
 *       declaration is dropped. Any other undeclared entity makes the document not well-formed.
 *   <li>While the parser reads, before anything is built ({@link FeedLimits}): the entries past the
 *       first {@code maxItems} are counted and skipped, URLs longer than {@value
 *       Upstream#MAX_URL_CHARS} characters are dropped, and titles and names are cut at {@value
 *       Upstream#MAX_TEXT_CHARS} characters. Memory is therefore bounded by the body and {@code
 *       maxItems}, whatever the document holds.
 * </ul>
 */
final class FeedDocument {

  private static final Logger LOG = LoggerFactory.getLogger(FeedDocument.class);

  /** The deepest element nesting read. */
  static final int MAX_DEPTH = 256;

  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String ATOM_03 = "http://purl.org/atom/ns#";
  private static final String MEDIA = "http://search.yahoo.com/mrss/";
  private static final int PROLOG_CHARS = 16 * 1024;
  private static final Pattern NETSCAPE_DOCTYPE =
      Pattern.compile(
          "<!DOCTYPE\\s+rss\\s+PUBLIC\\s+([\"'])-//Netscape Communications//DTD RSS 0\\.91//EN\\1"
              + "(\\s+([\"'])[^\"'<>\\[\\]]*\\3)?\\s*>");

  private static final Pattern HTML_DOCTYPE =
      Pattern.compile("<!DOCTYPE\\s+html[\\s>]", Pattern.CASE_INSENSITIVE);

  final SyndFeed feed;
  final List<Item> items;

  /** How many entries the document holds, read or not. */
  final int total;

  final @Nullable String language;
  final @Nullable URI base;
  final @Nullable String selfLink;

  /**
   * What Rome does not say about one entry.
   *
   * @param base the entry's {@code xml:base} in scope, resolved, or {@code null} when no ancestor
   *     has one
   * @param language the nearest {@code xml:lang}, or {@code null}
   * @param mediaImage the first Media RSS image ({@code media:content} of an image, else {@code
   *     media:thumbnail}), as written, or {@code null}
   * @param issued Atom 0.3's {@code issued}, which Rome drops (it reports {@code modified} as the
   *     published date), or {@code null}
   * @param modified Atom 0.3's {@code modified}, or {@code null}
   */
  record Item(
      @Nullable URI base,
      @Nullable String language,
      @Nullable String mediaImage,
      @Nullable Date issued,
      @Nullable Date modified) {
    static final Item NONE = new Item(null, null, null, null, null);
  }

  private FeedDocument(
      SyndFeed feed,
      List<Item> items,
      int total,
      @Nullable String language,
      @Nullable URI base,
      @Nullable String selfLink) {
    this.feed = feed;
    this.items = items;
    this.total = total;
    this.language = language;
    this.base = base;
    this.selfLink = selfLink;
  }

  /**
   * Returns what Rome does not say about the entry at an index of {@link SyndFeed#getEntries()}.
   */
  Item item(int index) {
    return index < items.size() ? items.get(index) : Item.NONE;
  }

  /**
   * Parses a feed.
   *
   * @param sourceId for failures
   * @param uri the source's URI, for failures
   * @param body the bytes
   * @param truncated whether the body was cut at the size limit
   * @param maxBytes the limit, for the message of a cut body
   * @param header the charset of the HTTP {@code Content-Type}, or {@code null}
   * @param documentUri where the body came from, the first base of relative references
   * @param maxItems the most entries built and handed to Rome; the others are counted and skipped
   * @throws SourceException when the body is not a readable RSS or Atom feed
   */
  static FeedDocument parse(
      String sourceId,
      URI uri,
      byte[] body,
      boolean truncated,
      int maxBytes,
      @Nullable Charset header,
      URI documentUri,
      int maxItems) {
    String cut =
        truncated ? "the body exceeds " + maxBytes + " bytes and was cut at the limit: " : "";
    Parsed parsed;
    try {
      parsed = document(sourceId, uri, body, truncated, header, false, maxItems);
    } catch (JDOMException first) {
      if (truncated) {
        throw notWellFormed(sourceId, uri, cut, first);
      }
      try {
        parsed = document(sourceId, uri, body, false, header, true, maxItems);
      } catch (JDOMException again) {
        throw notWellFormed(sourceId, uri, cut, again);
      }
    }
    Document document = parsed.document();
    FeedLimits limits = parsed.limits();
    if (limits.droppedUrls() > 0 || limits.cutTexts() > 0) {
      LOG.warn(
          "{}: {} URLs longer than {} characters dropped, {} titles or names cut at {}",
          sourceId,
          limits.droppedUrls(),
          Upstream.MAX_URL_CHARS,
          limits.cutTexts(),
          Upstream.MAX_TEXT_CHARS);
    }
    Element root = document.getRootElement();
    Element container = container(root);
    if (container == root && root.getName().equals("rss")) {
      throw new SourceException(sourceId, uri, -1, "RSS document has no <channel> element", null);
    }
    List<Item> items = new ArrayList<>();
    String itemName = root.getName().equals("feed") ? "entry" : "item";
    int total = limits.total();
    for (Element child : container.getChildren()) {
      if (child.getName().equals(itemName)) {
        items.add(
            new Item(
                base(child, documentUri, true),
                language(child),
                mediaImage(child),
                atom03Date(child, "issued"),
                atom03Date(child, "modified")));
      }
    }
    URI feedBase = base(container, documentUri, false);
    String selfLink = selfLink(container);
    String rootLanguage = language(container);
    SyndFeed feed;
    try {
      WireFeed wire = new Input().build(document);
      feed = new SyndFeedImpl(wire);
    } catch (IllegalArgumentException e) {
      throw new SourceException(
          sourceId,
          uri,
          -1,
          cut + "not an RSS or Atom feed (the root element is <" + root.getQualifiedName() + ">)",
          e);
    } catch (FeedException e) {
      throw new SourceException(sourceId, uri, -1, cut + "not a readable feed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Rome's own failure (a NullPointerException on an odd document): its message is Rome's
      throw new SourceException(
          sourceId, uri, -1, cut + "not a feed Rome can read (<" + root.getQualifiedName() + ">)", e);
    }
    if (items.size() != feed.getEntries().size()) {
      items = List.of(); // Rome saw other entries than this class: no per-entry extras
    }
    String language = feed.getLanguage() != null ? feed.getLanguage() : rootLanguage;
    return new FeedDocument(feed, List.copyOf(items), total, language, feedBase, selfLink);
  }

  /**
   * Decodes and parses the body. Without {@code heal}, the XML is read as it is; with it, through
   * Rome's healer, which reads named HTML entities as their characters and drops what precedes the
   * XML declaration. The healer costs about a second per 8 MiB, so it only runs when a plain parse
   * failed.
   */
  private static Parsed document(
      String sourceId,
      URI uri,
      byte[] body,
      boolean truncated,
      @Nullable Charset header,
      boolean heal,
      int maxItems)
      throws JDOMException {
    try (Reader chars = FeedEncoding.reader(sourceId, uri, body, truncated, header)) {
      Reader xml = withoutDoctype(sourceId, uri, chars);
      FeedLimits limits = new FeedLimits(maxItems);
      SAXBuilder builder = saxBuilder();
      builder.setXMLFilter(limits);
      return new Parsed(builder.build(heal ? new XmlFixerReader(xml) : xml), limits);
    } catch (IOException e) {
      throw new SourceException(sourceId, uri, -1, "unreadable: " + e.getMessage(), e);
    }
  }

  /** A document, and what its limits dropped and counted while it was read. */
  private record Parsed(Document document, FeedLimits limits) {}

  private static SourceException notWellFormed(
      String sourceId, URI uri, String cut, JDOMException e) {
    return new SourceException(
        sourceId, uri, -1, cut + "not well-formed XML: " + e.getMessage(), e);
  }

  private static SAXBuilder saxBuilder() {
    SAXBuilder builder = new Input().saxBuilder();
    builder.setProperty("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
    return builder;
  }

  /**
   * Scans the prolog: blanks out a Netscape RSS 0.91 DOCTYPE, and refuses any other DOCTYPE before
   * the parser sees it.
   */
  private static Reader withoutDoctype(String sourceId, URI uri, Reader in) throws IOException {
    PushbackReader reader = new PushbackReader(in, PROLOG_CHARS);
    char[] head = new char[PROLOG_CHARS];
    int n = 0;
    for (int r; n < head.length && (r = reader.read(head, n, head.length - n)) > 0; ) {
      n += r;
    }
    String prolog = new String(head, 0, n);
    int at = doctypeAt(prolog);
    if (at >= 0) {
      Matcher m = NETSCAPE_DOCTYPE.matcher(prolog).region(at, prolog.length());
      if (HTML_DOCTYPE.matcher(prolog).region(at, prolog.length()).lookingAt()) {
        throw new SourceException(sourceId, uri, -1, "not a feed: an HTML page", null);
      }
      if (!m.lookingAt()) {
        throw new SourceException(
            sourceId,
            uri,
            -1,
            "has a DOCTYPE, refused: entity declarations and DTDs are never read",
            null);
      }
      prolog = prolog.substring(0, at) + " ".repeat(m.end() - at) + prolog.substring(m.end());
    }
    reader.unread(prolog.toCharArray());
    return reader;
  }

  /** Where a DOCTYPE starts in the prolog, or -1: skips white space, PIs and comments. */
  static int doctypeAt(String text) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\uFEFF') {
        i++;
      } else if (text.startsWith("<?", i)) {
        int end = text.indexOf("?>", i + 2);
        if (end < 0) {
          return -1;
        }
        i = end + 2;
      } else if (text.startsWith("<!--", i)) {
        int end = text.indexOf("-->", i + 4);
        if (end < 0) {
          return -1;
        }
        i = end + 3;
      } else {
        return text.startsWith("<!DOCTYPE", i) ? i : -1;
      }
    }
    return -1;
  }

  /** The element that holds the items: RSS's channel, else the root (Atom feed, RSS 1.0 RDF). */
  private static Element container(Element root) {
    if (root.getName().equals("rss")) {
      for (Element child : root.getChildren()) {
        if (child.getName().equals("channel")) {
          return child;
        }
      }
    }
    return root;
  }

  /**
   * Resolves the {@code xml:base} attributes in scope, outermost first, against the document's URI.
   * Returns {@code null} when none is in scope and {@code explicitOnly}, or when nothing absolute
   * comes of them.
   */
  private static @Nullable URI base(Element element, URI documentUri, boolean explicitOnly) {
    List<String> bases = new ArrayList<>();
    for (Element e = element; e != null; e = e.getParentElement()) {
      String b = e.getAttributeValue("base", Namespace.XML_NAMESPACE);
      if (b != null && !b.isBlank()) {
        bases.add(0, b.strip());
      }
    }
    if (bases.isEmpty() && explicitOnly) {
      return null;
    }
    URI base = documentUri;
    for (String b : bases) {
      URI next = resolve(base, b);
      if (next != null) {
        base = next;
      }
    }
    return base.isAbsolute() ? base : null;
  }

  /**
   * Resolves a reference against a base, mending the JDK's {@code http://host} + {@code a} = {@code
   * http://hosta}. Returns {@code null} when the reference is absent or not a URI, and a relative
   * reference when there is no base to resolve it against.
   */
  static @Nullable URI resolve(@Nullable URI base, @Nullable String reference) {
    if (reference == null || reference.isBlank()) {
      return null;
    }
    URI ref;
    try {
      ref = new URI(reference.strip());
    } catch (URISyntaxException e) {
      return null;
    }
    if (ref.isAbsolute() || base == null || base.isOpaque()) {
      return ref;
    }
    URI b = base;
    if (b.getRawPath() == null || b.getRawPath().isEmpty()) {
      b = b.resolve("/");
    }
    try {
      return b.resolve(ref);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable Date atom03Date(Element entry, String name) {
    if (!entry.getNamespaceURI().equals(ATOM_03)) {
      return null;
    }
    String text = entry.getChildTextTrim(name, entry.getNamespace());
    return text == null || text.isEmpty() ? null : DateParser.parseW3CDateTime(text, Locale.US);
  }

  private static @Nullable String language(Element element) {
    for (Element e = element; e != null; e = e.getParentElement()) {
      String lang = e.getAttributeValue("lang", Namespace.XML_NAMESPACE);
      if (lang != null && !lang.isBlank()) {
        return lang.strip();
      }
    }
    return null;
  }

  private static @Nullable String mediaImage(Element item) {
    String thumbnail = null;
    List<Element> candidates = new ArrayList<>(item.getChildren());
    for (int i = 0; i < candidates.size(); i++) {
      Element e = candidates.get(i);
      if (!isMedia(e.getNamespace())) {
        continue;
      }
      String url = e.getAttributeValue("url");
      switch (e.getName()) {
        case "group" -> candidates.addAll(e.getChildren());
        case "content" -> {
          if (url != null && !url.isBlank() && isImage(e)) {
            return url.strip();
          }
        }
        case "thumbnail" -> {
          if (thumbnail == null && url != null && !url.isBlank()) {
            thumbnail = url.strip();
          }
        }
        default -> {}
      }
    }
    return thumbnail;
  }

  private static boolean isMedia(Namespace ns) {
    String uri = ns.getURI();
    return uri.equals(MEDIA) || uri.equals("http://search.yahoo.com/mrss");
  }

  private static boolean isImage(Element content) {
    String medium = content.getAttributeValue("medium");
    String type = content.getAttributeValue("type");
    if (medium != null || type != null) {
      return "image".equalsIgnoreCase(medium)
          || type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("image/");
    }
    return FeedMapping.looksLikeImage(content.getAttributeValue("url"));
  }

  private static @Nullable String selfLink(Element container) {
    for (Element child : container.getChildren("link", Namespace.getNamespace(ATOM))) {
      if ("self".equals(child.getAttributeValue("rel"))) {
        String href = child.getAttributeValue("href");
        if (href != null && !href.isBlank()) {
          return href.strip();
        }
      }
    }
    return null;
  }

  /** Rome's input, opened up to lend its hardened SAX builder. */
  private static final class Input extends WireFeedInput {
    SAXBuilder saxBuilder() {
      return createSAXBuilder();
    }
  }
}
