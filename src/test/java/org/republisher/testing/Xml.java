package org.republisher.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.republisher.testing.Namespaces.ATOM;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.jspecify.annotations.Nullable;
import org.republisher.testing.FeedRules.Report;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/** A parsed XML document, with the line of every element and the namespace declarations. */
final class Xml {
  private static final String LINE = "org.republisher.testing.line";
  private static final Pattern XML_DECLARATION =
      Pattern.compile("^(?:\u00EF\u00BB\u00BF)?<\\?xml\\s+version\\s*=\\s*['\"]([^'\"]*)['\"]");

  /** One {@code xmlns} declaration, as the parser reported it. */
  record Declaration(String prefix, String uri, int line) {}

  final Document document;
  final List<Declaration> declarations;
  final @Nullable String xmlVersion;
  private final String[] rawLines;

  private Xml(
      Document document,
      List<Declaration> declarations,
      @Nullable String xmlVersion,
      String[] rawLines) {
    this.document = document;
    this.declarations = declarations;
    this.xmlVersion = xmlVersion;
    this.rawLines = rawLines;
  }

  /** Parses, or reports why the bytes are not a well-formed XML document and returns null. */
  static @Nullable Xml parse(byte[] bytes, Report report) {
    DomBuilder builder = new DomBuilder(newDocument());
    try {
      XMLReader reader = hardenedSaxFactory().newSAXParser().getXMLReader();
      reader.setContentHandler(builder);
      reader.setErrorHandler(builder);
      reader.parse(new InputSource(new ByteArrayInputStream(bytes)));
    } catch (SAXParseException e) {
      // W3C SAXError: not well-formed XML. A DOCTYPE is refused here too (no entity expansion).
      report.add(
          "line " + e.getLineNumber() + ", column " + e.getColumnNumber(),
          "SAXError",
          "not well-formed XML: " + e.getMessage());
      return null;
    } catch (SAXException | IOException | ParserConfigurationException e) {
      report.add("document", "SAXError", "not readable as XML: " + e.getMessage());
      return null;
    }
    // Read as ISO-8859-1 only to look at ASCII: the XML declaration and "&#x" per line.
    String raw = new String(bytes, ISO_8859_1);
    Matcher declaration = XML_DECLARATION.matcher(raw);
    return new Xml(
        builder.document,
        List.copyOf(builder.declarations),
        declaration.find() ? declaration.group(1) : null,
        raw.split("\n", -1));
  }

  static SAXParserFactory hardenedSaxFactory() {
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setValidating(false);
      factory.setXIncludeAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      return factory;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's SAX parser refuses a hardening feature", e);
    }
  }

  private static Document newDocument() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK cannot create a DOM document", e);
    }
  }

  Element root() {
    return document.getDocumentElement();
  }

  /** The raw source line (ASCII-readable), for the W3C's "&#x" heuristics. */
  String rawLine(int line) {
    return line >= 1 && line <= rawLines.length ? rawLines[line - 1] : "";
  }

  static int line(Element element) {
    return element.getUserData(LINE) instanceof Integer line ? line : 0;
  }

  static boolean is(Element element, @Nullable String namespace, String localName) {
    return Objects.equals(element.getNamespaceURI(), namespace)
        && localName.equals(element.getLocalName());
  }

  static List<Element> children(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element child) {
        children.add(child);
      }
    }
    return children;
  }

  static List<Element> children(Element parent, @Nullable String namespace, String localName) {
    List<Element> children = new ArrayList<>();
    for (Element child : children(parent)) {
      if (is(child, namespace, localName)) {
        children.add(child);
      }
    }
    return children;
  }

  static @Nullable Element child(Element parent, @Nullable String namespace, String localName) {
    List<Element> children = children(parent, namespace, localName);
    return children.isEmpty() ? null : children.get(0);
  }

  static String text(Element element) {
    return element.getTextContent();
  }

  static boolean hasText(Element element) {
    for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Text text && !text.getData().isBlank()) {
        return true;
      }
    }
    return false;
  }

  static @Nullable String attribute(Element element, String name) {
    return attribute(element, null, name);
  }

  static @Nullable String attribute(
      Element element, @Nullable String namespace, String localName) {
    Node attribute = element.getAttributeNodeNS(namespace, localName);
    return attribute == null ? null : attribute.getNodeValue();
  }

  static @Nullable Element parent(Element element) {
    return element.getParentNode() instanceof Element parent ? parent : null;
  }

  /** Where an element is, for humans: "item 3 &lt;guid&gt; (line 42)". */
  static String where(Element element) {
    Element scope = null;
    for (Element e = element; e != null; e = parent(e)) {
      if (is(e, null, "item")
          || is(e, ATOM, "entry")
          || is(e, null, "channel")
          || is(e, ATOM, "feed")) {
        scope = e;
        break;
      }
    }
    String name;
    if (scope == null) {
      name = element.getOwnerDocument().getDocumentElement().getTagName();
      scope = element.getOwnerDocument().getDocumentElement();
    } else if (is(scope, null, "item") || is(scope, ATOM, "entry")) {
      name = scope.getLocalName() + " " + position(scope);
    } else {
      name = scope.getLocalName();
    }
    String inside = scope == element ? "" : " <" + element.getTagName() + ">";
    return name + inside + " (line " + line(element) + ")";
  }

  private static int position(Element element) {
    int position = 1;
    for (Node node = element.getPreviousSibling();
        node != null;
        node = node.getPreviousSibling()) {
      if (node instanceof Element sibling
          && is(sibling, element.getNamespaceURI(), element.getLocalName())) {
        position++;
      }
    }
    return position;
  }

  /** Builds a DOM from SAX events, recording each element's line and every xmlns. */
  private static final class DomBuilder extends DefaultHandler {
    final Document document;
    final List<Declaration> declarations = new ArrayList<>();
    private @Nullable Locator locator;
    private Node current;

    DomBuilder(Document document) {
      this.document = document;
      this.current = document;
    }

    private int line() {
      return locator == null ? 0 : locator.getLineNumber();
    }

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) {
      declarations.add(new Declaration(prefix, uri, line()));
    }

    @Override
    public void startElement(
        String uri, String localName, String qualifiedName, Attributes attributes) {
      Element element = document.createElementNS(uri.isEmpty() ? null : uri, qualifiedName);
      for (int i = 0; i < attributes.getLength(); i++) {
        String attributeUri = attributes.getURI(i);
        element.setAttributeNS(
            attributeUri.isEmpty() ? null : attributeUri,
            attributes.getQName(i),
            attributes.getValue(i));
      }
      element.setUserData(LINE, line(), null);
      current.appendChild(element);
      current = element;
    }

    @Override
    public void endElement(String uri, String localName, String qualifiedName) {
      Node parent = current.getParentNode();
      current = parent == null ? document : parent;
    }

    @Override
    public void characters(char[] characters, int start, int length) {
      if (current == document) {
        return;
      }
      String data = new String(characters, start, length);
      if (current.getLastChild() instanceof Text text) {
        text.appendData(data);
      } else {
        current.appendChild(document.createTextNode(data));
      }
    }
  }
}
