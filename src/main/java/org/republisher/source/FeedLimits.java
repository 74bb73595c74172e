package org.republisher.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.republisher.internal.Upstream;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.ext.LexicalHandler;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The limits of {@link FeedDocument}, applied while the parser reads, before anything is built:
 * what is dropped here never costs memory. One instance per parse; not thread-safe.
 *
 * <ul>
 *   <li><b>Entries.</b> The entries (RSS {@code item}, Atom {@code entry}, children of the channel
 *       or of the root) are counted; those past the first {@code maxItems} are skipped whole, their
 *       content, comments and namespace declarations included, so a document of a million empty
 *       items builds no more than {@code maxItems} of them.
 *   <li><b>URLs.</b> An attribute value longer than {@value Upstream#MAX_URL_CHARS} characters is
 *       dropped (attributes hold URLs: {@code href}, {@code url}, {@code src}, {@code xml:base}),
 *       and so is an element holding a URL as text ({@code link}, {@code guid}, {@code id}, {@code
 *       uri}, {@code url}, {@code comments}, {@code icon}, {@code logo}, {@code docs}) whose text
 *       is longer: the entry is read as if it did not have it.
 *   <li><b>Short texts.</b> The text of a title, name or category ({@code title}, {@code name},
 *       {@code author}, {@code creator}, {@code category}, {@code subject}, {@code source}…) and
 *       the {@code term} and {@code label} attributes are cut at {@value Upstream#MAX_TEXT_CHARS}
 *       characters, an ellipsis marking the cut.
 * </ul>
 */
final class FeedLimits extends XMLFilterImpl implements LexicalHandler {

  private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";

  /** Elements whose text is a URL: dropped when it is too long. */
  static final Set<String> URL_ELEMENTS =
      Set.of("link", "guid", "id", "uri", "url", "comments", "icon", "logo", "docs");

  /** Elements whose own text is a title or a name: cut when it is too long. */
  static final Set<String> TEXT_ELEMENTS =
      Set.of(
          "title",
          "name",
          "email",
          "author",
          "creator",
          "contributor",
          "publisher",
          "category",
          "subject",
          "source",
          "managingEditor",
          "webMaster",
          "generator");

  private static final char ELLIPSIS = '…';

  private final int maxItems;
  private @Nullable LexicalHandler lexical;

  private int depth;
  private int containerDepth = -1;
  private boolean containerSeen;
  private String itemName = "item";

  /** The depth of the skipped element being passed over, or -1. */
  private int skipping = -1;

  private int total;
  private int droppedUrls;
  private int cutTexts;

  /** The characters of an element's own text so far, by depth; -1 when it is not a short text. */
  private final int[] textCount = new int[FeedDocument.MAX_DEPTH + 2];

  private final List<String[]> pendingPrefixes = new ArrayList<>();
  private @Nullable Deferred deferred;

  /** A URL element held back until its end, when its length is known. */
  private static final class Deferred {
    final String uri;
    final String localName;
    final String qName;
    final Attributes attributes;
    final List<String[]> prefixes;
    final int depth;
    final StringBuilder text = new StringBuilder();
    boolean tooLong;

    Deferred(
        String uri,
        String localName,
        String qName,
        Attributes attributes,
        List<String[]> prefixes,
        int depth) {
      this.uri = uri;
      this.localName = localName;
      this.qName = qName;
      this.attributes = new AttributesImpl(attributes);
      this.prefixes = prefixes;
      this.depth = depth;
    }
  }

  FeedLimits(int maxItems) {
    this.maxItems = maxItems;
    textCount[0] = -1;
  }

  /** How many entries the document holds, read or not. */
  int total() {
    return total;
  }

  /** How many URLs were dropped for their length. */
  int droppedUrls() {
    return droppedUrls;
  }

  /** How many titles and names were cut. */
  int cutTexts() {
    return cutTexts;
  }

  // The lexical handler the builder sets goes behind this filter, not around it.

  @Override
  public void setProperty(String name, @Nullable Object value)
      throws SAXNotRecognizedException, SAXNotSupportedException {
    if (LEXICAL_HANDLER.equals(name)) {
      lexical = (LexicalHandler) value;
      super.setProperty(name, this);
    } else {
      super.setProperty(name, value);
    }
  }

  @Override
  public void startPrefixMapping(String prefix, String uri) {
    if (skipping < 0) {
      pendingPrefixes.add(new String[] {prefix, uri});
    }
  }

  @Override
  public void endPrefixMapping(String prefix) throws SAXException {
    if (skipping < 0 && deferred == null) {
      super.endPrefixMapping(prefix);
    }
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts)
      throws SAXException {
    depth++;
    if (skipping >= 0) {
      return;
    }
    if (depth == 1) {
      itemName = localName.equals("feed") ? "entry" : "item";
      if (!localName.equals("rss")) {
        containerDepth = 1;
        containerSeen = true;
      }
    } else if (depth == 2 && !containerSeen && localName.equals("channel")) {
      containerDepth = 2;
      containerSeen = true;
    } else if (depth == containerDepth + 1 && localName.equals(itemName)) {
      total++;
      if (total > maxItems) {
        skipping = depth;
        pendingPrefixes.clear();
        return;
      }
    }
    flushDeferred();
    if (depth < textCount.length) {
      textCount[depth] = TEXT_ELEMENTS.contains(localName) ? 0 : -1;
    }
    Attributes kept = limited(atts);
    List<String[]> prefixes = takePrefixes();
    if (URL_ELEMENTS.contains(localName)) {
      deferred = new Deferred(uri, localName, qName, kept, prefixes, depth);
      return;
    }
    emitPrefixes(prefixes);
    super.startElement(uri, localName, qName, kept);
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    int ending = depth--;
    if (skipping >= 0) {
      if (ending == skipping) {
        skipping = -1;
      }
      return;
    }
    Deferred d = deferred;
    if (d != null && d.depth == ending) {
      deferred = null;
      if (d.tooLong) {
        droppedUrls++;
        return;
      }
      emitPrefixes(d.prefixes);
      super.startElement(d.uri, d.localName, d.qName, d.attributes);
      if (d.text.length() > 0) {
        char[] text = d.text.toString().toCharArray();
        super.characters(text, 0, text.length);
      }
    }
    super.endElement(uri, localName, qName);
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    if (skipping >= 0) {
      return;
    }
    Deferred d = deferred;
    if (d != null && d.depth == depth) {
      if (!d.tooLong) {
        if (d.text.length() + length > Upstream.MAX_URL_CHARS) {
          d.tooLong = true;
          d.text.setLength(0);
        } else {
          d.text.append(ch, start, length);
        }
      }
      return;
    }
    if (total > maxItems && depth == containerDepth && isBlank(ch, start, length)) {
      return; // the white space between entries that were skipped
    }
    int count = depth < textCount.length ? textCount[depth] : -1;
    if (count < 0) {
      super.characters(ch, start, length);
      return;
    }
    int room = Upstream.MAX_TEXT_CHARS - count;
    if (room <= 0) {
      return;
    }
    if (length <= room) {
      textCount[depth] = count + length;
      super.characters(ch, start, length);
      return;
    }
    int keep = room - 1; // room for the ellipsis
    if (keep > 0 && Character.isHighSurrogate(ch[start + keep - 1])) {
      keep--;
    }
    if (keep > 0) {
      super.characters(ch, start, keep);
    }
    super.characters(new char[] {ELLIPSIS}, 0, 1);
    textCount[depth] = Upstream.MAX_TEXT_CHARS;
    cutTexts++;
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
    if (skipping < 0 && deferred == null) {
      super.ignorableWhitespace(ch, start, length);
    }
  }

  @Override
  public void processingInstruction(String target, String data) throws SAXException {
    if (skipping < 0 && deferred == null) {
      super.processingInstruction(target, data);
    }
  }

  @Override
  public void skippedEntity(String name) throws SAXException {
    if (skipping < 0 && deferred == null) {
      super.skippedEntity(name);
    }
  }

  // LexicalHandler: passed on, except inside what is skipped or held back.

  /** The lexical handler, when events are passed on at this point; else {@code null}. */
  private @Nullable LexicalHandler passing() {
    return skipping < 0 && deferred == null ? lexical : null;
  }

  @Override
  public void startDTD(String name, @Nullable String publicId, @Nullable String systemId)
      throws SAXException {
    LexicalHandler to = lexical;
    if (to != null) {
      to.startDTD(name, publicId, systemId);
    }
  }

  @Override
  public void endDTD() throws SAXException {
    LexicalHandler to = lexical;
    if (to != null) {
      to.endDTD();
    }
  }

  @Override
  public void startEntity(String name) throws SAXException {
    LexicalHandler to = passing();
    if (to != null) {
      to.startEntity(name);
    }
  }

  @Override
  public void endEntity(String name) throws SAXException {
    LexicalHandler to = passing();
    if (to != null) {
      to.endEntity(name);
    }
  }

  @Override
  public void startCDATA() throws SAXException {
    LexicalHandler to = passing();
    if (to != null) {
      to.startCDATA();
    }
  }

  @Override
  public void endCDATA() throws SAXException {
    LexicalHandler to = passing();
    if (to != null) {
      to.endCDATA();
    }
  }

  @Override
  public void comment(char[] ch, int start, int length) throws SAXException {
    LexicalHandler to = passing();
    if (to != null) {
      to.comment(ch, start, length);
    }
  }

  /** Emits a held-back URL element that turned out to hold elements: it is not a URL. */
  private void flushDeferred() throws SAXException {
    Deferred d = deferred;
    if (d == null) {
      return;
    }
    deferred = null;
    emitPrefixes(d.prefixes);
    super.startElement(d.uri, d.localName, d.qName, d.attributes);
    if (d.text.length() > 0) {
      char[] text = d.text.toString().toCharArray();
      super.characters(text, 0, text.length);
    }
  }

  private List<String[]> takePrefixes() {
    if (pendingPrefixes.isEmpty()) {
      return List.of();
    }
    List<String[]> taken = List.copyOf(pendingPrefixes);
    pendingPrefixes.clear();
    return taken;
  }

  private void emitPrefixes(List<String[]> prefixes) throws SAXException {
    for (String[] p : prefixes) {
      super.startPrefixMapping(p[0], p[1]);
    }
  }

  /** The attributes without those too long to keep, {@code term} and {@code label} cut. */
  private Attributes limited(Attributes atts) {
    AttributesImpl changed = null;
    for (int i = atts.getLength() - 1; i >= 0; i--) {
      String value = atts.getValue(i);
      String name = atts.getLocalName(i);
      boolean text = name.equals("term") || name.equals("label");
      if (value.length() > Upstream.MAX_URL_CHARS) {
        changed = changed == null ? new AttributesImpl(atts) : changed;
        changed.removeAttribute(i);
        droppedUrls += text ? 0 : 1;
        cutTexts += text ? 1 : 0;
      } else if (text && value.length() > Upstream.MAX_TEXT_CHARS) {
        changed = changed == null ? new AttributesImpl(atts) : changed;
        changed.setValue(i, Upstream.text(value));
        cutTexts++;
      }
    }
    return changed == null ? atts : changed;
  }

  private static boolean isBlank(char[] ch, int start, int length) {
    for (int i = start; i < start + length; i++) {
      if (!Character.isWhitespace(ch[i])) {
        return false;
      }
    }
    return true;
  }
}
