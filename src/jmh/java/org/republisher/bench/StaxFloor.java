package org.republisher.bench;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.republisher.internal.Html;
import org.republisher.internal.Iris;
import org.republisher.internal.NormalizedArticle;
import org.republisher.model.FeedSpec;

/**
 * The floor: a bare StAX writer (the JDK's) emitting the same elements, attributes and indentation
 * as our RSS and Atom writers, from the same normalized articles, with no checks, no helper layer
 * and no exception translation. Dates use plain {@link DateTimeFormatter}s.
 *
 * <p>It opens the StAX writer the way StAX is commonly used, on the caller's stream with {@code
 * createXMLStreamWriter(out, "UTF-8")}, which is also how our writers opened it before issue #4.
 * (The JDK's writer then encodes each character and writes each byte separately; over an {@link
 * OutputStreamWriter} it was no faster in our runs, over a {@code BufferedOutputStream} 4× slower.)
 */
public final class StaxFloor {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();
  private static final DateTimeFormatter RFC_822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_INSTANT;
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  private static final String DC = "http://purl.org/dc/elements/1.1/";
  private static final String MEDIA = "http://search.yahoo.com/mrss/";
  private static final String N1 = "\n  ";
  private static final String N2 = "\n    ";
  private static final String N3 = "\n      ";

  private StaxFloor() {}

  /** Opens the StAX writer the way the floor does. */
  public static XMLStreamWriter open(OutputStream out) throws XMLStreamException {
    return FACTORY.createXMLStreamWriter(out, "UTF-8");
  }

  /** Opens the StAX writer over an {@link OutputStreamWriter} (for comparison only). */
  public static XMLStreamWriter openOnWriter(OutputStream out) throws XMLStreamException {
    return FACTORY.createXMLStreamWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }

  public static void rss(XMLStreamWriter x, FeedSpec spec, Instant updated, List<NormalizedArticle> articles)
      throws XMLStreamException {
    x.writeStartDocument("UTF-8", "1.0");
    x.writeCharacters("\n");
    x.writeStartElement("rss");
    x.writeAttribute("version", "2.0");
    x.writeNamespace("atom", ATOM);
    x.writeNamespace("content", CONTENT);
    x.writeNamespace("dc", DC);
    x.writeNamespace("media", MEDIA);
    x.writeCharacters("\n");
    x.writeStartElement("channel");
    plain(x, N1, "title", spec.title());
    simple(x, N1, "link", spec.link().toASCIIString());
    plain(x, N1, "description", spec.description());
    if (spec.language() != null) {
      simple(x, N1, "language", spec.language());
    }
    simple(x, N1, "lastBuildDate", RFC_822.format(updated));
    simple(x, N1, "generator", "republisher");
    x.writeCharacters(N1);
    x.writeEmptyElement("atom", "link", ATOM);
    x.writeAttribute("href", spec.selfUrl().toASCIIString());
    x.writeAttribute("rel", "self");
    x.writeAttribute("type", "application/rss+xml");
    for (NormalizedArticle a : articles) {
      x.writeCharacters(N1);
      x.writeStartElement("item");
      plain(x, N2, "title", a.title());
      simple(x, N2, "link", a.link());
      x.writeCharacters(N2);
      x.writeStartElement("guid");
      if (!a.id().equals(a.link())) {
        x.writeAttribute("isPermaLink", "false");
      }
      x.writeCharacters(a.id());
      x.writeEndElement();
      simple(x, N2, "pubDate", RFC_822.format(a.published()));
      for (NormalizedArticle.Person p : a.authors()) {
        x.writeCharacters(N2);
        x.writeStartElement("dc", "creator", DC);
        x.writeCharacters(p.name());
        x.writeEndElement();
      }
      for (String c : a.categories()) {
        plain(x, N2, "category", c);
      }
      if (a.summary() != null) {
        simple(x, N2, "description", Html.escape(a.summary()));
      }
      x.writeCharacters(N2);
      x.writeStartElement("content", "encoded", CONTENT);
      x.writeCharacters(a.contentHtml());
      x.writeEndElement();
      NormalizedArticle.Image image = a.image();
      if (image != null) {
        x.writeCharacters(N2);
        if (image.length() > 0) {
          x.writeEmptyElement("enclosure");
          x.writeAttribute("url", image.url());
          x.writeAttribute("length", Long.toString(image.length()));
          x.writeAttribute("type", image.type());
        } else {
          x.writeEmptyElement("media", "content", MEDIA);
          x.writeAttribute("url", image.url());
          x.writeAttribute("type", image.type());
          x.writeAttribute("medium", "image");
        }
      }
      NormalizedArticle.Source s = a.publication();
      if (s != null && s.id() != null) {
        x.writeCharacters(N2);
        x.writeStartElement("source");
        x.writeAttribute("url", s.id());
        plainText(x, s.name());
        x.writeEndElement();
      }
      x.writeCharacters(N1);
      x.writeEndElement();
    }
    x.writeCharacters("\n");
    x.writeEndElement();
    x.writeEndElement();
    x.writeCharacters("\n");
    x.writeEndDocument();
    x.flush();
  }

