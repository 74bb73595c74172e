package org.republisher.write;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
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

  private final Utf8Writer sink;
  private final XMLStreamWriter xml;

  XmlOutput(OutputStream out) throws IOException {
    try {
      // Performance (issue #4): given the OutputStream itself, the JDK's StAX writer encodes every
      // character separately and makes one OutputStream.write(int) call per byte (a system call per
      // byte on an unbuffered FileOutputStream). Over this Writer it fills a block buffer.
      this.sink = new Utf8Writer(out);
      this.xml = FACTORY.createXMLStreamWriter(sink);
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
      characters(text, false);
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  /** Writes {@code <name>text</name>} on its own line. */
  void element(int depth, String name, String text) throws IOException {
    try {
      xml.writeCharacters(INDENT[depth]);
      xml.writeStartElement(name);
      characters(text, false);
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
      characters(text, true);
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  void element(int depth, String prefix, String name, String namespace, String text)
      throws IOException {
    try {
      xml.writeCharacters(INDENT[depth]);
      xml.writeStartElement(prefix, name, namespace);
      characters(text, false);
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

  /**
   * Writes character data, escaped as the JDK's StAX writer escapes it ({@code &amp; &lt; &gt;};
   * quotes stay as they are in text), or, {@code plain}, with {@code &#x26;} and {@code &#x3C;}
   * for {@code &} and {@code <} as {@link #plainText} documents: the same bytes as before.
   *
   * <p>Performance (issue #4): text (content, summaries, titles: most of a feed's bytes) went char
   * by char through the StAX writer and then through the Writer. Here it is escaped and encoded in
   * one pass, straight into the buffer the StAX writer writes to. The JDK's writer
   * ({@code newDefaultFactory()}, never another implementation) writes through to its Writer at
   * once and holds nothing back, so the order is kept; {@code writeCharacters("")} first closes a
   * pending start tag, as writing the text would.
   */
  private void characters(String text, boolean plain) throws XMLStreamException, IOException {
    xml.writeCharacters("");
    sink.escaped(text, plain);
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

  /**
   * UTF-8 into an 8 KiB buffer, handed to the caller's stream a block at a time; {@link #flush()}
   * (at the end of the document) empties it and flushes the stream, {@link #close()} does not
   * close the stream. Not synchronized: one writer, one thread. A lone surrogate, which normalized
   * text never holds, is written as {@code ?}, as {@code String.getBytes} writes it.
   */
  private static final class Utf8Writer extends Writer {
    private static final byte[] LT = {'&', 'l', 't', ';'};
    private static final byte[] GT = {'&', 'g', 't', ';'};
    private static final byte[] AMP = {'&', 'a', 'm', 'p', ';'};
    private static final byte[] LT_REF = {'&', '#', 'x', '3', 'C', ';'};
    private static final byte[] AMP_REF = {'&', '#', 'x', '2', '6', ';'};

    private final OutputStream out;
    private final byte[] buffer = new byte[8192];
    private final char[] chars = new char[1024];
    private int size;
    private char high; // a high surrogate waiting for its low half, or 0

    Utf8Writer(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
      put((char) c);
    }

    @Override
    public void write(String s) throws IOException {
      write(s, 0, s.length());
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      for (int i = off, end = off + len; i < end; i++) {
        char c = s.charAt(i);
        if (c < 0x80 && high == 0 && size < buffer.length) {
          buffer[size++] = (byte) c;
        } else {
          put(c);
        }
      }
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
      for (int i = off, end = off + len; i < end; i++) {
        put(chars[i]);
      }
    }

    private void put(char c) throws IOException {
      if (size > buffer.length - 4) {
        drain();
      }
      if (high != 0) {
        char h = high;
        high = 0;
        if (Character.isLowSurrogate(c)) {
          int cp = Character.toCodePoint(h, c);
          buffer[size++] = (byte) (0xF0 | (cp >> 18));
          buffer[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          buffer[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          buffer[size++] = (byte) (0x80 | (cp & 0x3F));
          return;
        }
        buffer[size++] = '?';
      }
      if (c < 0x80) {
        buffer[size++] = (byte) c;
      } else if (c < 0x800) {
        buffer[size++] = (byte) (0xC0 | (c >> 6));
        buffer[size++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)) {
        high = c;
      } else if (Character.isLowSurrogate(c)) {
        buffer[size++] = '?';
      } else {
        buffer[size++] = (byte) (0xE0 | (c >> 12));
        buffer[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buffer[size++] = (byte) (0x80 | (c & 0x3F));
      }
    }

    /**
     * Writes text as XML character data: {@code & < >} as {@code &amp; &lt; &gt;}, or, {@code
     * plain}, {@code & <} as {@code &#x26; &#x3C;}.
     */
    void escaped(String text, boolean plain) throws IOException {
      if (high != 0) { // a lone high surrogate, ended as put(char) ends one
        high = 0;
        if (size == buffer.length) {
          drain();
        }
        buffer[size++] = '?';
      }
      // one pass: escape and encode each char straight into the buffer, reading the text in
      // chunks copied to an array (performance, issue #4: String.charAt checked every index)
      char[] c = chars;
      byte[] b = buffer;
      int p = size;
      for (int from = 0, n = text.length(); from < n; ) {
        int len = Math.min(c.length, n - from);
        text.getChars(from, from + len, c, 0);
        if (from + len < n && Character.isHighSurrogate(c[len - 1])) {
          len--; // keep a surrogate pair in one chunk
        }
        from += len;
        for (int i = 0; i < len; i++) {
          if (p > b.length - 6) { // room for the longest: an entity, or 4 bytes
            size = p;
            drain();
            p = 0;
          }
          char ch = c[i];
          if (ch < 0x80) {
            if (ch == '<') {
              p = entity(b, p, plain ? LT_REF : LT);
            } else if (ch == '>') {
              p = entity(b, p, GT);
            } else if (ch == '&') {
              p = entity(b, p, plain ? AMP_REF : AMP);
            } else {
              b[p++] = (byte) ch;
            }
          } else if (ch < 0x800) {
            b[p++] = (byte) (0xC0 | (ch >> 6));
            b[p++] = (byte) (0x80 | (ch & 0x3F));
          } else if (!Character.isSurrogate(ch)) {
            b[p++] = (byte) (0xE0 | (ch >> 12));
            b[p++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
            b[p++] = (byte) (0x80 | (ch & 0x3F));
          } else if (Character.isHighSurrogate(ch) && i + 1 < len && Character.isLowSurrogate(c[i + 1])) {
            int cp = Character.toCodePoint(ch, c[++i]);
            b[p++] = (byte) (0xF0 | (cp >> 18));
            b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            b[p++] = (byte) (0x80 | (cp & 0x3F));
          } else {
            b[p++] = '?'; // a lone surrogate, as String.getBytes writes it
          }
        }
      }
      size = p;
    }

    private static int entity(byte[] b, int p, byte[] entity) {
      System.arraycopy(entity, 0, b, p, entity.length);
      return p + entity.length;
    }

    private void drain() throws IOException {
      out.write(buffer, 0, size);
      size = 0;
    }

    @Override
    public void flush() throws IOException {
      drain();
      out.flush();
    }

    @Override
    public void close() throws IOException {
      flush();
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
