package org.republisher.write;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;
import org.republisher.internal.Html;

/**
 * A thin layer over the JDK's StAX writer: element helpers, indentation, and {@link
 * XMLStreamException} turned into {@link IOException}.
 */
final class XmlOutput {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();
  private static final String[] INDENT = {"\n", "\n  ", "\n    ", "\n      ", "\n        "};

  /** How text is escaped: XML character data, RSS plain text, an attribute value. */
  private static final int TEXT = 0;
  private static final int PLAIN = 1;
  private static final int ATTRIBUTE = 2;

  private final Utf8Writer sink;
  private final XMLStreamWriter xml;
  private final @Nullable SharedText shared;

  XmlOutput(OutputStream out) throws IOException {
    this(out, null);
  }

  /**
   * @param shared the escaped content shared with the other XML output of the same write, or
   *     {@code null}
   */
  XmlOutput(OutputStream out, @Nullable SharedText shared) throws IOException {
    this.shared = shared;
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

  /**
   * Writes an attribute of the element just started. Performance (issue #4): written straight into
   * the open start tag, as the JDK's StAX writer writes it ({@code & < > "} escaped), which holds
   * nothing back (see {@link #characters}); XmlOutputTest compares the bytes.
   */
  void attribute(String name, String value) throws IOException {
    sink.write(' ');
    sink.write(name);
    sink.write("=\"");
    sink.escaped(value, ATTRIBUTE);
    sink.write('"');
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
    content(text, false);
  }

  /** Writes {@code <name>text</name>} on its own line. */
  void element(int depth, String name, String text) throws IOException {
    element(depth, name, text, false);
  }

  /**
   * Writes {@code <name>text</name>} for plain text where readers may assume HTML (RSS titles,
   * categories, sources; Atom person names), with {@code &} and {@code <} as the character
   * references {@code &#x26;} and {@code &#x3C;}: the RSS Profile's advice, since readers may take
   * {@code &lt;b} in a title for markup (the W3C validator's "CharacterData" warning). Text that
   * {@linkplain Html#looksLikeMarkup looks like markup} is escaped as HTML first, so that readers
   * that take it for HTML show it as the text it is, and the validator sees no undeclared markup.
   */
  void plainElement(int depth, String name, String text) throws IOException {
    element(depth, name, text, true);
  }

  private void element(int depth, String name, String text, boolean plain) throws IOException {
    try {
      xml.writeCharacters(INDENT[depth]);
      xml.writeStartElement(name);
      characters(text, plain);
      xml.writeEndElement();
    } catch (XMLStreamException e) {
      throw io(e);
    }
  }

  /** Writes RSS plain text as {@link #plainElement} does, in the open element. */
  void plainText(String text) throws IOException {
    content(text, true);
  }

  private void content(String text, boolean plain) throws IOException {
    try {
      characters(text, plain);
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
    if (plain) {
      sink.escaped(Html.looksLikeMarkup(text) ? Html.escape(text) : text, PLAIN);
    } else if (shared != null && shared.takes(text)) {
      shared.write(sink, text);
    } else {
      sink.escaped(text, TEXT);
    }
  }

  /** Writes a char from U+0080 on, not a surrogate, as UTF-8 at {@code p}; returns the new end. */
  static int utf8(byte[] b, int p, char ch) {
    if (ch < 0x800) {
      b[p] = (byte) (0xC0 | (ch >> 6));
      b[p + 1] = (byte) (0x80 | (ch & 0x3F));
      return p + 2;
    }
    b[p] = (byte) (0xE0 | (ch >> 12));
    b[p + 1] = (byte) (0x80 | ((ch >> 6) & 0x3F));
    b[p + 2] = (byte) (0x80 | (ch & 0x3F));
    return p + 3;
  }

  /**
   * The escaped UTF-8 of the last long text written, shared by the RSS and the Atom output of one
   * write. Performance (issue #4): both write each article's content escaped alike, so it is
   * escaped once and copied twice. One write, one thread.
   */
  static final class SharedText {
    private static final int MIN_LENGTH = 256;
    private static final int MAX_LENGTH = 1 << 16; // longer content is rare: not worth the memory

    private final char[] chars = new char[1024];
    private @Nullable String text;
    private byte[] bytes = new byte[0];
    private int length;

    boolean takes(String t) {
      return t.length() >= MIN_LENGTH && t.length() <= MAX_LENGTH;
    }

    private void write(Utf8Writer sink, String t) throws IOException {
      if (t != text) { // the same instance: the same article's content
        int need = t.length() * Utf8Writer.MAX_BYTES_PER_CHAR;
        if (bytes.length < need) {
          bytes = new byte[need];
        }
        int p = 0;
        for (int from = 0; from < t.length(); ) {
          int len = Utf8Writer.chunk(t, from, chars);
          p = Utf8Writer.encode(chars, len, TEXT, bytes, p);
          from += len;
        }
        length = p;
        text = t;
      }
      sink.raw(bytes, length);
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
    private static final byte[] QUOT = {'&', 'q', 'u', 'o', 't', ';'};
    private static final byte[] LT_REF = {'&', '#', 'x', '3', 'C', ';'};
    private static final byte[] AMP_REF = {'&', '#', 'x', '2', '6', ';'};

    /** The most bytes one char becomes: an entity such as {@code &#x3C;}. */
    static final int MAX_BYTES_PER_CHAR = 6;

    private final OutputStream out;
    private final byte[] buffer = new byte[8192];
    private final char[] chars = new char[1024]; // MAX_BYTES_PER_CHAR times it fits in the buffer
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
      // what the StAX writer writes itself (names, attribute values, markup), copied in chunks
      for (int from = off, end = off + len; from < end; ) {
        int n = Math.min(chars.length, end - from);
        s.getChars(from, from + n, chars, 0);
        write(chars, 0, n);
        from += n;
      }
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
      for (int i = off, end = off + len; i < end; i++) {
        char c = chars[i];
        if (c < 0x80 && high == 0 && size < buffer.length) {
          buffer[size++] = (byte) c;
        } else {
          put(c);
        }
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
     * Writes text escaped for its {@code mode}: as XML character data, {@code & < >} as {@code
     * &amp; &lt; &gt;}; as RSS plain text, {@code & <} as {@code &#x26; &#x3C;} and {@code >} as
     * {@code &gt;}; as an attribute value, also {@code "} as {@code &quot;}.
     */
    void escaped(String text, int mode) throws IOException {
      if (high != 0) { // a lone high surrogate, ended as put(char) ends one
        high = 0;
        if (size == buffer.length) {
          drain();
        }
        buffer[size++] = '?';
      }
      // one pass: escape and encode each char straight into the buffer, reading the text in
      // chunks copied to an array (performance, issue #4: String.charAt checked every index)
      for (int from = 0, n = text.length(); from < n; ) {
        int len = chunk(text, from, chars);
        if (size > buffer.length - MAX_BYTES_PER_CHAR * len) {
          drain();
        }
        size = encode(chars, len, mode, buffer, size);
        from += len;
      }
    }

    /** Writes bytes already escaped and encoded. */
    void raw(byte[] bytes, int length) throws IOException {
      if (high != 0) {
        escaped("", TEXT); // ends the lone high surrogate
      }
      if (length > buffer.length - size) {
        drain();
        if (length > buffer.length) {
          out.write(bytes, 0, length);
          return;
        }
      }
      System.arraycopy(bytes, 0, buffer, size, length);
      size += length;
    }

    /**
     * Copies the next chunk of the text, at most the array's length and never half a surrogate
     * pair (unless the text ends there), into the array; returns its length.
     */
    static int chunk(String text, int from, char[] c) {
      int len = Math.min(c.length, text.length() - from);
      text.getChars(from, from + len, c, 0);
      if (from + len < text.length() && len > 1 && Character.isHighSurrogate(c[len - 1])) {
        len--; // keep a surrogate pair in one chunk
      }
      return len;
    }

    /**
     * Escapes and encodes {@code len} chars into {@code b} from {@code p}, which has room for
     * {@link #MAX_BYTES_PER_CHAR} bytes a char; returns the new end.
     */
    static int encode(char[] c, int len, int mode, byte[] b, int p) {
      for (int i = 0; i < len; i++) {
        char ch = c[i];
        if (ch < 0x80) {
          if (ch == '<') {
            p = entity(b, p, mode == PLAIN ? LT_REF : LT);
          } else if (ch == '>') {
            p = entity(b, p, GT);
          } else if (ch == '&') {
            p = entity(b, p, mode == PLAIN ? AMP_REF : AMP);
          } else if (ch == '"' && mode == ATTRIBUTE) {
            p = entity(b, p, QUOT);
          } else {
            b[p++] = (byte) ch;
          }
        } else if (!Character.isSurrogate(ch)) {
          p = XmlOutput.utf8(b, p, ch);
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
      return p;
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
