package org.republisher.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;
import org.republisher.internal.Html;

/**
 * The buffered UTF-8 sink and the one-pass text escaping of {@link XmlOutput} (issue #4) write
 * exactly the bytes of the JDK's StAX writer on the stream itself, making the same calls.
 */
class XmlOutputTest {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

  private static final List<String> TEXTS =
      List.of(
          "",
          "plain ASCII",
          "<p class=\"x\">a &amp; b > c</p>",
          "Publié dans 2M le 04 - 06 - 2020 — « guillemets » ‘’ …",
          "نشر في هسبريس يوم ١٧ شتنبر ٢٠٢٥",
          "emoji 😀 and 𝄞, tabs\tand\r\nlines",
          "&&&<<<>>>\"\"\"'''",
          "ẞ ß Œ œ € ™ \u00A0 \u2007 \u202F");

  @Test
  void writesWhatTheStaxWriterWritesForEveryKindOfText() throws Exception {
    for (String text : TEXTS) {
      assertSameBytes(text);
    }
  }

  @Test
  void writesWhatTheStaxWriterWritesAcrossBufferBoundaries() throws Exception {
    SplittableRandom random = new SplittableRandom(4);
    String alphabet = "abc <>&\"é€😀نشر\n";
    for (int round = 0; round < 20; round++) {
      StringBuilder text = new StringBuilder();
      int length = 8_000 + random.nextInt(20_000);
      while (text.length() < length) {
        int i = random.nextInt(alphabet.length());
        char c = alphabet.charAt(i);
        if (Character.isSurrogate(c)) {
          text.append("😀");
        } else {
          text.append(c);
        }
      }
      assertSameBytes(text.toString());
    }
  }

  @Test
  void writesWhatTheStaxWriterWritesWhenTwoOutputsShareLongTexts() throws Exception {
    for (String text : TEXTS) {
      assertSameBytes(text.repeat(40)); // long enough to be shared
    }
  }

  private static void assertSameBytes(String text) throws Exception {
    byte[] expected = jdk(text);
    assertThat(ours(text, null)).as("text of %d chars", text.length()).isEqualTo(expected);
    XmlOutput.SharedText shared = new XmlOutput.SharedText();
    assertThat(ours(text, shared)).as("first of two sharing, %d chars", text.length()).isEqualTo(expected);
    assertThat(ours(text, shared)).as("second of two sharing, %d chars", text.length()).isEqualTo(expected);
  }

  private static byte[] ours(String text, XmlOutput.@Nullable SharedText shared) throws Exception {
    ByteArrayOutputStream ours = new ByteArrayOutputStream();
    XmlOutput xml = new XmlOutput(ours, shared);
    xml.start(0, "feed");
    xml.attribute("a", text);
    xml.element(1, "text", text);
    xml.element(1, "dc", "creator", "http://purl.org/dc/elements/1.1/", text);
    xml.plainElement(1, "plain", text);
    xml.start(1, "mixed");
    xml.attribute("b", "1");
    xml.text(text);
    xml.plainText(text);
    xml.end(-1);
    xml.end(0);
    xml.finish();
    return ours.toByteArray();
  }

  private static byte[] jdk(String text) throws Exception {
    ByteArrayOutputStream jdk = new ByteArrayOutputStream();
    XMLStreamWriter x = FACTORY.createXMLStreamWriter(jdk, "UTF-8");
    x.writeStartDocument("UTF-8", "1.0");
    x.writeCharacters("\n");
    x.writeStartElement("feed");
    x.writeAttribute("a", text);
    x.writeCharacters("\n  ");
    x.writeStartElement("text");
    x.writeCharacters(text);
    x.writeEndElement();
    x.writeCharacters("\n  ");
    x.writeStartElement("dc", "creator", "http://purl.org/dc/elements/1.1/");
    x.writeCharacters(text);
    x.writeEndElement();
    x.writeCharacters("\n  ");
    x.writeStartElement("plain");
    plain(x, text);
    x.writeEndElement();
    x.writeCharacters("\n  ");
    x.writeStartElement("mixed");
    x.writeAttribute("b", "1");
    x.writeCharacters(text);
    plain(x, text);
    x.writeEndElement();
    x.writeCharacters("\n");
    x.writeEndElement();
    x.writeCharacters("\n");
    x.writeEndDocument();
    x.flush();
    return jdk.toByteArray();
  }

  /**
   * RSS plain text the way XmlOutput wrote it before issue #4, escaped as HTML first when it looks
   * like markup (issue #10).
   */
  private static void plain(XMLStreamWriter x, String raw) throws Exception {
    String text = Html.looksLikeMarkup(raw) ? Html.escape(raw) : raw;
    int from = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c == '&' || c == '<') {
        x.writeCharacters(text.substring(from, i));
        x.writeEntityRef(c == '&' ? "#x26" : "#x3C");
        from = i + 1;
      }
    }
    x.writeCharacters(from == 0 ? text : text.substring(from));
  }
}
