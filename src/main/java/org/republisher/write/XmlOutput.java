package org.republisher.write;

import java.io.IOException;
import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A thin layer over the JDK's StAX writer: element helpers, indentation, and {@link
 * XMLStreamException} turned into {@link IOException}.
 */
final class XmlOutput {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();
  private static final String[] INDENT = {"\n", "\n  ", "\n    ", "\n      ", "\n        "};

  private final XMLStreamWriter xml;

  XmlOutput(OutputStream out) throws IOException {
    try {
      this.xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  XMLStreamWriter raw() {
    return xml;
  }

  void start(int depth, String name) throws IOException {
    try {
      xml.writeCharacters(INDENT[depth]);
      xml.writeStartElement(name);
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  void start(int depth, String prefix, String name, String namespace) throws IOException {
    try {
      xml.writeCharacters(INDENT[depth]);
      xml.writeStartElement(prefix, name, namespace);
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  void empty(int depth, String name) throws IOException {
    try {
      xml.writeCharacters(INDENT[depth]);
      xml.writeEmptyElement(name);
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  void empty(int depth, String prefix, String name, String namespace) throws IOException {
    try {
      xml.writeCharacters(INDENT[depth]);
      xml.writeEmptyElement(prefix, name, namespace);
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  void attribute(String name, String value) throws IOException {
    try {
      xml.writeAttribute(name, value);
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  void namespace(String prefix, String uri) throws IOException {
    try {
      if (prefix.isEmpty()) {
        xml.writeDefaultNamespace(uri);
      } else {
        xml.writeNamespace(prefix, uri);
      }
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  void xmlLang(String language) throws IOException {
    try {
      xml.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", language);
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  void text(String text) throws IOException {
    try {
      xml.writeCharacters(text);
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  /** Writes {@code <name>text</name>} on its own line. */
  void element(int depth, String name, String text) throws IOException {
    try {
      xml.writeCharacters(INDENT[depth]);
      xml.writeStartElement(name);
      xml.writeCharacters(text);
      xml.writeEndElement();
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  /**
   * Writes {@code <name>text</name>} for RSS plain text, with {@code &} and {@code <} as the
   * character references {@code &#x26;} and {@code &#x3C;}: the RSS Profile's advice, since readers
   * may take {@code &lt;b} in a title for markup (the W3C validator's "CharacterData" warning).
   */
  void plainElement(int depth, String name, String text) throws IOException {
    try {
      xml.writeCharacters(INDENT[depth]);
      xml.writeStartElement(name);
      plainText(text);
      xml.writeEndElement();
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  /** Writes RSS plain text as {@link #plainElement} does, in the open element. */
  void plainText(String text) throws IOException {
    try {
      int from = 0;
      for (int i = 0, n = text.length(); i < n; i++) {
        char c = text.charAt(i);
        if (c == '&' || c == '<') {
          xml.writeCharacters(text.substring(from, i));
          xml.writeEntityRef(c == '&' ? "#x26" : "#x3C");
          from = i + 1;
        }
      }
      xml.writeCharacters(from == 0 ? text : text.substring(from));
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  void element(int depth, String prefix, String name, String namespace, String text)
      throws IOException {
    try {
      xml.writeCharacters(INDENT[depth]);
      xml.writeStartElement(prefix, name, namespace);
      xml.writeCharacters(text);
      xml.writeEndElement();
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  /** Ends the open element; on its own line when {@code depth} is not negative. */
  void end(int depth) throws IOException {
    try {
      if (depth >= 0) {
        xml.writeCharacters(INDENT[depth]);
      }
      xml.writeEndElement();
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  void finish() throws IOException {
    try {
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  static IOException io(XMLStreamException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e.getNestedException();
    if (cause instanceof IOException io) {
      return io;
    }
    return new IOException(e.getMessage(), e);
  }
}
