package org.republisher.testing;

import static java.util.Map.entry;
import static org.republisher.testing.FeedRules.words;
import static org.republisher.testing.Namespaces.ATOM;
import static org.republisher.testing.Namespaces.ATOM_03;
import static org.republisher.testing.Namespaces.XHTML;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.IncorrectSchemaException;
import com.thaiopensource.validate.Schema;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.Validator;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import org.republisher.testing.FeedRules.Report;
import org.republisher.testing.FeedRules.Sink;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/** The rules of Atom 1.0 (RFC 4287). */
final class AtomRules {
  /** Registered link relations the W3C knows (IANA registry), besides absolute IRIs. */
  private static final Set<String> RELATIONS =
      words(
          "alternate related self enclosure via current describedby edit edit-media first hub"
              + " last license next next-archive payment prev-archive previous replies search"
              + " service up");

  private static final Set<String> FEED_HISTORY_RELATIONS =
      words("current first last next next-archive prev-archive previous");
  private static final String IANA_RELATION_PREFIX = "http://www.iana.org/assignments/relation/";
  private static final Pattern EMAIL_IN_NAME =
      Pattern.compile("<[A-Za-z0-9_+.'-]+@(?:[A-Za-z0-9-]+\\.)+[A-Za-z0-9][A-Za-z0-9-]*>");

  private final Xml xml;
  private final Report report;

  private AtomRules(Xml xml, Report report) {
    this.xml = xml;
    this.report = report;
  }

  static void check(byte[] bytes, Report report) {
    Xml xml = Xml.parse(bytes, report);
    if (xml == null) {
      return;
    }
    Element root = xml.root();
    if (!Xml.is(root, ATOM, "feed")) {
      if (ATOM_03.equals(root.getNamespaceURI())) {
        // W3C ObsoleteNamespace
        report.at(root).add("ObsoleteNamespace", "Atom 0.3 namespace: Atom 1.0 is " + ATOM);
      } else {
        report
            .at(root)
            .add(
                "project: NotAtom",
                "root element is <" + root.getTagName() + ">, not an Atom 1.0 feed");
      }
      return;
    }
    XmlRules.check(xml, report, true);
    AtomSchema.validate(bytes, report);
    new AtomRules(xml, report).feed(root);
  }

  private Sink at(Element element) {
    return report.at(element);
  }

  private void feed(Element feed) {
    List<Element> entries = new ArrayList<>();
    for (Element child : Xml.children(feed)) {
      if (!ATOM.equals(child.getNamespaceURI())) {
        continue;
      }
      if (child.getLocalName().equals("entry")) {
        entries.add(child);
        continue;
      }
      if (!entries.isEmpty()) {
        // W3C MisplacedMetadata (an error): feed metadata comes before the entries.
        at(child).add("MisplacedMetadata", "feed metadata after the first <entry>");
      }
      metadata(child);
    }
    metadataCardinality(feed, "MissingElement");
    boolean self = false;
    for (Element link : Xml.children(feed, ATOM, "link")) {
      self |= "self".equals(Xml.attribute(link, "rel"));
    }
    if (!self) {
      // W3C MissingSelf: readers need the feed's own URL.
      at(feed).add("MissingSelf", "no <link rel=\"self\" href=\"...\"/>");
    }
    alternates(feed);
    boolean feedHasAuthor = Xml.child(feed, ATOM, "author") != null;
    Set<String> ids = new HashSet<>();
    Set<String> updates = new HashSet<>();
    for (Element entry : entries) {
      entry(entry, feedHasAuthor);
      Element id = Xml.child(entry, ATOM, "id");
      if (id != null && !Xml.text(id).isBlank() && !ids.add(Xml.text(id).strip())) {
        // W3C DuplicateEntries: readers show only one of them.
        at(id)
            .add(
                "DuplicateEntries",
                "id \"" + Xml.text(id).strip() + "\" is already the id of an earlier entry");
      }
      Element updated = Xml.child(entry, ATOM, "updated");
      if (updated != null
          && !Xml.text(updated).isBlank()
          && !updates.add(Xml.text(updated).strip())) {
        // W3C DuplicateUpdated
        at(updated)
            .add(
                "DuplicateUpdated",
                "another entry has the same <updated> value " + Xml.text(updated).strip());
      }
    }
    if (!feedHasAuthor) {
      for (Element entry : entries) {
        if (Xml.child(entry, ATOM, "author") == null) {
          // RFC 4287 4.1.1 (Schematron assert in Appendix B): a feed has an author unless every
          // entry has one of its own; an author in the entry's source does not count here.
          at(feed)
              .add(
                  "RFC4287: feed author",
                  "no feed <author>, and " + Xml.where(entry) + " has no <author> of its own");
          break;
        }
      }
    }
  }

