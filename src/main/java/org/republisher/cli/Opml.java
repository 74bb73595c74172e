package org.republisher.cli;

import static org.republisher.cli.YamlTree.quoted;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;
import org.republisher.source.SourceConfig;

/**
 * Reads the sources of an OPML file, what every feed reader exports: each {@code outline} element
 * with an {@code xmlUrl}, at any depth, becomes a source of that URL (its provider chosen by the
 * URL's scheme). A relative {@code xmlUrl} is resolved against the OPML file. The source's id is
 * the slug of the outline's {@code title}, else its {@code text}, else its URL's file name, else
 * its host (see {@link Slugs}), made unique in the file with {@code -2}, {@code -3}, … in document order; the
 * publication is left to the feed itself (its channel's title and link).
 *
 * <p>The file is hostile XML: a DOCTYPE is refused, so no entity is ever declared or expanded and
 * nothing external is read; the file is read up to {@value #MAX_BYTES} bytes and {@value
 * #MAX_SOURCES} sources.
 */
final class Opml {
  /** The largest OPML file read: 8 MiB. */
  static final int MAX_BYTES = 8 * 1024 * 1024;

  /** The most sources one OPML file gives. */
  static final int MAX_SOURCES = 10_000;

  private Opml() {}

  /**
   * Reads the sources of an OPML file.
   *
   * @param file the file
   * @param shown the file's name in messages
   * @param where where the configuration names the file, for messages about the file as a whole
   * @return the sources, in document order
   * @throws ConfigException when the file cannot be read, is not OPML, or an outline is bad
   */
  static List<Config.Source> read(Path file, String shown, String where) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new ConfigException(where + ": " + shown + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(where + ": " + shown + ": cannot be read: " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      throw new ConfigException(where + ": " + shown + ": larger than " + MAX_BYTES + " bytes");
    }
    List<Config.Source> sources = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    XMLStreamReader xml = null;
    int line = 1;
    try {
      xml = factory().createXMLStreamReader(new java.io.ByteArrayInputStream(bytes));
      boolean root = true;
      while (xml.hasNext()) {
        int event = xml.next();
        line = xml.getLocation().getLineNumber();
        if (event == XMLStreamConstants.DTD) {
          throw new ConfigException(shown + ":" + doctypeLine(bytes)
              + ": has a DOCTYPE, which is refused (no DTD, no entities in OPML)");
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String element = xml.getLocalName();
        if (root) {
          root = false;
          if (!element.equals("opml")) {
            throw new ConfigException(shown + ":" + line + ": the root element is "
                + quoted(element) + ", not opml: not an OPML file");
          }
        } else if (element.equals("outline")) {
          String xmlUrl = attribute(xml, "xmlUrl");
          if (xmlUrl == null) {
            continue;
          }
          String label = attribute(xml, "title");
          if (label == null) {
            label = attribute(xml, "text");
          }
          String at = shown + ":" + line + ": outline" + (label == null ? "" : " " + quoted(label));
          URI uri = uri(file, xmlUrl);
          if (uri == null) {
            problems.add(at + ": xmlUrl " + quoted(xmlUrl) + " is not a URI");
            continue;
          }
          if (sources.size() == MAX_SOURCES) {
            throw new ConfigException(at + ": more than " + MAX_SOURCES + " sources");
          }
          String base = Slugs.slug(label != null ? label : fileName(uri), uri);
          String id = base;
          for (int n = 2; !ids.add(id); n++) {
            id = base + "-" + n;
          }
          sources.add(new Config.Source(
              new SourceConfig(id, uri, null, null, Map.of()), null, at));
        }
      }
    } catch (XMLStreamException e) {
      int at = e.getLocation() != null ? e.getLocation().getLineNumber() : line;
      throw new ConfigException(shown + ":" + Math.max(1, at) + ": not well-formed XML: "
          + e.getMessage().lines().reduce((a, b) -> b).orElse("").strip());
    } finally {
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException e) {
          // nothing held but the bytes
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return sources;
  }

  /** Returns the line of the DOCTYPE: the parser reports where the DTD ends, not where it starts. */
  private static int doctypeLine(byte[] bytes) {
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("<!DOCTYPE");
    return at < 0 ? 1 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  private static String fileName(URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static @Nullable String attribute(XMLStreamReader xml, String name) {
    String value = xml.getAttributeValue(null, name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static @Nullable URI uri(Path file, String text) {
    try {
      URI uri = new URI(text);
      return uri.isAbsolute() ? uri : file.toAbsolutePath().toUri().resolve(uri);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return factory;
  }
}