  public static void atom(XMLStreamWriter x, FeedSpec spec, Instant updated, List<NormalizedArticle> articles)
      throws XMLStreamException {
    x.writeStartDocument("UTF-8", "1.0");
    x.writeCharacters("\n");
    x.writeStartElement("feed");
    x.writeDefaultNamespace(ATOM);
    if (spec.language() != null) {
      x.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", spec.language());
    }
    simple(x, N1, "id", Iris.canonical(spec.selfUrl().toASCIIString()));
    x.writeCharacters(N1);
    x.writeStartElement("title");
    x.writeAttribute("type", "text");
    x.writeCharacters(spec.title());
    x.writeEndElement();
    if (!spec.description().equals(spec.title())) {
      simple(x, N1, "subtitle", spec.description());
    }
    simple(x, N1, "updated", RFC_3339.format(updated));
    link(x, N1, "self", "application/atom+xml", spec.selfUrl().toASCIIString());
    link(x, N1, "alternate", "text/html", spec.link().toASCIIString());
    String feedAuthor = spec.author() != null ? spec.author().name() : spec.title();
    x.writeCharacters(N1);
    x.writeStartElement("author");
    simple(x, N2, "name", feedAuthor);
    x.writeCharacters(N1);
    x.writeEndElement();
    x.writeCharacters(N1);
    x.writeStartElement("generator");
    x.writeAttribute("uri", "https://github.com/republisher/republisher");
    x.writeCharacters("republisher");
    x.writeEndElement();
    for (NormalizedArticle a : articles) {
      x.writeCharacters(N1);
      x.writeStartElement("entry");
      if (a.language() != null) {
        x.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", a.language());
      }
      simple(x, N2, "id", a.atomId());
      x.writeCharacters(N2);
      x.writeStartElement("title");
      x.writeAttribute("type", "text");
      x.writeCharacters(a.title());
      x.writeEndElement();
      String up = RFC_3339.format(a.updated());
      simple(x, N2, "updated", up);
      simple(x, N2, "published", RFC_3339.format(a.published()));
      if (!a.authors().isEmpty()) {
        for (NormalizedArticle.Person p : a.authors()) {
          x.writeCharacters(N2);
          x.writeStartElement("author");
          simple(x, N3, "name", p.name());
          if (p.email() != null) {
            simple(x, N3, "email", p.email());
          }
          if (p.url() != null) {
            simple(x, N3, "uri", p.url());
          }
          x.writeCharacters(N2);
          x.writeEndElement();
        }
      } else if (a.publication() != null && !a.publication().name().equals(feedAuthor)) {
        x.writeCharacters(N2);
        x.writeStartElement("author");
        simple(x, N3, "name", a.publication().name());
        x.writeCharacters(N2);
        x.writeEndElement();
      }
      link(x, N2, "alternate", "text/html", a.link());
      if (a.sourceLink() != null) {
        link(x, N2, "via", "text/html", a.sourceLink());
      }
      NormalizedArticle.Image image = a.image();
      if (image != null) {
        x.writeCharacters(N2);
        x.writeEmptyElement("link");
        x.writeAttribute("rel", "enclosure");
        x.writeAttribute("type", image.type());
        x.writeAttribute("href", image.url());
        if (image.length() > 0) {
          x.writeAttribute("length", Long.toString(image.length()));
        }
      }
      for (String c : a.categories()) {
        x.writeCharacters(N2);
        x.writeEmptyElement("category");
        x.writeAttribute("term", c);
      }
      if (a.summary() != null) {
        x.writeCharacters(N2);
        x.writeStartElement("summary");
        x.writeAttribute("type", "text");
        x.writeCharacters(a.summary());
        x.writeEndElement();
      }
      x.writeCharacters(N2);
      x.writeStartElement("content");
      x.writeAttribute("type", "html");
      x.writeCharacters(a.contentHtml());
      x.writeEndElement();
      NormalizedArticle.Source s = a.publication();
      if (s != null && s.atomId() != null) {
        x.writeCharacters(N2);
        x.writeStartElement("source");
        simple(x, N3, "id", s.atomId());
        x.writeCharacters(N3);
        x.writeStartElement("title");
        x.writeAttribute("type", "text");
        x.writeCharacters(s.name());
        x.writeEndElement();
        simple(x, N3, "updated", up);
        if (s.url() != null) {
          link(x, N3, "alternate", "text/html", s.url());
        }
        x.writeCharacters(N3);
        x.writeEmptyElement("link");
        x.writeAttribute("rel", "self");
        x.writeAttribute("href", s.id());
        x.writeCharacters(N2);
        x.writeEndElement();
      }
      x.writeCharacters(N1);
      x.writeEndElement();
    }
    x.writeCharacters("\n");
    x.writeEndElement();
    x.writeCharacters("\n");
    x.writeEndDocument();
    x.flush();
  }

  private static void simple(XMLStreamWriter x, String indent, String name, String text)
      throws XMLStreamException {
    x.writeCharacters(indent);
    x.writeStartElement(name);
    x.writeCharacters(text);
    x.writeEndElement();
  }

  /** RSS plain text: {@code &} and {@code <} as character references, as our RSS writer writes it. */
  private static void plain(XMLStreamWriter x, String indent, String name, String text)
      throws XMLStreamException {
    x.writeCharacters(indent);
    x.writeStartElement(name);
    plainText(x, text);
    x.writeEndElement();
  }

  private static void plainText(XMLStreamWriter x, String text) throws XMLStreamException {
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

  private static void link(XMLStreamWriter x, String indent, String rel, String type, String href)
      throws XMLStreamException {
    x.writeCharacters(indent);
    x.writeEmptyElement("link");
    x.writeAttribute("rel", rel);
    x.writeAttribute("type", type);
    x.writeAttribute("href", href);
  }
}