  /** A child of feed or source, in the Atom namespace. */
  private void metadata(Element child) {
    switch (child.getLocalName()) {
      case "id" -> id(child);
      case "title", "subtitle", "rights" -> textConstruct(child, false);
      case "updated" -> date(child);
      case "link" -> link(child, report, false);
      case "author", "contributor" -> person(child);
      case "category" -> category(child);
      case "generator" -> generator(child);
      case "icon", "logo" -> iconOrLogo(child);
      default -> undefined(child);
    }
  }

  private void metadataCardinality(Element parent, String missingRule) {
    // W3C MissingElement (MissingSourceElement in a source, a warning): id, title, updated.
    for (String name : List.of("id", "title", "updated")) {
      if (Xml.child(parent, ATOM, name) == null) {
        at(parent).add(missingRule, "<" + parent.getLocalName() + "> has no <" + name + ">");
      }
    }
    noDuplicates(parent, "id title subtitle rights updated icon logo generator");
  }

  private void entry(Element entry, boolean feedHasAuthor) {
    for (Element child : Xml.children(entry)) {
      if (!ATOM.equals(child.getNamespaceURI())) {
        continue;
      }
      switch (child.getLocalName()) {
        case "id" -> id(child);
        case "title", "summary", "rights" -> textConstruct(child, false);
        case "content" -> textConstruct(child, true);
        case "updated", "published" -> date(child);
        case "link" -> link(child, report, true);
        case "author", "contributor" -> person(child);
        case "category" -> category(child);
        case "source" -> source(child);
        default -> undefined(child);
      }
    }
    // W3C MissingElement: id, title and updated are required (RFC 4287 4.1.2).
    for (String name : List.of("id", "title", "updated")) {
      if (Xml.child(entry, ATOM, name) == null) {
        at(entry).add("MissingElement", "<entry> has no <" + name + ">");
      }
    }
    noDuplicates(entry, "content id published rights source summary title updated");
    Element source = Xml.child(entry, ATOM, "source");
    boolean sourceHasAuthor = source != null && Xml.child(source, ATOM, "author") != null;
    if (Xml.child(entry, ATOM, "author") == null && !feedHasAuthor && !sourceHasAuthor) {
      // W3C MissingElement (RFC 4287 4.1.2, the Schematron assert on atom:entry)
      at(entry)
          .add("MissingElement", "<entry> has no <author>, nor has its feed or its <source>");
    }
    textualContent(entry);
    alternates(entry);
  }

  private void textualContent(Element entry) {
    Element content = Xml.child(entry, ATOM, "content");
    boolean summary = Xml.child(entry, ATOM, "summary") != null;
    if (content == null) {
      if (!summary) {
        // W3C MissingTextualContent: readers have nothing to show.
        at(entry).add("MissingTextualContent", "<entry> has neither <content> nor <summary>");
      }
      boolean alternate = false;
      for (Element link : Xml.children(entry, ATOM, "link")) {
        String rel = Xml.attribute(link, "rel");
        alternate |= rel == null || rel.equals("alternate");
      }
      if (!alternate) {
        // W3C MissingContentOrAlternate (RFC 4287 4.1.1.x, Schematron assert)
        at(entry)
            .add("MissingContentOrAlternate", "<entry> has no <content> and no alternate <link>");
      }
    } else if (!summary) {
      String type = Xml.attribute(content, "type");
      boolean binary =
          type != null
              && type.contains("/")
              && !(type.endsWith("+xml") || type.endsWith("/xml") || type.startsWith("text/"));
      if (Xml.attribute(content, "src") != null || binary) {
        // W3C MissingSummary (RFC 4287 4.1.1.x): out-of-line or binary content needs a summary.
        at(entry)
            .add("MissingSummary", "<content> is not inline text, and there is no <summary>");
      }
    }
  }

  private void source(Element source) {
    for (Element child : Xml.children(source)) {
      if (!ATOM.equals(child.getNamespaceURI())) {
        continue;
      }
      if (child.getLocalName().equals("entry")) {
        undefined(child);
      } else {
        metadata(child);
      }
    }
    metadataCardinality(source, "MissingSourceElement");
  }

