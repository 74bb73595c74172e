package org.republisher.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.republisher.write.FeedFormat.ATOM;
import static org.republisher.write.FeedFormat.JSON_FEED;
import static org.republisher.write.FeedFormat.RSS;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.republisher.write.FeedFormat;

/**
 * Self-tests of {@link FeedRules}: clean feeds pass, and for each rule a feed broken in just that
 * way is caught under the rule's name. The samples of {@code ../shared/tools/samples/} are copied
 * beside this class.
 */
class FeedRulesTest {

  static final String CLEAN_RSS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" \
      xmlns:content="http://purl.org/rss/1.0/modules/content/" \
      xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
          <title>Revue de presse</title>
          <link>https://news.example.org/</link>
          <description>Articles de la presse marocaine, avec leur source</description>
          <language>fr</language>
          <lastBuildDate>Thu, 04 Jun 2020 08:30:00 GMT</lastBuildDate>
          <generator>republisher</generator>
          <atom:link href="https://news.example.org/feeds/rss.xml" rel="self" \
      type="application/rss+xml"/>
          <image>
            <url>https://news.example.org/logo.png</url>
            <title>Revue de presse</title>
            <link>https://news.example.org/</link>
          </image>
          <item>
            <title>Port d'Essaouira : baisse de 45% des débarquements</title>
            <link>https://news.example.org/fr/2m/12345</link>
            <description>Les débarquements de pêche ont baissé de 45% à fin février.</description>
            <content:encoded><![CDATA[<p>Les débarquements ont baissé, \
      <a href="https://www.2m.ma/fr/news/12345">selon 2M</a>.</p>\
      <p><img src="https://www.2m.ma/img/12345.jpg" alt=""></p>]]></content:encoded>
            <dc:creator>MAP</dc:creator>
            <category>Économie</category>
            <pubDate>Thu, 04 Jun 2020 08:30:00 GMT</pubDate>
            <guid isPermaLink="false">urn:uuid:4f0d2a6e-1c1e-4b7e-9a55-0b3e5f7d2a01</guid>
            <source url="https://www.2m.ma/fr/rss.xml">2M</source>
            <enclosure url="https://www.2m.ma/img/12345.jpg" length="0" type="image/jpeg"/>
          </item>
          <item>
            <title>Sultana Khaya rompe el silencio</title>
            <link>https://news.example.org/es/lematin/678</link>
            <description>La activista desmiente cualquier ruptura.</description>
            <pubDate>Wed, 03 Jun 2020 17:05:00 +0100</pubDate>
            <guid>https://news.example.org/es/lematin/678</guid>
          </item>
        </channel>
      </rss>
      """;

  static final String CLEAN_ATOM =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
        <id>tag:news.example.org,2020:feeds/atom</id>
        <title type="text">Revue de presse</title>
        <updated>2020-06-04T08:30:00Z</updated>
        <link rel="self" type="application/atom+xml" href="https://news.example.org/feeds/atom.xml"/>
        <link rel="alternate" type="text/html" href="https://news.example.org/"/>
        <author>
          <name>Revue de presse</name>
        </author>
        <generator uri="https://republisher.example.org/" version="0.1">republisher</generator>
        <icon>https://news.example.org/icon.png</icon>
        <entry>
          <id>urn:uuid:4f0d2a6e-1c1e-4b7e-9a55-0b3e5f7d2a01</id>
          <title type="text">Port d'Essaouira : baisse de 45% des débarquements</title>
          <updated>2020-06-04T08:30:00Z</updated>
          <published>2020-06-04T09:30:00+01:00</published>
          <link rel="alternate" type="text/html" href="https://news.example.org/fr/2m/12345"/>
          <link rel="via" href="https://www.2m.ma/fr/news/12345"/>
          <link rel="enclosure" type="image/jpeg" length="0" href="https://www.2m.ma/img/12345.jpg"/>
          <category term="Économie"/>
          <summary type="text">Les débarquements de pêche ont baissé de 45%.</summary>
          <content type="html">&lt;p&gt;Les débarquements ont baissé, \
      &lt;a href="https://www.2m.ma/fr/news/12345"&gt;selon 2M&lt;/a&gt;.&lt;/p&gt;</content>
          <source>
            <id>https://www.2m.ma/</id>
            <title>2M</title>
            <updated>2020-06-04T08:30:00Z</updated>
            <link rel="alternate" href="https://www.2m.ma/"/>
          </source>
        </entry>
        <entry xml:lang="es">
          <id>tag:news.example.org,2020:lematin/678</id>
          <title>Sultana Khaya rompe el silencio</title>
          <updated>2020-06-03T17:05:00Z</updated>
          <author>
            <name>Le Matin</name>
            <uri>https://lematin.ma/</uri>
          </author>
          <link href="https://news.example.org/es/lematin/678"/>
          <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">\
      <p>La activista desmiente <em>cualquier</em> ruptura.</p></div></content>
        </entry>
      </feed>
      """;

