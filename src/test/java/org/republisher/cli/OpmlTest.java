package org.republisher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class OpmlTest {
  @TempDir Path dir;

  @Test
  void everyOutlineWithAnXmlUrlAtAnyDepthIsASource() throws IOException {
    List<Config.Source> sources = read(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head><title>Subscriptions</title></head>
          <body>
            <outline text="Maroc">
              <outline type="rss" text="2M" title="2M.ma" xmlUrl="https://www.2m.ma/fr/rss.xml"/>
              <outline text="Médias24" xmlUrl="https://medias24.com/feed/"/>
              <outline text="Deeper"><outline text="هسبريس" xmlUrl="https://www.hespress.com/feed"/></outline>
            </outline>
            <outline text="A folder without feeds"/>
            <outline xmlUrl="local/atalayar.atom.xml"/>
            <outline text="2M.ma" xmlUrl="https://www.2m.ma/ar/rss.xml"/>
          </body>
        </opml>
        """);

    assertThat(sources).extracting(s -> s.config().id())
        .containsExactly("2m-ma", "medias24", "hespress", "atalayar-atom-xml", "2m-ma-2");
    assertThat(sources).extracting(s -> s.config().uri()).containsExactly(
        URI.create("https://www.2m.ma/fr/rss.xml"),
        URI.create("https://medias24.com/feed/"),
        URI.create("https://www.hespress.com/feed"),
        dir.resolve("local/atalayar.atom.xml").toUri(),
        URI.create("https://www.2m.ma/ar/rss.xml"));
    assertThat(sources).allSatisfy(s -> {
      assertThat(s.config().type()).isNull();
      assertThat(s.config().publication()).isNull();
      assertThat(s.interval()).isNull();
    });
    assertThat(sources.get(1).where()).isEqualTo("feeds.opml:7: outline \"Médias24\"");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aDoctypeIsRefusedSoNoEntityIsEverExpandedOrFetched() throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "secret");
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE opml [<!ENTITY x SYSTEM \""
        + secret.toUri() + "\">]>\n<opml><body><outline text=\"&x;\" xmlUrl=\"https://a.example/\"/>"
        + "</body></opml>";
    StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE opml [\n"
        + "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n");
    for (int i = 1; i < 12; i++) {
      bomb.append("<!ENTITY ").append((char) ('a' + i)).append(" \"")
          .append(("&" + (char) ('a' + i - 1) + ";").repeat(10)).append("\">\n");
    }
    bomb.append("]>\n<opml><body><outline text=\"&l;\" xmlUrl=\"https://a.example/\"/></body></opml>");

    for (String hostile : List.of(xxe, bomb.toString())) {
      assertThatThrownBy(() -> read(hostile))
          .isInstanceOf(ConfigException.class)
          .hasMessage("feeds.opml:2: has a DOCTYPE, which is refused (no DTD, no entities in OPML)");
    }
  }

  @Test
  void aFileThatIsNotOpmlOrNotXmlIsReportedWithItsLine() {
    assertThatThrownBy(() -> read("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"/>"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("feeds.opml:2: the root element is \"rss\", not opml: not an OPML file");
    assertThatThrownBy(() -> read("<opml>\n<body>\n<outline text='a' xmlUrl='https://a.example/'>"
            + "\n</body></opml>"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("feeds.opml:4: not well-formed XML: ");
  }

  @Test
  void aBadXmlUrlIsReportedWithItsLineAndTheOthersAreChecked() {
    assertThatThrownBy(() -> read("<opml><body>\n<outline text=\"A\" xmlUrl=\"ht tp://a\"/>\n"
            + "<outline text=\"B\" xmlUrl=\"https://b.example/\"/>\n"
            + "<outline title=\"C\" xmlUrl=\"https://c.example/a b\"/></body></opml>"))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
            "feeds.opml:2: outline \"A\": xmlUrl \"ht tp://a\" is not a URI",
            "feeds.opml:4: outline \"C\": xmlUrl \"https://c.example/a b\" is not a URI"));
  }

  @Test
  void aMissingOrTooLargeFileIsReportedWhereTheConfigNamesIt() throws IOException {
    assertThatThrownBy(() -> Opml.read(dir.resolve("none.opml"), "none.opml", "r.yaml:3: opml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("r.yaml:3: opml: none.opml: no such file");
    Path large = dir.resolve("large.opml");
    Files.write(large, new byte[Opml.MAX_BYTES + 1]);
    assertThatThrownBy(() -> Opml.read(large, "large.opml", "r.yaml:3: opml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("r.yaml:3: opml: large.opml: larger than " + Opml.MAX_BYTES + " bytes");
  }

  private List<Config.Source> read(String xml) throws IOException {
    Path file = dir.resolve("feeds.opml");
    Files.writeString(file, xml, UTF_8);
    return Opml.read(file, "feeds.opml", "republisher.yaml:3: opml");
  }
}