  /** W3C UndefinedElement: an element the Atom namespace does not define here. */
  private void undefined(Element element) {
    at(element)
        .add(
            "UndefinedElement",
            "<"
                + element.getTagName()
                + "> is not allowed in <"
                + element.getParentNode().getLocalName()
                + ">");
  }

  private void noDuplicates(Element parent, String names) {
    for (String name : words(names)) {
      List<Element> found = Xml.children(parent, ATOM, name);
      if (found.size() > 1) {
        // W3C DuplicateElement
        at(found.get(1))
            .add(
                "DuplicateElement",
                "more than one <" + name + "> in <" + parent.getLocalName() + ">");
      }
    }
  }

  /** W3C DuplicateAtomLink: at most one alternate link per type and hreflang. */
  private void alternates(Element parent) {
    Set<String> seen = new HashSet<>();
    for (Element link : Xml.children(parent, ATOM, "link")) {
      String rel = Xml.attribute(link, "rel");
      if (rel == null || rel.equals("alternate")) {
        String key = Xml.attribute(link, "type") + "|" + Xml.attribute(link, "hreflang");
        if (!seen.add(key)) {
          at(link)
              .add("DuplicateAtomLink", "two alternate links with the same type and hreflang");
        }
      }
    }
  }

  /**
   * An atom:id: W3C UnexpectedWhitespace, InvalidFullLink / InvalidTAG / InvalidUUID...,
   * NonCanonicalURI.
   */
  private void id(Element id) {
    Sink sink = at(id);
    String raw = Xml.text(id);
    String value = raw.strip();
    if (!raw.equals(value)) {
      sink.add("UnexpectedWhitespace", "whitespace around the id");
    }
    if (Values.uri(value, true, "InvalidFullLink", "InvalidFullLink", sink)) {
      String canonical = Values.canonicalUri(value);
      if (canonical != null && !canonical.equals(value)) {
        // W3C NonCanonicalURI: ids are compared character by character.
        sink.add(
            "NonCanonicalURI",
            "id \"" + value + "\" is not in canonical form \"" + canonical + "\"");
      }
    }
  }

  /** An Atom date: W3C UnexpectedWhitespace, InvalidRFC3339Date, ImplausibleDate. */
  private void date(Element date) {
    Sink sink = at(date);
    String raw = Xml.text(date);
    if (!raw.equals(raw.strip())) {
      sink.add("UnexpectedWhitespace", "whitespace around the date");
    }
    Values.rfc3339(raw.strip(), false, true, "InvalidRFC3339Date", sink);
  }

  /** A text construct (title, subtitle, rights, summary) or atom:content. */
  private void textConstruct(Element element, boolean content) {
    Sink sink = at(element);
    String type = Xml.attribute(element, "type");
    String src = Xml.attribute(element, "src");
    if (type != null && type.isBlank()) {
      // W3C AttrNotBlank
      sink.add("AttrNotBlank", "empty type attribute");
    }
    String effective = type == null || type.isBlank() ? "text" : type;
    boolean textual = Set.of("text", "html", "xhtml").contains(effective);
    if (!content && !textual && effective.contains("/")) {
      // W3C InvalidTextType: text constructs are text, html or xhtml.
      sink.add(
          "InvalidTextType",
          "type=\"" + type + "\" on <" + element.getLocalName() + ">: use text, html or xhtml");
    } else if (!textual && !Values.isMimeType(effective)) {
      // W3C InvalidMIMEType
      sink.add(
          "InvalidMIMEType",
          "type=\"" + type + "\" is neither text, html, xhtml nor a MIME type");
    }
    if (src != null) {
      if (type == null) {
        // W3C MissingTypeAttr
        sink.add("MissingTypeAttr", "<content src> without a type attribute");
      }
      Values.uri(src, true, "project: RelativeURI", "InvalidURIAttribute", sink);
      return;
    }
    String text = Xml.text(element);
    if (text.isBlank() && Xml.children(element).isEmpty()) {
      // W3C NotBlank
      sink.add("NotBlank", "<" + element.getLocalName() + "> should not be blank");
    }
    if (effective.equals("xhtml")) {
      xhtml(element, sink);
      return;
    }
    if (!effective.endsWith("/xml") && !effective.endsWith("+xml")) {
      for (Element child : Xml.children(element)) {
        sink.add(
            "UndefinedElement",
            "element <" + child.getTagName() + "> in " + effective + " content: escape it");
      }
    }
    if (effective.equals("html")) {
      Markup.html(text, sink);
    } else if (effective.equals("text")) {
      // W3C ContainsUndeclaredHTML: type="text" is shown as is, markup and all.
      boolean hexReferences = xml.rawLine(Xml.line(element)).contains("&#x");
      Markup.plainText(text, false, hexReferences, "ContainsUndeclaredHTML", sink);
    }
  }

