package org.republisher.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.republisher.InvalidArticleException;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.normalize.AttributionTemplate;
import org.republisher.normalize.ContentPolicy;
import org.republisher.testing.FeedRules;

class FeedWriterTest {

  static Article article(int i) {
    return Article.builder()
        .title("Titre numéro " + i)
        .sourceLink("https://www.2m.ma/fr/news/" + i)
        .publication(Fixtures.TWO_M)
        .published(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * i))
        .contentHtml("<p>Corps " + i + "</p>")
        .build();
  }

  static String write(FeedWriter writer, FeedFormat format, List<Article> articles)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(format, articles, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void aCollectionIsSortedNewestFirstAndCutToTheLimit() throws IOException {
    FeedWriter writer =
        FeedWriter.builder(Fixtures.spec().toBuilder().limit(3).build())
            .clock(Fixtures.CLOCK)
            .build();
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      articles.add(article(i));
    }
    String rss = write(writer, FeedFormat.RSS, articles);
    assertThat(count(rss, "<item>")).isEqualTo(3);
    assertThat(rss.indexOf("Titre numéro 9"))
        .isLessThan(rss.indexOf("Titre numéro 8"))
        .isGreaterThan(0);
    assertThat(rss.indexOf("Titre numéro 8")).isLessThan(rss.indexOf("Titre numéro 7"));
    assertThat(rss).doesNotContain("Titre numéro 6");
    assertThat(rss).contains("<lastBuildDate>Thu, 01 Jan 2026 09:00:00 GMT</lastBuildDate>");
  }

  @Test
  void anIteratorIsStreamedInTheOrderGivenAndCutToTheLimit() throws IOException {
    FeedWriter writer =
        FeedWriter.builder(Fixtures.spec().toBuilder().limit(2).build())
            .clock(Fixtures.CLOCK)
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WriteResult result =
        writer.write(FeedFormat.ATOM, List.of(article(1), article(5), article(3)).iterator(), out);
    String atom = out.toString(StandardCharsets.UTF_8);
    assertThat(result.written()).isEqualTo(2);
    assertThat(atom.indexOf("Titre numéro 1")).isLessThan(atom.indexOf("Titre numéro 5"));
    assertThat(atom).doesNotContain("Titre numéro 3");
    assertThat(atom).contains("<updated>2026-01-01T01:00:00Z</updated>\n  <link rel=\"self\"");
  }

  @Test
  void badArticlesAreRejectedByNameAndTheOthersAreWritten() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WriteResult result = Fixtures.writer().write(FeedFormat.RSS, HostileArticles.all(), out);
    assertThat(result.rejected())
        .extracting(InvalidArticleException::article, InvalidArticleException::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("relative-no-base", "link"));
    assertThat(result.rejected())
        .allSatisfy(e -> assertThat(e).hasMessageStartingWith("article \"" + e.article() + "\""));
    assertThat(result.written()).isEqualTo(7); // "Duplicate id" takes its link as id
    FeedRules.assertValid(FeedFormat.RSS, out.toByteArray());
  }

  @Test
  void anUndatedArticleIsDatedWhenFirstSeenAndAMarkupOnlyTitleTakesItsLink() throws IOException {
    // "No date at all" and "<b> </b>": repaired, not rejected (issue #10)
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WriteResult result = Fixtures.writer().write(FeedFormat.JSON_FEED, HostileArticles.all(), out);
    String json = out.toString(StandardCharsets.UTF_8);

    assertThat(result.rejected()).extracting(InvalidArticleException::article)
        .doesNotContain("no-date", "markup-only-title");
    String now = org.republisher.internal.Dates.rfc3339(Fixtures.CLOCK.instant());
    assertThat(json)
        .contains("\"id\":\"no-date\"")
        .contains("\"title\":\"No date at all\",")
        .contains("\"date_published\":\"" + now + "\"")
        .contains("\"title\":\"https://evil.example/f\"");
  }

  @Test
  void anArticleWithNoLinkOfAnyKindTakesTheFeedsSiteAndStaysValid() throws Exception {
    // issue #10: only what has no text and no link is rejected; readers want a link to open
    Article linkless =
        Article.builder()
            .title("Communiqué sans lien")
            .publication(org.republisher.model.Publication.of("Agence"))
            .published(Instant.parse("2026-03-22T08:00:00Z"))
            .contentHtml("<p>Le texte du communiqué.</p>")
            .build();
    assertThat(linkless.id()).startsWith("urn:uuid:");
    List<Article> articles = List.of(linkless, article(1));
    for (FeedFormat format : FeedFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      WriteResult result = Fixtures.writer().write(format, articles, out);
      assertThat(result.rejected()).as(format.toString()).isEmpty();
      assertThat(result.written()).isEqualTo(2);
      FeedRules.assertValid(format, out.toByteArray());
    }

    String rss = write(Fixtures.writer(), FeedFormat.RSS, articles);
    com.rometools.rome.feed.rss.Channel channel =
        (com.rometools.rome.feed.rss.Channel) new WireFeedInput().build(new StringReader(rss));
    com.rometools.rome.feed.rss.Item item =
        channel.getItems().stream()
            .filter(i -> i.getTitle().equals("Communiqué sans lien"))
            .findFirst()
            .orElseThrow();
    assertThat(item.getLink()).isEqualTo(channel.getLink());
    assertThat(item.getGuid().getValue()).isEqualTo(linkless.id());
    assertThat(item.getGuid().isPermaLink()).isFalse();
    assertThat(item.getContent().getValue()).contains("Le texte du communiqué.", "Agence");

    Feed atom =
        (Feed)
            new WireFeedInput()
                .build(new StringReader(write(Fixtures.writer(), FeedFormat.ATOM, articles)));
    Entry entry =
        atom.getEntries().stream()
            .filter(e -> e.getTitle().equals("Communiqué sans lien"))
            .findFirst()
            .orElseThrow();
    assertThat(entry.getAlternateLinks())
        .singleElement()
        .satisfies(l -> assertThat(l.getHref()).isEqualTo(atom.getAlternateLinks().get(0).getHref()));
    assertThat(entry.getId()).isEqualTo(linkless.id());
    assertThat(entry.getContents()).hasSize(1);

    String json = write(Fixtures.writer(), FeedFormat.JSON_FEED, List.of(linkless));
    String home = Fixtures.spec().link().toASCIIString();
    assertThat(json)
        .containsSubsequence("\"id\":\"" + linkless.id() + "\"", "\"url\":\"" + home + "\"")
        .doesNotContain("external_url");
  }

  @Test
  void anotherArticleWithATakenIdTakesItsLinkAndTheSameArticleTwiceIsLeftOut() throws Exception {
    // two publications' records numbered alike: both kept; the very same article twice: once
    Article first = article(1).toBuilder().id("123").build();
    Article other = article(2).toBuilder().id("123").build();
    Article again = article(3).toBuilder().id("123").sourceLink("https://www.2m.ma/fr/news/1").build();
    for (FeedFormat format : FeedFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      WriteResult result;
      List<String> warnings;
      try (org.republisher.LogCapture log = new org.republisher.LogCapture()) {
        result = Fixtures.writer().write(format, List.of(first, other, again), out);
        warnings = log.warnings();
      }
      assertThat(result.written()).as(format.toString()).isEqualTo(2);
      assertThat(result.rejected()).singleElement().satisfies(e -> {
        assertThat(e.field()).isEqualTo("id");
        assertThat(e).hasMessageContaining("is a duplicate in this feed");
      });
      assertThat(warnings).anySatisfy(w -> assertThat(w).contains(
          "article https://www.2m.ma/fr/news/2: id is another article's in this feed: 123; its"
              + " link stands in"));
      FeedRules.assertValid(format, out.toByteArray());
    }
    String rss = write(Fixtures.writer(), FeedFormat.RSS, List.of(first, other));
    assertThat(rss)
        .contains("<guid isPermaLink=\"false\">urn:uuid:"
            + java.util.UUID.nameUUIDFromBytes("123".getBytes(StandardCharsets.UTF_8)) + "</guid>")
        .contains("<guid>https://www.2m.ma/fr/news/1</guid>"); // the newer one keeps "123"
  }

  @Test
  void idsThatAreOneIdToAtomReadersAreOneId() throws Exception {
    // "https://WWW.2m.ma/x" and "https://www.2m.ma/x" are the same Atom id (canonical form)
    Article upper = article(1).toBuilder().id("https://WWW.2m.ma/fr/news/x").build();
    Article lower = article(2).toBuilder().id("https://www.2m.ma/fr/news/x").build();
    String atom = write(Fixtures.writer(), FeedFormat.ATOM, List.of(upper, lower));
    FeedRules.assertValid(FeedFormat.ATOM, atom.getBytes(StandardCharsets.UTF_8));
    Feed feed = (Feed) new WireFeedInput().build(new StringReader(atom));
    assertThat(feed.getEntries()).extracting(Entry::getId)
        .containsExactly("https://www.2m.ma/fr/news/x", "https://www.2m.ma/fr/news/1");
  }

  @Test
  void anArticleWithNoTextAndNoLinkIsRejectedByName() throws IOException {
    Article nothing = Article.builder().id("vide").title("<b> </b>").build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WriteResult result = Fixtures.writer().write(FeedFormat.RSS, List.of(nothing, article(1)), out);
    assertThat(result.written()).isEqualTo(1);
    assertThat(result.rejected()).hasSize(1);
    assertThat(result.rejected().get(0))
        .hasMessage(
            "article \"vide\": title has no text, and the article has no text or link to stand"
                + " in: \"<b> </b>\"");
  }

  @Test
  void severalFormatsAreWrittenInOneCallEachWithItsOwnSelfUrl() throws IOException {
    ByteArrayOutputStream rss = new ByteArrayOutputStream();
    ByteArrayOutputStream atom = new ByteArrayOutputStream();
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    WriteResult result =
        Fixtures.writer()
            .write(
                List.of(
                    FeedOutput.of(FeedFormat.RSS, rss, "https://revue.example/feeds/all.rss"),
                    FeedOutput.of(FeedFormat.ATOM, atom, "https://revue.example/feeds/all.atom"),
                    FeedOutput.of(FeedFormat.JSON_FEED, json)),
                Fixtures.articles());
    assertThat(result.written()).isEqualTo(5);
    assertThat(rss.toString(StandardCharsets.UTF_8))
        .contains("<atom:link href=\"https://revue.example/feeds/all.rss\" rel=\"self\"");
    assertThat(atom.toString(StandardCharsets.UTF_8))
        .contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://revue.example/feeds/all.atom\"/>");
    assertThat(json.toString(StandardCharsets.UTF_8))
        .contains("\"feed_url\":\"https://revue.example/feeds/all.xml\"");
    FeedRules.assertValid(FeedFormat.RSS, rss.toByteArray());
    FeedRules.assertValid(FeedFormat.ATOM, atom.toByteArray());
    FeedRules.assertValid(FeedFormat.JSON_FEED, json.toByteArray());
  }

  @Test
  void aFormatTwiceIsRefused() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                Fixtures.writer()
                    .write(
                        List.of(FeedOutput.of(FeedFormat.RSS, out), FeedOutput.of(FeedFormat.RSS, out)),
                        Fixtures.articles()))
        .isInstanceOf(org.republisher.InvalidValueException.class)
        .hasMessage("outputs name a format twice: \"RSS\"");
  }

  @Test
  void anEmptyFeedIsValidAndDatedByTheClock() throws IOException {
    for (FeedFormat format : FeedFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Fixtures.writer().write(format, List.of(), out);
      if (format != FeedFormat.JSON_FEED) {
        FeedRules.assertValid(format, out.toByteArray()); // an empty JSON Feed is flagged: no items
      }
      assertThat(out.toString(StandardCharsets.UTF_8))
          .containsAnyOf("2026-11-29T12:00:00Z", "Sun, 29 Nov 2026 12:00:00 GMT", "\"items\"");
    }
  }

  @Test
  void theSameInputGivesTheSameBytes() throws IOException {
    for (FeedFormat format : FeedFormat.values()) {
      List<Article> shuffled = new ArrayList<>(Fixtures.articles());
      java.util.Collections.reverse(shuffled);
      assertThat(write(Fixtures.writer(), format, shuffled))
          .isEqualTo(write(Fixtures.writer(), format, Fixtures.articles()));
    }
  }

  @Test
  void futureDatesAreSetToTheClocksNow() throws IOException {
    Article future =
        article(1).toBuilder().published(Instant.parse("2030-01-01T00:00:00Z")).build();
    assertThat(write(Fixtures.writer(), FeedFormat.RSS, List.of(future)))
        .contains("<pubDate>Sun, 29 Nov 2026 12:00:00 GMT</pubDate>");
  }

  @Test
  void aDateOnlyIsPlacedAtNoonInThePublicationZone() throws IOException {
    Article dateOnly = article(1).toBuilder().published(java.time.LocalDate.of(2020, 6, 4)).build();
    assertThat(dateOnly.published()).isEqualTo(Instant.parse("2020-06-04T11:00:00Z"));
    assertThat(write(Fixtures.writer(), FeedFormat.ATOM, List.of(dateOnly)))
        .contains("<published>2020-06-04T11:00:00Z</published>");
  }

  @Test
  void aDateOnlyOfTodayNeverEndsUpInTheFuture() throws IOException {
    FeedWriter early =
        FeedWriter.builder(Fixtures.spec())
            .clock(java.time.Clock.fixed(Instant.parse("2026-11-29T06:00:00Z"), java.time.ZoneOffset.UTC))
            .build();
    Article today = article(1).toBuilder().published(java.time.LocalDate.of(2026, 11, 29)).build();
    assertThat(write(early, FeedFormat.JSON_FEED, List.of(today)))
        .contains("\"date_published\":\"2026-11-29T06:00:00Z\"");
  }

  @Test
  void theContentPolicyCutsTitlesAndSummariesOnAWord() throws IOException {
    FeedWriter writer =
        FeedWriter.builder(Fixtures.spec())
            .clock(Fixtures.CLOCK)
            .contentPolicy(new ContentPolicy(20, 30, 1 << 20))
            .build();
    Article longOne =
        article(1).toBuilder()
            .title("Un titre beaucoup trop long pour la limite")
            .summary("Un résumé qui dépasse lui aussi la limite permise")
            .build();
    String rss = write(writer, FeedFormat.RSS, List.of(longOne));
    assertThat(rss).contains("<title>Un titre beaucoup…</title>");
    assertThat(rss).contains("<description>Un résumé qui dépasse lui…</description>");
  }

  @Test
  void aHostTemplateIsCleanedLikeContent() throws IOException {
    FeedWriter writer =
        FeedWriter.builder(Fixtures.spec())
            .clock(Fixtures.CLOCK)
            .attributionTemplate(
                (article, attribution, language) ->
                    "<p onclick=\"x()\">Source : " + attribution.publication().name()
                        + "<script>steal()</script> <a href=\"/credits\">crédits</a></p>")
            .build();
    String content = write(writer, FeedFormat.JSON_FEED, List.of(article(1)));
    assertThat(content)
        .contains("Source : 2M")
        .contains("href=\\\"https://www.2m.ma/credits\\\"")
        .doesNotContain("steal")
        .doesNotContain("onclick");
  }

  @Test
  void theNoneTemplateLeavesTheCreditToTheNativeElements() throws IOException {
    FeedWriter writer =
        FeedWriter.builder(Fixtures.spec())
            .clock(Fixtures.CLOCK)
            .attributionTemplate(AttributionTemplate.NONE)
            .build();
    String rss = write(writer, FeedFormat.RSS, List.of(article(1)));
    assertThat(rss).doesNotContain("Publié dans").contains("<source url=\"https://www.2m.ma/fr/rss.xml\">2M</source>");
  }

  @Test
  void arabicWithoutALanguageIsWrappedRightToLeftByItsTitle() throws IOException {
    Article arabic =
        Article.builder()
            .title("الحكومة تصادق على مشروع قانون")
            .sourceLink("https://www.hespress.com/x.html")
            .published(Instant.parse("2026-01-01T00:00:00Z"))
            .contentHtml("<p>نص</p>")
            .build();
    assertThat(write(Fixtures.writer(), FeedFormat.JSON_FEED, List.of(arabic)))
        .contains("<div dir=\\\"rtl\\\">");
  }

  @Test
  void languageGoesToEachFormat() throws IOException {
    FeedWriter writer =
        FeedWriter.builder(Fixtures.spec().toBuilder().language("fr").build())
            .clock(Fixtures.CLOCK)
            .build();
    List<Article> one = List.of(article(1).toBuilder().language("fr-MA").build());
    assertThat(write(writer, FeedFormat.RSS, one)).contains("<language>fr</language>");
    assertThat(write(writer, FeedFormat.ATOM, one))
        .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">")
        .contains("<entry xml:lang=\"fr-MA\">");
    assertThat(write(writer, FeedFormat.JSON_FEED, one))
        .contains("\"language\":\"fr\"")
        .contains("\"language\":\"fr-MA\"");
  }

  @Test
  void thousandsOfDuplicatesAndSameDayDatesGiveDistinctIdsAndUpdatedDates() throws Exception {
    // Every fifth article repeats the id of the one four before it; 1,000 date-only articles a
    // day, each day's at noon in Casablanca (11:00Z); today's has ten minutes of room before now.
    Instant now = Instant.parse("2026-11-29T11:10:00Z");
    FeedWriter writer =
        FeedWriter.builder(Fixtures.spec().toBuilder().limit(10_000).build())
            .clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
            .build();
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      int key = i % 5 == 4 ? i - 4 : i;
      articles.add(
          article(i).toBuilder()
              .id("https://www.2m.ma/fr/news/" + key)
              .sourceLink("https://www.2m.ma/fr/news/" + key) // the same article again
              .published(java.time.LocalDate.of(2026, 11, 29).minusDays(i / 1_000))
              .build());
    }
    for (boolean streamed : new boolean[] {false, true}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      WriteResult result =
          streamed
              ? writer.write(FeedFormat.ATOM, articles.iterator(), out)
              : writer.write(FeedFormat.ATOM, articles, out);

      assertThat(result.written()).isEqualTo(4_000);
      assertThat(result.rejected()).hasSize(1_000).allSatisfy(e -> {
        assertThat(e.field()).isEqualTo("id");
        assertThat(e).hasMessageContaining("is a duplicate in this feed");
      });
      Feed atom =
          (Feed) new WireFeedInput().build(new StringReader(out.toString(StandardCharsets.UTF_8)));
      List<Instant> updated =
          atom.getEntries().stream().map(e -> e.getUpdated().toInstant()).toList();
      assertThat(updated).hasSize(4_000).doesNotHaveDuplicates().allSatisfy(u ->
          assertThat(u).isBeforeOrEqualTo(now).isAfter(Instant.parse("2026-11-25T10:00:00Z")));
      assertThat(atom.getEntries().stream().map(Entry::getId))
          .doesNotHaveDuplicates();
      // Today's 800: at 11:00:00, ten minutes later (600), then earlier (199), a second apart.
      assertThat(updated)
          .contains(Instant.parse("2026-11-29T11:00:00Z"), Instant.parse("2026-11-29T11:10:00Z"),
              Instant.parse("2026-11-29T10:56:41Z"))
          .doesNotContain(Instant.parse("2026-11-29T10:56:40Z"));
    }
  }

  @Test
  void theSpecIsKept() {
    FeedSpec spec = Fixtures.spec();
    assertThat(FeedWriter.builder(spec).build().spec()).isSameAs(spec);
  }
}