  static final String CLEAN_JSON =
      """
      {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Revue de presse",
        "home_page_url": "https://news.example.org/",
        "feed_url": "https://news.example.org/feeds/feed.json",
        "language": "fr",
        "authors": [{"name": "Revue de presse", "url": "https://news.example.org/"}],
        "items": [
          {
            "id": "urn:uuid:4f0d2a6e-1c1e-4b7e-9a55-0b3e5f7d2a01",
            "url": "https://news.example.org/fr/2m/12345",
            "external_url": "https://www.2m.ma/fr/news/12345",
            "title": "Port d'Essaouira : baisse de 45% des débarquements",
            "content_html": "<p>Les débarquements ont baissé, \
      <a href=\\"https://www.2m.ma/fr/news/12345\\">selon 2M</a>.</p>",
            "summary": "Les débarquements de pêche ont baissé de 45%.",
            "image": "https://www.2m.ma/img/12345.jpg",
            "date_published": "2020-06-04T09:30:00+01:00",
            "authors": [{"name": "MAP"}],
            "tags": ["Économie"],
            "language": "fr",
            "attachments": [{"url": "https://www.2m.ma/img/12345.jpg", \
      "mime_type": "image/jpeg", "size_in_bytes": 1024}],
            "_source": {"title": "2M", "home_page_url": "https://www.2m.ma/"}
          },
          {
            "id": "tag:news.example.org,2020:lematin/678",
            "url": "https://news.example.org/es/lematin/678",
            "title": "Sultana Khaya rompe el silencio",
            "content_text": "La activista desmiente cualquier ruptura.",
            "date_published": "2020-06-03T17:05:00Z"
          }
        ]
      }
      """;

  /** A feed broken in one way, and the rule that must catch it. */
  record Broken(String rule, String how, FeedFormat format, byte[] feed) {
    @Override
    public String toString() {
      return format + " " + rule + ": " + how;
    }
  }

  /**
   * Applies replacements to a clean feed, each on the first occurrence, failing if the text to
   * replace is not there (a fixture that no longer matches would test nothing).
   */
  static String edit(String clean, String... fromTo) {
    String feed = clean;
    for (int i = 0; i < fromTo.length; i += 2) {
      int at = feed.indexOf(fromTo[i]);
      if (at < 0) {
        throw new IllegalArgumentException("fixture does not contain: " + fromTo[i]);
      }
      feed = feed.substring(0, at) + fromTo[i + 1] + feed.substring(at + fromTo[i].length());
    }
    return feed;
  }

  static Broken rss(String rule, String how, String... fromTo) {
    return new Broken(rule, how, RSS, edit(CLEAN_RSS, fromTo).getBytes(UTF_8));
  }

  static Broken atom(String rule, String how, String... fromTo) {
    return new Broken(rule, how, ATOM, edit(CLEAN_ATOM, fromTo).getBytes(UTF_8));
  }

  static Broken json(String rule, String how, String... fromTo) {
    return new Broken(rule, how, JSON_FEED, edit(CLEAN_JSON, fromTo).getBytes(UTF_8));
  }