  /** type="xhtml": W3C MissingXhtmlDiv, then the div's content like HTML. */
  private void xhtml(Element element, Sink sink) {
    List<Element> children = Xml.children(element);
    if (Xml.hasText(element) || children.size() != 1 || !Xml.is(children.get(0), XHTML, "div")) {
      sink.add("MissingXhtmlDiv", "xhtml content must be exactly one xhtml:div");
    }
    for (Element child : children) {
      if (Xml.is(child, XHTML, "div")) {
        Markup.xhtml(child, sink);
      }
    }
  }

  /** An atom:link, in Atom or in an RSS channel or item. */
  static void link(Element link, Report report, boolean inEntry) {
    Sink sink = report.at(link);
    String rel = Xml.attribute(link, "rel");
    String relation = rel == null ? "alternate" : rel.strip();
    if (rel != null) {
      if (relation.isEmpty()) {
        // W3C AttrNotBlank
        sink.add("AttrNotBlank", "empty rel attribute");
      }
      if (relation.startsWith(IANA_RELATION_PREFIX)) {
        relation = relation.substring(IANA_RELATION_PREFIX.length());
      }
      if (!relation.isEmpty()
          && !RELATIONS.contains(relation)
          && !Values.isAbsoluteIri(relation)) {
        // W3C UnregisteredAtomLinkRel
        sink.add(
            "UnregisteredAtomLinkRel",
            "rel=\"" + rel + "\" is neither registered nor an absolute IRI");
      }
      if (inEntry && FEED_HISTORY_RELATIONS.contains(relation)) {
        // W3C FeedHistoryRelInEntry
        sink.add(
            "FeedHistoryRelInEntry", "feed history relation rel=\"" + rel + "\" in an entry");
      }
    }
    String type = Xml.attribute(link, "type");
    if (type != null) {
      String mediaType = type.split(";", 2)[0].strip();
      if (!Values.isMimeType(type)) {
        // W3C InvalidMIMEType
        sink.add("InvalidMIMEType", "link type \"" + type + "\" is not a MIME type");
      } else if (relation.equals("self")
          && !Set.of("application/atom+xml", "application/rss+xml", "application/rdf+xml")
              .contains(mediaType)) {
        // W3C SelfNotAtom
        sink.add("SelfNotAtom", "self link type \"" + type + "\" is not a feed media type");
      }
    }
    String title = Xml.attribute(link, "title");
    if (title != null) {
      if (title.isBlank()) {
        sink.add("AttrNotBlank", "empty title attribute");
      }
      Markup.plainText(title, false, false, "ContainsHTML", sink);
    }
    String length = Xml.attribute(link, "length");
    if (length != null && (!Values.isInteger(length) || Long.parseLong(length) < 0)) {
      // W3C InvalidNonNegativeInteger
      sink.add(
          "InvalidNonNegativeInteger",
          "link length \"" + length + "\" is not a non-negative integer");
    }
    String hreflang = Xml.attribute(link, "hreflang");
    if (hreflang != null) {
      Values.language(hreflang, "hreflang", sink);
    }
    String href = Xml.attribute(link, "href");
    if (href == null) {
      // W3C MissingHref
      sink.add("MissingHref", "<link> has no href attribute");
    } else {
      // W3C RelativeSelf for a self link; project: no relative URL anywhere (DESIGN.md).
      String relative = relation.equals("self") ? "RelativeSelf" : "project: RelativeURI";
      Values.uri(href, true, relative, "InvalidIRI", sink);
    }
    if (Xml.hasText(link)) {
      // W3C AtomLinkNotEmpty
      sink.add("AtomLinkNotEmpty", "<link> should be empty");
    }
  }

