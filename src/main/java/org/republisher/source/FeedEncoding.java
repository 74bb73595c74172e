package org.republisher.source;

import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.republisher.internal.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how the bytes of an upstream feed are read as characters.
 *
 * <p>The order is RFC 7303's, the one browsers and the W3C feed validator follow:
 *
 * <ol>
 *   <li>a byte order mark (UTF-8, UTF-16BE, UTF-16LE, UTF-32BE, UTF-32LE) wins;
 *   <li>else the {@code charset} of the HTTP {@code Content-Type};
 *   <li>else what the bytes say: a UTF-32 or UTF-16 document without byte order mark by its first
 *       character {@code <} (XML 1.0 Appendix F), else the XML declaration's {@code encoding},
 *       else UTF-8 (Rome's {@link XmlReader}, in its raw mode, which knows no UTF-32).
 * </ol>
 *
 * Three repairs for the usual mistakes, each logged:
 *
 * <ul>
 *   <li>A header naming a single-byte charset (a server's default) over a body that starts as
 *       UTF-32 or UTF-16 does ({@code 3C 00 00 00}, {@code 00 3C 00 3F}…) is read as the bytes
 *       say: such a body read a byte at a time is full of NUL characters, never XML.
 *   <li>A header naming ISO-8859-1, windows-1252 or US-ASCII (a server's default) over a body that
 *       is valid UTF-8 with non-ASCII bytes, and that declares UTF-8 or nothing, is read as UTF-8:
 *       such bytes are almost never Latin-1 text.
 *   <li>A body to be read as UTF-8 that is not valid UTF-8 is read in the encoding its declaration
 *       names when that is another one, else as windows-1252 (a superset of ISO-8859-1, the usual
 *       truth behind a wrong UTF-8 declaration).
 * </ul>
 *
 * Rome's lenient {@code XmlReader(InputStream, contentType, true)} is not used as is: despite its
 * documentation it lets the XML declaration win over both the header and the byte order mark.
 */
final class FeedEncoding {
  private static final Logger LOG = LoggerFactory.getLogger(FeedEncoding.class);

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
  private static final Set<String> LATIN = Set.of("ISO-8859-1", "windows-1252", "US-ASCII");

  private FeedEncoding() {}

  /**
   * Returns a reader of the body's characters, past any byte order mark.
   *
   * @param truncated whether the body was cut at a size limit (it may end inside a character, so it
   *     is not checked for UTF-8 validity)
   * @throws SourceException when the body declares an encoding this JVM cannot read
   */
  static Reader reader(
      String sourceId, URI uri, byte[] body, boolean truncated, @Nullable Charset header) {
    int skip = 0;
    Charset charset;
    Charset declared = null;
    Charset bom = bom(body);
    if (bom != null) {
      charset = bom;
      skip = bom.equals(StandardCharsets.UTF_8) ? 3 : isUtf32(bom) ? 4 : 2;
    } else {
      Charset signature = signature(body);
      declared = signature != null ? signature : declared(sourceId, uri, body);
      charset = header != null ? header : declared;
      if (header != null
          && signature != null
          && (!isUtf16(header) || header.name().equals("UTF-16") || header.name().equals("UTF-32"))) {
        // a single-byte charset cannot read it, and a wide one without byte order needs one
        LOG.warn(
            "{}: the header says {} but the body is {}; read as {}",
            Text.forLog(sourceId),
            header,
            signature,
            signature);
        charset = signature;
      }
      if (header != null
          && LATIN.contains(header.name())
          && declared.equals(StandardCharsets.UTF_8)
          && hasNonAscii(body)
          && isUtf8(body, 0)) {
        LOG.debug(
            "{}: the header says {} but the body is UTF-8; read as UTF-8",
            Text.forLog(sourceId),
            header);
        charset = StandardCharsets.UTF_8;
      }
    }
    if (charset.equals(StandardCharsets.UTF_8) && !truncated && !isUtf8(body, skip)) {
      Charset instead =
          declared != null && !declared.equals(StandardCharsets.UTF_8) && !isUtf16(declared)
              ? declared
              : WINDOWS_1252;
      LOG.warn(
          "{}: the body is not valid UTF-8 as said; read as {}",
          Text.forLog(sourceId),
          instead.name());
      charset = instead;
    }
    return new InputStreamReader(new ByteArrayInputStream(body, skip, body.length - skip), charset);
  }

  /** The encoding a byte order mark at the start names (UTF-8, -16 or -32), else {@code null}. */
  static @Nullable Charset bom(byte[] b) {
    if (starts(b, 0x00, 0x00, 0xFE, 0xFF)) {
      return UTF_32BE;
    }
    if (starts(b, 0xFF, 0xFE, 0x00, 0x00)) {
      return UTF_32LE; // before UTF-16LE, whose mark it starts with
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
      return StandardCharsets.UTF_8;
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
      return StandardCharsets.UTF_16BE;
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  /**
   * A UTF-32 or UTF-16 document without byte order mark, by how its first character, {@code <},
   * is encoded; {@code null} for any other start.
   */
  private static @Nullable Charset signature(byte[] b) {
    if (starts(b, 0x00, 0x00, 0x00, 0x3C)) {
      return UTF_32BE;
    }
    if (starts(b, 0x3C, 0x00, 0x00, 0x00)) {
      return UTF_32LE;
    }
    if (starts(b, 0x00, 0x3C, 0x00, 0x3F)) {
      return StandardCharsets.UTF_16BE;
    }
    if (starts(b, 0x3C, 0x00, 0x3F, 0x00)) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  private static boolean starts(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUtf32(Charset c) {
    return c.name().startsWith("UTF-32");
  }

  /** What the bytes say, by Rome's raw detection: declaration, UTF-16 guess, else UTF-8. */
  private static Charset declared(String sourceId, URI uri, byte[] body) {
    String name;
    try (XmlReader xml = new XmlReader(new ByteArrayInputStream(body), true)) {
      name = xml.getEncoding();
    } catch (IOException e) {
      throw new SourceException(
          sourceId, uri, -1, "declares an encoding that cannot be read: " + e.getMessage(), e);
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new SourceException(sourceId, uri, -1, "declares an unknown encoding: " + name, e);
    }
  }

  private static boolean isUtf16(Charset c) {
    return c.name().startsWith("UTF-16") || c.name().startsWith("UTF-32");
  }

  private static boolean hasNonAscii(byte[] body) {
    for (byte b : body) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether the bytes from {@code offset} are well-formed UTF-8. */
  static boolean isUtf8(byte[] body, int offset) {
    return firstNonUtf8(body, offset, body.length) < 0;
  }

  /**
   * Returns the index of the first byte in {@code [from, to)} that does not start or continue a
   * UTF-8 character, or -1 when there is none; decodes in small steps.
   */
  static int firstNonUtf8(byte[] bytes, int from, int to) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
    CharBuffer out = CharBuffer.allocate(8 * 1024);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        break;
      }
      out.clear();
    }
    out.clear();
    return decoder.flush(out).isError() ? in.position() : -1;
  }

}
