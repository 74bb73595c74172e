package org.republisher.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.republisher.internal.Html;
import org.republisher.internal.Text;
import org.republisher.model.Article;
import org.republisher.testing.FeedRules;

/**
 * Literal text is text (issue #10): what an article's title says, "<", ">", "&" and quotes
 * included, comes back as that text from every format, as readers read it, and no format carries
 * markup it does not declare.
 */
class LiteralTextTest {

  @ParameterizedTest
  @EnumSource(FeedFormat.class)
  void literalTextGivesValidFeedsWithoutUndeclaredMarkup(FeedFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WriteResult result = Fixtures.writer().write(format, LiteralArticles.all(), out);

    assertThat(result.rejected()).isEmpty();
    FeedRules.assertValid(format, out.toByteArray());
  }

  @ParameterizedTest
  @EnumSource(FeedFormat.class)
  void theIssuesTitlesComeBackAsTheirText(FeedFormat format) throws Exception {
    List<String> titles = readerTitles(format, write(format, LiteralArticles.all()));

    assertThat(titles)
        .containsExactly(
            "History of the <blink> tag",
            "a < b && c > d",
            "C++ templates <T>",
            "&lt;b&gt;Bold&lt;/b&gt; move", // escaped twice upstream: the escaped form is the text
            "Caf&eacute; &#60;3 &nbsp;R&D");
  }

  /**
   * Any text of printable characters, markup-like or not, given as the fragment that says it (its
   * HTML escape), comes back from Rome read as a reader reads it (the Universal Feed Parser's
   * rules), and from the JSON Feed, exactly, whitespace collapsed.
   */
  @Property(tries = 300)
  void anyTitleRoundTripsInEveryFormat(@ForAll("texts") String text) throws Exception {
    String expected = Text.collapseWhitespace(text);
    Article article =
        Article.builder()
            .id("t")
            .title(Html.escape(text))
            .sourceLink("https://www.2m.ma/fr/1")
            .published(Instant.parse("2026-03-21T10:00:00Z"))
            .build();
    for (FeedFormat format : FeedFormat.values()) {
      byte[] feed = write(format, List.of(article));
      assertThat(readerTitles(format, feed)).as("%s of %s", format, text).containsExactly(expected);
    }
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(6),
            Arbitraries.strings().withChars("<>&\"' /#;=").ofMinLength(1).ofMaxLength(4),
            Arbitraries.of(
                "<b>", "</b>", "</p>", "<T>", "</T>", "&amp;", "&lt;", "&#60;", "&#x3C;", "&nbsp",
                "&eacute;", "&foo;", "&apos;", "C++", "a < b", "x > y", "AT&T", "<br/>",
                "<img src=x>", "é", "عربي", "😀"));
    return pieces
        .list()
        .ofMinSize(1)
        .ofMaxSize(8)
        .map(l -> String.join("", l))
        .filter(s -> !Text.collapseWhitespace(s).isEmpty());
  }

  private static byte[] write(FeedFormat format, List<Article> articles) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WriteResult result = Fixtures.writer().write(format, articles, out);
    assertThat(result.rejected()).isEmpty();
    return out.toByteArray();
  }

  /** The item titles as a reader shows them: Rome's reading, then the reader's decoding. */
  static List<String> readerTitles(FeedFormat format, byte[] feed) throws Exception {
    return switch (format) {
      case RSS ->
          ((Channel) rome(feed)).getItems().stream().map(Item::getTitle).map(LiteralTextTest::rssTitle).toList();
      case ATOM ->
          ((Feed) rome(feed)).getEntries().stream().map(Entry::getTitleEx).map(LiteralTextTest::atomText).toList();
      case JSON_FEED -> jsonTitles(feed);
    };
  }

  private static Object rome(byte[] feed) throws Exception {
    WireFeedInput input = new WireFeedInput();
    input.setAllowDoctypes(false);
    return input.build(new InputStreamReader(new ByteArrayInputStream(feed), StandardCharsets.UTF_8));
  }

  /** Atom: {@code type="text"} is shown as it is, {@code type="html"} as the HTML's text. */
  private static String atomText(Content title) {
    return "html".equals(title.getType()) ? htmlText(title.getValue()) : title.getValue();
  }

  /**
   * RSS declares nothing: the Universal Feed Parser takes a title for HTML when it "looks like
   * HTML" (an end tag or an entity reference, every tag a known element, every entity a known
   * one), and shows it as text otherwise.
   */
  private static String rssTitle(String value) {
    return looksLikeHtml(value) ? htmlText(value) : value;
  }

  private static final Pattern END_TAG = Pattern.compile("</(\\w+)>");
  private static final Pattern REFERENCE = Pattern.compile("&#?\\w+;");
  private static final Pattern TAG = Pattern.compile("</?(\\w+)");
  private static final Pattern NAMED = Pattern.compile("&(\\w+);");

  /** The Universal Feed Parser's elements a title may hold and still be taken for HTML. */
  private static final Set<String> ACCEPTABLE =
      Set.of(
          ("a abbr acronym address area article aside audio b big blockquote br button canvas"
                  + " caption center cite code col colgroup command datagrid datalist dd del"
                  + " details dfn dialog dir div dl dt em fieldset figcaption figure footer font"
                  + " form header h1 h2 h3 h4 h5 h6 hr i img input ins keygen kbd label legend li"
                  + " m map menu meter multicol nav nextid ol output optgroup option p pre"
                  + " progress q s samp section select small sound source spacer span strike"
                  + " strong sub sup table tbody td textarea time tfoot th thead tr tt u ul var"
                  + " video noscript")
              .split(" "));

  static boolean looksLikeHtml(String s) {
    if (!END_TAG.matcher(s).find() && !REFERENCE.matcher(s).find()) {
      return false;
    }
    Matcher tag = TAG.matcher(s);
    while (tag.find()) {
      if (!ACCEPTABLE.contains(tag.group(1).toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    Matcher named = NAMED.matcher(s);
    while (named.find()) {
      if (!Entities.isNamedEntity(named.group(1))) {
        return false;
      }
    }
    return true;
  }

  private static String htmlText(String html) {
    return Jsoup.parseBodyFragment(html).body().text();
  }

  private static List<String> jsonTitles(byte[] feed) throws IOException {
    List<String> titles = new java.util.ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(feed)) {
      int depth = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          depth++;
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
        } else if (t == JsonToken.FIELD_NAME && depth == 3 && p.currentName().equals("title")) {
          p.nextToken();
          titles.add(p.getText());
        }
      }
    }
    return titles;
  }
}