  /** An author or contributor. */
  private void person(Element person) {
    for (Element child : Xml.children(person)) {
      if (!ATOM.equals(child.getNamespaceURI())) {
        continue;
      }
      Sink sink = at(child);
      String raw = Xml.text(child);
      String value = raw.strip();
      switch (child.getLocalName()) {
        case "name" -> {
          if (value.isEmpty()) {
            sink.add("NotBlank", "empty <name>");
          }
          // as the W3C does for every plain-text element: no entity report where the source
          // line holds a hexadecimal character reference (RSS Profile style)
          boolean hexReferences = xml.rawLine(Xml.line(child)).contains("&#x");
          Markup.plainText(raw, false, hexReferences, "ContainsHTML", sink);
          if (EMAIL_IN_NAME.matcher(raw).find()) {
            // W3C ContainsEmail: spam harvesters read feeds too.
            sink.add("ContainsEmail", "the name contains an e-mail address");
          }
        }
        case "email" -> {
          if (!Values.isEmail(value)) {
            // W3C InvalidAddrSpec
            sink.add("InvalidAddrSpec", "\"" + value + "\" is not an e-mail address");
          }
        }
        case "uri" -> {
          if (!raw.equals(value)) {
            sink.add("UnexpectedWhitespace", "whitespace around the uri");
          }
          Values.uri(value, true, "project: RelativeURI", "InvalidIRI", sink);
        }
        default -> undefined(child);
      }
    }
    if (Xml.child(person, ATOM, "name") == null) {
      // W3C MissingElement
      at(person).add("MissingElement", "<" + person.getLocalName() + "> has no <name>");
    }
    noDuplicates(person, "name email uri");
  }

  private void category(Element category) {
    Sink sink = at(category);
    String term = Xml.attribute(category, "term");
    if (term == null) {
      // W3C MissingAttribute
      sink.add("MissingAttribute", "<category> has no term attribute");
    } else if (term.isBlank()) {
      // W3C NotBlank
      sink.add("NotBlank", "empty category term");
    }
    String scheme = Xml.attribute(category, "scheme");
    if (scheme != null) {
      Values.uri(scheme, true, "InvalidFullLink", "InvalidFullLink", sink);
    }
    String label = Xml.attribute(category, "label");
    if (label != null) {
      Markup.plainText(label, false, false, "ContainsHTML", sink);
    }
  }

  private void generator(Element generator) {
    Sink sink = at(generator);
    if (Xml.text(generator).isBlank()) {
      sink.add("NotBlank", "empty <generator>");
    }
    String uri = Xml.attribute(generator, "uri");
    if (uri != null) {
      Values.uri(uri, true, "project: RelativeURI", "InvalidIRI", sink);
    }
  }

  private void iconOrLogo(Element element) {
    Sink sink = at(element);
    String raw = Xml.text(element);
    if (raw.isBlank()) {
      sink.add("NotBlank", "empty <" + element.getLocalName() + ">");
      return;
    }
    if (!raw.equals(raw.strip())) {
      sink.add("UnexpectedWhitespace", "whitespace around the IRI");
    }
    Values.uri(raw.strip(), true, "project: RelativeURI", "InvalidIRI", sink);
  }

  /** Validation against the RELAX NG schema of RFC 4287 Appendix B, with jing. */
  private static final class AtomSchema {
    private static final String RULE = "RFC4287: schema";

    /** Loaded once: a jing schema is immutable and safe to share. */
    private static final class Holder {
      static final Schema SCHEMA = load();
    }

    static void validate(byte[] bytes, Report report) {
      ErrorHandler errors =
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
              report.add("line " + e.getLineNumber(), RULE, e.getMessage());
            }

            @Override
            public void error(SAXParseException e) {
              report.add("line " + e.getLineNumber(), RULE, e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              report.add("line " + e.getLineNumber(), RULE, e.getMessage());
              throw e;
            }
          };
      PropertyMapBuilder properties = new PropertyMapBuilder();
      properties.put(ValidateProperty.ERROR_HANDLER, errors);
      Validator validator = Holder.SCHEMA.createValidator(properties.toPropertyMap());
      try {
        XMLReader reader = Xml.hardenedSaxFactory().newSAXParser().getXMLReader();
        reader.setContentHandler(validator.getContentHandler());
        reader.setErrorHandler(errors);
        reader.parse(new InputSource(new ByteArrayInputStream(bytes)));
      } catch (SAXException | IOException | ParserConfigurationException e) {
        // Reported through the error handler already; the document parsed once before.
      }
    }

    private static Schema load() {
      URL schema = FeedRules.class.getResource("atom.rnc");
      if (schema == null) {
        throw new IllegalStateException(
            "atom.rnc is missing beside FeedRules in the test resources");
      }
      try {
        return CompactSchemaReader.getInstance()
            .createSchema(
                new InputSource(schema.toExternalForm()), new PropertyMapBuilder().toPropertyMap());
      } catch (IOException | SAXException | IncorrectSchemaException e) {
        throw new IllegalStateException("cannot load the RFC 4287 schema " + schema, e);
      }
    }
  }
}