  static Broken jsonText(String rule, String how, String feed) {
    return new Broken(rule, how, JSON_FEED, feed.getBytes(UTF_8));
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = FeedRulesTest.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return in.readAllBytes();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Clean feeds pass
  // ---------------------------------------------------------------------------------------------

  static Stream<Object[]> cleanFeeds() throws IOException {
    return Stream.of(
        new Object[] {"hand-written RSS", RSS, CLEAN_RSS.getBytes(UTF_8)},
        new Object[] {"hand-written Atom", ATOM, CLEAN_ATOM.getBytes(UTF_8)},
        new Object[] {"hand-written JSON Feed", JSON_FEED, CLEAN_JSON.getBytes(UTF_8)},
        new Object[] {"clean-rss.xml", RSS, resource("clean-rss.xml")},
        new Object[] {"clean-atom.xml", ATOM, resource("clean-atom.xml")},
        new Object[] {"clean-jsonfeed.json", JSON_FEED, resource("clean-jsonfeed.json")});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cleanFeeds")
  void cleanFeedPasses(String name, FeedFormat format, byte[] feed) {
    assertThat(FeedRules.check(format, feed)).isEmpty();
    FeedRules.assertValid(format, feed);
  }

  // ---------------------------------------------------------------------------------------------
  // The broken samples of check-feed fail, for the reason check-feed gives
  // ---------------------------------------------------------------------------------------------

  static Stream<Object[]> brokenSamples() {
    return Stream.of(
        new Object[] {"rss-bad-date.xml", RSS, List.of("[InvalidRFC2822Date]")},
        new Object[] {"rss-control-char.xml", RSS, List.of("[SAXError]")},
        new Object[] {"rss-relative-link.xml", RSS, List.of("[InvalidFullLink]")},
        new Object[] {"rss-duplicate-guid.xml", RSS, List.of("[DuplicateValue]")},
        new Object[] {
          "atom-entry-no-updated.xml",
          ATOM,
          List.of("entry 2 (line 27): <entry> has no <updated>", "[RFC4287: schema]")
        },
        new Object[] {
          "atom-no-author.xml", ATOM, List.of("[MissingElement]", "[RFC4287: feed author]")
        },
        new Object[] {
          "jsonfeed-broken.json",
          JSON_FEED,
          List.of(
              "[JSON Feed: Version]",
              "[JSON Feed: DeprecatedAuthor]",
              "[JSON Feed: MissingContent]",
              "[JSON Feed: MissingElement]",
              "[JSON Feed: InvalidRFC3339Date]",
              "[JSON Feed: RelativeURL]",
              "[JSON Feed: UnknownKey]",
              "[JSON Feed: MissingRecommended]")
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenSamples")
  void brokenSampleFails(String name, FeedFormat format, List<String> expected) throws IOException {
    List<String> problems = FeedRules.check(format, resource(name));
    for (String fragment : expected) {
      assertThat(problems).anySatisfy(problem -> assertThat(problem).contains(fragment));
    }
    assertThatThrownBy(() -> FeedRules.assertValid(format, resource(name)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(expected.get(0));
  }

  // ---------------------------------------------------------------------------------------------
  // Each rule catches a feed broken in its way
  // ---------------------------------------------------------------------------------------------

  static Stream<Broken> brokenRss() {
    String item2Title = "<title>Sultana Khaya rompe el silencio</title>";
    String item2Guid = "<guid>https://news.example.org/es/lematin/678</guid>";
    String item2Link = "<link>https://news.example.org/es/lematin/678</link>";
    String content = "<p>Les débarquements ont baissé,";
    String generator = "<generator>republisher</generator>";
    return Stream.of(
        rss("SAXError", "control character", "Sultana Khaya", "Sultana\u0001 Khaya"),
        rss(
            "SAXError",
            "DOCTYPE",
            "<rss version",
            "<!DOCTYPE rss [<!ENTITY x \"y\">]>\n<rss version"),
        rss("SAXError", "undeclared prefix", generator, generator + "<x:y/>"),
        rss("BadXmlVersion", "XML 1.1", "version=\"1.0\" encoding", "version=\"1.1\" encoding"),
        rss("BadCharacters", "C1 control", "Sultana Khaya", "Sultana\u0092 Khaya"),
        rss("project: NotRss", "other root", "<rss version", "<rdf version", "</rss>", "</rdf>"),
        rss("MissingAttribute", "no version", "<rss version=\"2.0\" ", "<rss "),
        rss("InvalidRSSVersion", "version 0.92", "version=\"2.0\"", "version=\"0.92\""),
        rss("MissingTitle", "channel title", "<title>Revue de presse</title>", ""),
        rss("MissingLink", "channel link", "<link>https://news.example.org/</link>", ""),
        rss(
            "MissingDescription",
            "channel description",
            "<description>Articles de la presse marocaine, avec leur source</description>",
            ""),
        rss("MissingAtomSelfLink", "no self link", "rel=\"self\"", "rel=\"alternate\""),
        rss("SelfNotAtom", "self link type", "type=\"application/rss+xml\"", "type=\"text/html\""),
        rss(
            "RelativeSelf",
            "relative self",
            "\"https://news.example.org/feeds/rss.xml\"",
            "\"/rss\""),
        rss("UnregisteredAtomLinkRel", "unknown rel", "rel=\"self\"", "rel=\"myself\""),
        rss(
            "InvalidRFC2822Date",
            "ISO date",
            "Thu, 04 Jun 2020 08:30:00 GMT</lastBuildDate>",
            "2020-06-04T08:30:00Z</lastBuildDate>"),
        rss(
            "InvalidRFC2822Date",
            "no such day",
            "Thu, 04 Jun 2020 08:30:00 GMT</lastBuildDate>",
            "31 Jun 2020 08:30:00 GMT</lastBuildDate>"),
        rss(
            "IncorrectDOW",
            "wrong day of week",
            "Thu, 04 Jun 2020 08:30:00 GMT</lastBuildDate>",
            "Fri, 04 Jun 2020 08:30:00 GMT</lastBuildDate>"),
        rss(
            "ProblematicalRFC822Date",
            "2-digit year",
            "Thu, 04 Jun 2020 08:30:00 GMT</lastBuildDate>",
            "Thu, 04 Jun 20 08:30:00 GMT</lastBuildDate>"),
        rss(
            "ProblematicalRFC822Date",
            "military zone",
            "Wed, 03 Jun 2020 17:05:00 +0100",
            "Wed, 03 Jun 2020 17:05:00 A"),
        rss(
            "ImplausibleDate",
            "before 1990",
            "Thu, 04 Jun 2020 08:30:00 GMT</lastBuildDate>",
            "04 Jun 1989 08:30:00 GMT</lastBuildDate>"),
        rss(
            "ImplausibleDate",
            "in the future",
            "Thu, 04 Jun 2020 08:30:00 GMT</pubDate>",
            "01 Jan 2999 00:00:00 GMT</pubDate>"),
        rss(
            "InvalidLanguage",
            "not a code",
            "<language>fr</language>",
            "<language>french</language>"),
        rss(
            "DuplicateSemantics",
            "language and dc:language",
            "<language>fr</language>",
            "<language>fr</language><dc:language>fr</dc:language>"),
        rss(
            "DuplicateItemSemantics",
            "author and dc:creator",
            "<dc:creator>MAP</dc:creator>",
            "<dc:creator>MAP</dc:creator><author>map@example.org (MAP)</author>"),
        rss(
            "DuplicateItemSemantics",
            "pubDate and dc:date",
            "<dc:creator>MAP</dc:creator>",
            "<dc:creator>MAP</dc:creator><dc:date>2020-06-04T08:30:00Z</dc:date>"),
        rss("InvalidContact", "author name", item2Title, item2Title + "<author>Le Matin</author>"),
        rss(
            "MissingRealName",
            "author address alone",
            item2Title,
            item2Title + "<author>redaction@lematin.ma</author>"),
        rss(
            "EmailFormat",
            "managingEditor",
            generator,
            generator + "<managingEditor>news@example.org La rédaction</managingEditor>"),
        rss(
            "ItemMustContainTitleOrDescription",
            "neither",
            item2Title,
            "",
            "<description>La activista desmiente cualquier ruptura.</description>",
            ""),
        rss("MissingGuid", "no guid", item2Guid, ""),
        rss(
            "InvalidBooleanAttribute",
            "isPermaLink=no",
            "isPermaLink=\"false\"",
            "isPermaLink=\"no\""),
        rss("InvalidHttpGUID", "relative permalink", item2Guid, "<guid>/es/lematin/678</guid>"),
        rss("InvalidPermalink", "urn permalink", "isPermaLink=\"false\"", "isPermaLink=\"true\""),
        rss(
            "DuplicateValue",
            "same guid twice",
            item2Guid,
            "<guid isPermaLink=\"false\">urn:uuid:4f0d2a6e-1c1e-4b7e-9a55-0b3e5f7d2a01</guid>"),
        rss(
            "NotSufficientlyUnique",
            "short number",
            item2Guid,
            "<guid isPermaLink=\"false\">678</guid>"),
        rss("InvalidFullLink", "relative item link", item2Link, "<link>/es/lematin/678</link>"),
        rss(
            "UriNotIri",
            "non-ASCII link",
            item2Link,
            "<link>https://news.example.org/ar/عيد</link>"),
        rss(
            "InvalidUriChar",
            "space in link",
            item2Link,
            "<link>https://news.example.org/a b</link>"),
        rss("project: NotHttpLink", "ftp link", item2Link, "<link>ftp://news.example.org/x</link>"),
        rss(
            "SchemeNotIANARegistered",
            "made-up scheme",
            generator,
            generator + "<docs>foo:bar</docs>"),
        rss(
            "MissingAttribute",
            "source without url",
            "<source url=\"https://www.2m.ma/fr/rss.xml\">",
            "<source>"),
        rss("InvalidFullLink", "relative source url", "https://www.2m.ma/fr/rss.xml", "rss.xml"),
        rss("MissingAttribute", "enclosure without length", " length=\"0\"", ""),
        rss("InvalidNonNegativeInteger", "negative length", "length=\"0\"", "length=\"-5\""),
        rss("UseZeroForUnknown", "length -1", "length=\"0\"", "length=\"-1\""),
        rss("InvalidIntegerAttribute", "length not a number", "length=\"0\"", "length=\"big\""),
        rss("InvalidMIMEAttribute", "bad type", "type=\"image/jpeg\"", "type=\"jpeg\""),
        rss(
            "InvalidURLAttribute",
            "relative enclosure",
            "<enclosure url=\"https://www.2m.ma/img/12345.jpg\"",
            "<enclosure url=\"/img/12345.jpg\""),
        rss(
            "DuplicateEnclosure",
            "two enclosures",
            "<enclosure ",
            "<enclosure url=\"https://www.2m.ma/b.jpg\" length=\"0\""
                + " type=\"image/jpeg\"/><enclosure "),
        rss("NotBlank", "empty category", "<category>Économie</category>", "<category></category>"),
        rss(
            "ContainsHTML",
            "tags in a title",
            "<title>Port d'Essaouira",
            "<title>Port &lt;b&gt;d'Essaouira&lt;/b&gt;"),
        rss(
            "ContainsHTML",
            "entity escaped twice",
            "<title>Port d'Essaouira",
            "<title>Port &amp;amp; d'Essaouira"),
        rss(
            "CharacterData",
            "< before a letter",
            "<title>Sultana Khaya",
            "<title>Sultana &lt;Khaya"),
        rss(
            "ContainsHTML",
            "HTML in the channel description",
            "<description>Articles de la presse",
            "<description>&lt;p&gt;Articles&lt;/p&gt; de la presse"),
        rss("SecurityRisk", "script", content, "<script>alert(1)</script>" + content),
        rss(
            "SecurityRisk",
            "iframe",
            content,
            "<iframe src=\"https://e.example/\"></iframe>" + content),
        rss(
            "SecurityRiskAttr",
            "event handler",
            content,
            "<p onclick=\"steal()\">Les débarquements ont baissé,"),
        rss(
            "DangerousStyleAttr",
            "url() in style",
            content,
            "<p style=\"background: url(https://e.example/x.png)\">Les débarquements ont baissé,"),
        rss(
            "project: ScriptURL",
            "javascript: link",
            "href=\"https://www.2m.ma/fr/news/12345\"",
            "href=\"javascript:alert(1)\""),
        rss(
            "ContainsRelRef",
            "relative href",
            "href=\"https://www.2m.ma/fr/news/12345\"",
            "href=\"/fr/news/12345\""),
        rss(
            "ContainsRelRef",
            "relative img",
            "src=\"https://www.2m.ma/img/12345.jpg\" alt",
            "src=\"img/12345.jpg\" alt"),
        rss("NotHtml", "unknown element", content, "<blink>x</blink>" + content),
        rss("NotHtml", "stray end tag", "</p><p><img", "</b></p><p><img"),
        rss(
            "NeedDescriptionBeforeContent",
            "content:encoded alone",
            "<description>Les débarquements de pêche ont baissé de 45% à fin"
                + " février.</description>",
            ""),
        rss(
            "UndefinedElement",
            "content:encode typo",
            "<content:encoded>",
            "<content:encode>",
            "</content:encoded>",
            "</content:encode>"),
        rss(
            "UndefinedElement",
            "dc:author",
            "<dc:creator>MAP</dc:creator>",
            "<dc:author>MAP</dc:author>"),
        rss(
            "UndefinedElement",
            "unknown channel element",
            generator,
            generator + "<subtitle>x</subtitle>"),
        rss(
            "UndefinedElement",
            "markup in a title",
            "<title>Sultana Khaya",
            "<title><b>Sultana</b> Khaya"),
        rss(
            "UnknownNamespace",
            "undocumented namespace",
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">",
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:foo=\"http://example.com/ns\">"),
        rss(
            "ReservedPrefix",
            "dc bound elsewhere",
            "http://purl.org/dc/elements/1.1/",
            "http://purl.org/dc/elements/1.0/"),
        rss(
            "MediaRssNamespace",
            "no trailing slash",
            "xmlns:dc=",
            "xmlns:media=\"http://search.yahoo.com/mrss\" xmlns:dc="),
        rss(
            "UnexpectedAttribute",
            "isPermalink typo",
            "<guid isPermaLink=\"false\">",
            "<guid isPermalink=\"false\">"),
        rss(
            "UseOfExtensionAttr",
            "extension attribute",
            "<guid isPermaLink=\"false\">",
            "<guid isPermaLink=\"false\" xmlns:x=\"http://example.com/x\" x:y=\"z\">"),
        rss("UnexpectedText", "text in an item", "<item>", "<item>stray text"),
        rss("MisplacedItem", "ttl after the items", "</channel>", "<ttl>60</ttl></channel>"),
        rss("DuplicateElement", "two generators", generator, generator + generator),
        rss(
            "ImageTitleDoesntMatch",
            "image title",
            "<title>Revue de presse</title>\n      <link>",
            "<title>Logo</title>\n      <link>"),
        rss(
            "ImageLinkDoesntMatch",
            "image link",
            "<link>https://news.example.org/</link>\n    </image>",
            "<link>https://news.example.org/about</link>\n    </image>"),
        rss("ImageUrlFormat", "SVG logo", "logo.png", "logo.svg"),
        rss(
            "MissingElement",
            "image without url",
            "<url>https://news.example.org/logo.png</url>",
            ""),
        rss("InvalidWidth", "too wide", "</image>", "<width>600</width></image>"),
        rss("InvalidPositiveInteger", "ttl 0", generator, generator + "<ttl>0</ttl>"),
        rss(
            "AvoidTextInput",
            "textInput",
            generator,
            generator
                + "<textInput><title>t</title><description>d</description><name>q</name>"
                + "<link>https://news.example.org/search</link></textInput>"),
        rss(
            "InvalidW3CDTFDate",
            "dc:date not W3C",
            "<dc:creator>MAP</dc:creator>",
            "<dc:creator>MAP</dc:creator><dc:date>04/06/2020</dc:date>"),
        rss(
            "InvalidDay",
            "skipDays",
            generator,
            generator + "<skipDays><day>Funday</day></skipDays>"));
  }

  static Stream<Broken> brokenAtom() {
    String entry2Link = "<link href=\"https://news.example.org/es/lematin/678\"/>";
    String entry2Updated = "<updated>2020-06-03T17:05:00Z</updated>";
    String entry2Content =
        "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>La activista"
            + " desmiente <em>cualquier</em> ruptura.</p></div></content>";
    String feedAuthor = "<author>\n    <name>Revue de presse</name>\n  </author>";
    String icon = "<icon>https://news.example.org/icon.png</icon>";
    return Stream.of(
        atom(
            "RFC4287: schema",
            "unknown attribute",
            "<title type=\"text\">Revue",
            "<title type=\"text\" foo=\"bar\">Revue"),
        atom(
            "MissingElement",
            "feed without id",
            "<id>tag:news.example.org,2020:feeds/atom</id>",
            ""),
        atom("MissingElement", "entry without updated", entry2Updated, ""),
        atom("MissingSelf", "no self link", "rel=\"self\"", "rel=\"related\""),
        atom("MisplacedMetadata", "icon after the entries", icon, "", "</feed>", icon + "</feed>"),
        atom("DuplicateElement", "two icons", icon, icon + icon),
        atom(
            "DuplicateEntries",
            "same id twice",
            "<id>tag:news.example.org,2020:lematin/678</id>",
            "<id>urn:uuid:4f0d2a6e-1c1e-4b7e-9a55-0b3e5f7d2a01</id>"),
        atom(
            "DuplicateUpdated",
            "same updated twice",
            entry2Updated,
            "<updated>2020-06-04T08:30:00Z</updated>"),
        atom(
            "InvalidRFC3339Date",
            "no zone",
            entry2Updated,
            "<updated>2020-06-03T17:05:00</updated>"),
        atom(
            "InvalidRFC3339Date",
            "no such day",
            entry2Updated,
            "<updated>2020-02-30T17:05:00Z</updated>"),
        atom(
            "ImplausibleDate",
            "before 1990",
            entry2Updated,
            "<updated>1989-06-03T17:05:00Z</updated>"),
        atom(
            "InvalidUUID",
            "bad uuid",
            "urn:uuid:4f0d2a6e-1c1e-4b7e-9a55-0b3e5f7d2a01",
            "urn:uuid:4f0d2a6e-zzzz-4b7e-9a55-0b3e5f7d2a01"),
        atom(
            "InvalidTAG",
            "tag without date",
            "tag:news.example.org,2020:feeds/atom",
            "tag:news.example.org:feeds/atom"),
        atom(
            "InvalidFullLink",
            "relative id",
            "<id>tag:news.example.org,2020:feeds/atom</id>",
            "<id>feeds/atom</id>"),
        atom(
            "NonCanonicalURI",
            "no trailing slash",
            "<id>https://www.2m.ma/</id>",
            "<id>https://www.2m.ma</id>"),
        atom(
            "NonCanonicalURI",
            "upper-case host",
            "<id>https://www.2m.ma/</id>",
            "<id>https://WWW.2M.MA/</id>"),
        atom(
            "UnexpectedWhitespace",
            "spaces around the id",
            "<id>tag:news.example.org,2020:feeds/atom</id>",
            "<id> tag:news.example.org,2020:feeds/atom </id>"),
        atom("MissingElement", "no author anywhere", feedAuthor, ""),
        atom(
            "RFC4287: feed author",
            "author only in a source",
            feedAuthor,
            "",
            "<title>2M</title>",
            "<title>2M</title><author><name>2M</name></author>"),
        atom("MissingTextualContent", "neither content nor summary", entry2Content, ""),
        atom(
            "MissingContentOrAlternate",
            "neither content nor alternate",
            entry2Content,
            "",
            entry2Link,
            "<link rel=\"related\" href=\"https://news.example.org/es/lematin/678\"/>"),
        atom(
            "MissingSummary",
            "binary content",
            entry2Content,
            "<content type=\"video/mp4\" src=\"https://news.example.org/v.mp4\"/>"),
        atom(
            "MissingTypeAttr",
            "content src without type",
            entry2Content,
            "<content src=\"https://news.example.org/v.html\"/>"),
        atom(
            "InvalidTextType",
            "MIME type on a title",
            "<title type=\"text\">Revue",
            "<title type=\"text/plain\">Revue"),
        atom(
            "InvalidMIMEType",
            "bad content type",
            "<content type=\"html\">",
            "<content type=\"foo\">"),
        atom("AttrNotBlank", "empty type", "<title type=\"text\">Revue", "<title type=\"\">Revue"),
        atom(
            "NotBlank",
            "empty summary",
            "<summary type=\"text\">Les débarquements de pêche ont baissé de 45%.</summary>",
            "<summary type=\"text\"></summary>"),
        atom(
            "ContainsUndeclaredHTML",
            "tags in a text title",
            "<title>Sultana Khaya",
            "<title>Sultana &lt;b&gt;Khaya&lt;/b&gt;"),
        atom(
            "SecurityRisk",
            "script in html content",
            "&lt;p&gt;Les débarquements",
            "&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Les débarquements"),
        atom(
            "ContainsRelRef",
            "relative href in html content",
            "href=\"https://www.2m.ma/fr/news/12345\"&gt;",
            "href=\"/fr/news/12345\"&gt;"),
        atom(
            "MissingXhtmlDiv",
            "xhtml without div",
            entry2Content,
            "<content type=\"xhtml\">La activista desmiente cualquier ruptura.</content>"),
        atom(
            "SecurityRiskAttr",
            "event handler in xhtml",
            "<p>La activista",
            "<p onclick=\"x()\">La activista"),
        atom("UnregisteredAtomLinkRel", "unknown rel", "rel=\"via\"", "rel=\"sponsored\""),
        atom(
            "MissingHref",
            "link without href",
            "<link rel=\"via\" href=\"https://www.2m.ma/fr/news/12345\"/>",
            "<link rel=\"via\"/>"),
        atom(
            "RelativeSelf",
            "relative self link",
            "href=\"https://news.example.org/feeds/atom.xml\"",
            "href=\"/feeds/atom.xml\""),
        atom(
            "project: RelativeURI",
            "relative alternate link",
            entry2Link,
            "<link href=\"/es/lematin/678\"/>"),
        atom(
            "InvalidUriChar",
            "space in href",
            "href=\"https://www.2m.ma/fr/news/12345\"/>",
            "href=\"https://www.2m.ma/a b\"/>"),
        atom("InvalidNonNegativeInteger", "negative length", "length=\"0\"", "length=\"-1\""),
        atom("DuplicateAtomLink", "two alternates", entry2Link, entry2Link + entry2Link),
        atom(
            "FeedHistoryRelInEntry",
            "next in an entry",
            entry2Link,
            entry2Link + "<link rel=\"next\" href=\"https://news.example.org/es/lematin/679\"/>"),
        atom("InvalidLanguage", "xml:lang", "xml:lang=\"es\"", "xml:lang=\"spanish\""),
        atom(
            "InvalidLanguage",
            "hreflang",
            "<link rel=\"via\"",
            "<link rel=\"via\" hreflang=\"english\""),
        atom(
            "InvalidAddrSpec",
            "bad email",
            "<uri>https://lematin.ma/</uri>",
            "<email>redaction at lematin</email>"),
        atom(
            "ContainsEmail",
            "address in a name",
            "<name>Le Matin</name>",
            "<name>Le Matin &lt;redaction@lematin.ma&gt;</name>"),
        atom("MissingElement", "author without name", "<name>Le Matin</name>", ""),
        atom(
            "MissingAttribute",
            "category without term",
            "<category term=\"Économie\"/>",
            "<category label=\"Économie\"/>"),
        atom(
            "InvalidFullLink",
            "relative category scheme",
            "<category term=\"Économie\"/>",
            "<category term=\"Économie\" scheme=\"topics\"/>"),
        atom(
            "MissingSourceElement",
            "source without updated",
            "<updated>2020-06-04T08:30:00Z</updated>\n      <link rel=\"alternate\"",
            "<link rel=\"alternate\""),
        atom(
            "UndefinedElement",
            "dc typo",
            entry2Updated,
            entry2Updated
                + "<dc:creatr xmlns:dc=\"http://purl.org/dc/elements/1.1/\">Le Matin</dc:creatr>"),
        atom(
            "UndefinedElement",
            "subtitle in an entry",
            entry2Updated,
            entry2Updated + "<subtitle>x</subtitle>"),
        atom(
            "AvoidNamespacePrefix",
            "atom prefix",
            "<entry xml:lang=\"es\">",
            "<entry xml:lang=\"es\" xmlns:atom=\"http://www.w3.org/2005/Atom\">"),
        atom(
            "MisplacedXHTMLContent",
            "XHTML outside content",
            entry2Updated,
            entry2Updated + "<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>"),
        atom(
            "ObsoleteNamespace",
            "Atom 0.3",
            "xmlns=\"http://www.w3.org/2005/Atom\"",
            "xmlns=\"http://purl.org/atom/ns#\""),
        atom(
            "SelfNotAtom", "self link type", "type=\"application/atom+xml\"", "type=\"text/html\""),
        atom(
            "AtomLinkNotEmpty",
            "text in a link",
            entry2Link,
            "<link href=\"https://news.example.org/es/lematin/678\">x</link>"),
        atom("BadCharacters", "C1 control", "Sultana Khaya", "Sultana\u0085 Khaya"),
        atom("SAXError", "mismatched tags", "</entry>\n</feed>", "</entry>\n</feeds>"));
  }

  static Stream<Broken> brokenJsonFeed() {
    String minimal =
        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\","
            + " \"home_page_url\": \"https://news.example.org/\","
            + " \"feed_url\": \"https://news.example.org/feed.json\"";
    String item2Id = "\"id\": \"tag:news.example.org,2020:lematin/678\",";
    String item2Url = "\"url\": \"https://news.example.org/es/lematin/678\"";
    String item2Title = "\"Sultana Khaya rompe el silencio\"";
    return Stream.of(
        json("JSON Feed: Version", "trailing slash", "version/1.1\"", "version/1.1/\""),
        json("JSON Feed: Version", "JSON Feed 1.0", "version/1.1\"", "version/1\""),
        json("JSON Feed: MissingElement", "no title", "\"title\": \"Revue de presse\",", ""),
        jsonText("JSON Feed: MissingElement", "no items", minimal + "}"),
        jsonText("JSON Feed: EmptyItems", "empty items", minimal + ", \"items\": []}"),
        jsonText("JSON Feed: InvalidType", "top level array", "[]"),
        json(
            "JSON Feed: MissingRecommended",
            "no home_page_url",
            "\"home_page_url\": \"https://news.example.org/\",",
            ""),
        json(
            "JSON Feed: MissingRecommended",
            "no feed_url",
            "\"feed_url\": \"https://news.example.org/feeds/feed.json\",",
            ""),
        json(
            "JSON Feed: NextUrlLoop",
            "next_url is feed_url",
            "\"language\": \"fr\",",
            "\"language\": \"fr\", \"next_url\": \"https://news.example.org/feeds/feed.json\","),
        json("JSON Feed: MissingElement", "item without id", item2Id, ""),
        json("JSON Feed: IdNotString", "numeric id", item2Id, "\"id\": 678,"),
        json(
            "JSON Feed: DuplicateId",
            "same id twice",
            item2Id,
            "\"id\": \"urn:uuid:4f0d2a6e-1c1e-4b7e-9a55-0b3e5f7d2a01\","),
        json(
            "JSON Feed: MissingContent",
            "no content",
            "\"content_text\": \"La activista desmiente cualquier ruptura.\",",
            ""),
        json(
            "JSON Feed: InvalidType",
            "numeric content",
            "\"content_text\": \"La activista desmiente cualquier ruptura.\"",
            "\"content_text\": 42"),
        json(
            "JSON Feed: InvalidRFC3339Date",
            "scraped date",
            "\"2020-06-03T17:05:00Z\"",
            "\"04 - 06 - 2020\""),
        json("JSON Feed: RelativeURL", "relative url", item2Url, "\"url\": \"/es/lematin/678\""),
        json(
            "JSON Feed: UnusualScheme",
            "ftp url",
            item2Url,
            "\"url\": \"ftp://news.example.org/x\""),
        json("JSON Feed: InvalidURL", "no host", item2Url, "\"url\": \"https:///x\""),
        json(
            "JSON Feed: DeprecatedAuthor",
            "author object",
            "\"authors\": [{\"name\": \"MAP\"}],",
            "\"author\": {\"name\": \"MAP\"},"),
        json(
            "JSON Feed: InvalidType",
            "authors not an array",
            "\"authors\": [{\"name\": \"MAP\"}],",
            "\"authors\": {\"name\": \"MAP\"},"),
        json("JSON Feed: InvalidAuthor", "empty author", "[{\"name\": \"MAP\"}]", "[{}]"),
        json(
            "project: AuthorName",
            "author without name",
            "[{\"name\": \"MAP\"}]",
            "[{\"url\": \"https://www.mapexpress.ma/\"}]"),
        json("JSON Feed: UnknownKey", "unknown item key", "\"_source\":", "\"source\":"),
        json(
            "JSON Feed: UnknownKey",
            "unknown top-level key",
            "\"language\": \"fr\",",
            "\"language\": \"fr\", \"lang\": \"fr\","),
        json(
            "JSON Feed: DuplicateKey",
            "title twice",
            "\"title\": \"Revue de presse\",",
            "\"title\": \"Revue de presse\", \"title\": \"Autre\","),
        json("JSON Feed: InvalidType", "tags not an array", "[\"Économie\"]", "\"Économie\""),
        json(
            "JSON Feed: MissingElement",
            "attachment without type",
            "\"mime_type\": \"image/jpeg\", ",
            ""),
        json(
            "JSON Feed: InvalidType",
            "size as text",
            "\"size_in_bytes\": 1024",
            "\"size_in_bytes\": \"1 KB\""),
        json(
            "JSON Feed: InvalidLanguage",
            "not a code",
            "\"language\": \"fr\",",
            "\"language\": \"french\","),
        json(
            "JSON Feed: InvalidType",
            "expired not boolean",
            "\"language\": \"fr\",",
            "\"language\": \"fr\", \"expired\": \"no\","),
        json(
            "JSON Feed: MissingElement",
            "hub without url",
            "\"language\": \"fr\",",
            "\"language\": \"fr\", \"hubs\": [{\"type\": \"WebSub\"}],"),
        jsonText("JSON Feed: InvalidJSON", "not JSON", "{ not json"),
        json(
            "JSON Feed: InvalidJSON",
            "trailing comma",
            "\"language\": \"fr\",",
            "\"language\": \"fr\",,"),
        jsonText("JSON Feed: InvalidJSON", "two documents", CLEAN_JSON + "{}"),
        jsonText("JSON Feed: ByteOrderMark", "UTF-8 BOM", "\uFEFF" + CLEAN_JSON),
        new Broken(
            "JSON Feed: NotUTF8",
            "Latin-1 bytes",
            JSON_FEED,
            CLEAN_JSON.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
        json(
            "SecurityRisk",
            "script in content_html",
            "\"content_html\": \"<p>",
            "\"content_html\": \"<script>alert(1)</script><p>"),
        json(
            "ContainsRelRef",
            "relative href in content_html",
            "href=\\\"https://www.2m.ma/fr/news/12345\\\"",
            "href=\\\"/fr/news/12345\\\""),
        json("project: BadCharacters", "control character", item2Title, "\"Sultana\\u0001 Khaya\""));
  }

  static Stream<Broken> brokenFeeds() {
    return Stream.of(brokenRss(), brokenAtom(), brokenJsonFeed()).flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFeeds")
  void ruleCatchesBrokenFeed(Broken broken) {
    List<String> problems = FeedRules.check(broken.format(), broken.feed());
    assertThat(problems)
        .as("problems of %s", broken)
        .anySatisfy(problem -> assertThat(problem).endsWith("[" + broken.rule() + "]"));
  }

  @Test
  void everyRuleFamilyIsExercised() {
    List<String> rules = new ArrayList<>();
    brokenFeeds().forEach(broken -> rules.add(broken.rule()));
    assertThat(rules).hasSizeGreaterThan(150);
    assertThat(rules)
        .contains(
            "MissingGuid",
            "MissingAtomSelfLink",
            "IncorrectDOW",
            "DuplicateItemSemantics",
            "RFC4287: schema",
            "RFC4287: feed author",
            "JSON Feed: Version");
  }

  // ---------------------------------------------------------------------------------------------
  // Reporting, and hostile input
  // ---------------------------------------------------------------------------------------------

  @Test
  void problemNamesThePlaceTheMessageAndTheRule() {
    byte[] feed =
        edit(CLEAN_RSS, "<guid>https://news.example.org/es/lematin/678</guid>", "").getBytes(UTF_8);

    assertThat(FeedRules.check(RSS, feed))
        .containsExactly(
            "item 2 (line 28): no <guid>: readers cannot tell this item from a new one"
                + " [MissingGuid]");
  }

  @Test
  void assertValidListsEveryProblem() {
    byte[] feed =
        edit(
                CLEAN_RSS,
                "<guid>https://news.example.org/es/lematin/678</guid>",
                "",
                "<language>fr</language>",
                "<language>french</language>")
            .getBytes(UTF_8);

    assertThatThrownBy(() -> FeedRules.assertValid(RSS, feed))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("RSS feed is not valid: 2 problem(s)")
        .hasMessageContaining("[MissingGuid]")
        .hasMessageContaining("[InvalidLanguage]");
  }

  @Test
  void wrongFormatIsAProblemNotAnException() {
    assertThat(FeedRules.check(JSON_FEED, CLEAN_RSS.getBytes(UTF_8)))
        .singleElement(STRING)
        .contains("[JSON Feed: InvalidJSON]");
    assertThat(FeedRules.check(ATOM, CLEAN_RSS.getBytes(UTF_8)))
        .singleElement(STRING)
        .contains("[project: NotAtom]");
    assertThat(FeedRules.check(RSS, new byte[0])).singleElement(STRING).contains("[SAXError]");
  }

  @Test
  @Timeout(10)
  void externalEntityIsRefusedNotRead() {
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
            + "<rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>";

    assertThat(FeedRules.check(RSS, xxe.getBytes(UTF_8)))
        .singleElement(STRING)
        .contains("[SAXError]")
        .doesNotContain("root:");
  }

  @Test
  @Timeout(10)
  void entityExpansionBombIsRefused() {
    StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE feed [\n");
    bomb.append("<!ENTITY a0 \"lol\">\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("<!ENTITY a").append(i).append(" \"");
      bomb.append(("&a" + (i - 1) + ";").repeat(10)).append("\">\n");
    }
    bomb.append("]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&a9;</title></feed>");

    assertThat(FeedRules.check(ATOM, bomb.toString().getBytes(UTF_8)))
        .singleElement(STRING)
        .contains("[SAXError]");
  }
}
