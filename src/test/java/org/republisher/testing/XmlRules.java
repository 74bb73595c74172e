package org.republisher.testing;

import static org.republisher.testing.Namespaces.ATOM;
import static org.republisher.testing.Namespaces.XHTML;
import static org.republisher.testing.Namespaces.XML_NS;

import java.util.Set;
import org.republisher.testing.FeedRules.Report;
import org.republisher.testing.FeedRules.Sink;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.Text;

/** Rules every XML feed keeps, RSS or Atom. */
final class XmlRules {

  static void check(Xml xml, Report report, boolean atom) {
    xmlVersion(xml, report);
    namespaceDeclarations(xml, report, atom);
    walk(xml.root(), report, true);
  }

  /** W3C BadXmlVersion: feeds must be XML 1.0. */
  private static void xmlVersion(Xml xml, Report report) {
    if (xml.xmlVersion != null && !xml.xmlVersion.equals("1.0")) {
      report.add(
          "line 1",
          "BadXmlVersion",
          "XML version " + xml.xmlVersion + ": feeds must be XML version 1.0");
    }
  }

  private static void namespaceDeclarations(Xml xml, Report report, boolean atom) {
    for (Xml.Declaration declaration : xml.declarations) {
      String uri = declaration.uri();
      String prefix = declaration.prefix();
      Sink sink = report.at("line " + declaration.line());
      if (uri.isEmpty()) {
        continue;
      }
      String reservedUri = Namespaces.RESERVED_PREFIXES.get(prefix);
      if (uri.equals("http://search.yahoo.com/mrss")) {
        // W3C MediaRssNamespace (an error): the Media RSS namespace ends with a slash.
        sink.add("MediaRssNamespace", "Media RSS namespace without its trailing slash: " + uri);
      } else if (!prefix.isEmpty() && reservedUri != null && !reservedUri.equals(uri)) {
        // W3C ReservedPrefix: a well-known prefix bound to another namespace.
        sink.add(
            "ReservedPrefix",
            "prefix " + prefix + " is reserved for " + reservedUri + ", not " + uri);
      } else if (!Namespaces.KNOWN.containsKey(uri)) {
        // W3C UnknownNamespace: readers do not know what its elements mean.
        sink.add("UnknownNamespace", "use of unknown namespace " + uri);
      }
      if (atom && !prefix.isEmpty() && (uri.equals(ATOM) || uri.equals(XHTML))) {
        // W3C AvoidNamespacePrefix: some Atom readers only understand the default namespace.
        sink.add(
            "AvoidNamespacePrefix",
            "avoid the namespace prefix " + prefix + " for " + uri + " in an Atom feed");
      }
    }
  }

  /**
   * Walks every element: characters, xml:lang, xml:base and, in the namespaces the W3C knows,
   * element names. Below an element of an unknown namespace (an extension the W3C "eats") and
   * inside XHTML content only the characters are checked.
   */
  private static void walk(Element element, Report report, boolean checkNames) {
    badCharacters(element, report);
    String language = Xml.attribute(element, XML_NS, "lang");
    if (language != null && !language.isEmpty()) {
      Values.language(language, "xml:lang", report.at(element));
    }
    String base = Xml.attribute(element, XML_NS, "base");
    if (base != null) {
      Values.uri(base, true, "project: RelativeURI", "InvalidIRI", report.at(element));
    }
    String namespace = element.getNamespaceURI();
    boolean checkChildren = checkNames;
    if (checkNames && namespace != null) {
      Set<String> names = Namespaces.ELEMENTS.get(namespace);
      if (names != null && !names.contains(element.getLocalName())) {
        // W3C UndefinedElement: an element the namespace does not define (a typo?).
        report
            .at(element)
            .add(
                "UndefinedElement",
                "<" + element.getTagName() + "> is not defined in namespace " + namespace);
      }
      if (namespace.equals(XHTML)) {
        // W3C MisplacedXHTMLContent: XHTML belongs inside an xhtml text construct.
        report.at(element).add("MisplacedXHTMLContent", "XHTML element outside of XHTML content");
      }
      checkChildren = Namespaces.KNOWN.containsKey(namespace) && !namespace.equals(XHTML);
    }
    if (isXhtmlOrXmlConstruct(element)) {
      checkChildren = false;
    }
    for (Element child : Xml.children(element)) {
      walk(child, report, checkChildren);
    }
  }

  private static boolean isXhtmlOrXmlConstruct(Element element) {
    if (!ATOM.equals(element.getNamespaceURI())) {
      return false;
    }
    String type = Xml.attribute(element, "type");
    return type != null
        && (type.equals("xhtml") || type.endsWith("/xml") || type.endsWith("+xml"));
  }

  /**
   * W3C BadCharacters: C1 controls (U+0080 to U+009F, text decoded with the wrong charset) or
   * U+FFFD (a decoding failure). C0 controls cannot pass the XML 1.0 parser; under XML 1.1 they
   * would, so they are reported here too.
   */
  private static void badCharacters(Element element, Report report) {
    for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Text text) {
        String bad = Values.badCharacter(text.getData());
        if (bad != null) {
          report.at(element).add("BadCharacters", "text contains " + bad);
          break;
        }
      }
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Node attribute = attributes.item(i);
      String bad = Values.badCharacter(attribute.getNodeValue());
      if (bad != null) {
        report
            .at(element)
            .add("BadCharacters", "attribute " + attribute.getNodeName() + " contains " + bad);
      }
    }
  }

  private XmlRules() {}
}
