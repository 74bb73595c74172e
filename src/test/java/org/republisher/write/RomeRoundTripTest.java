package org.republisher.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.republisher.internal.NormalizedArticle;
import org.republisher.internal.Normalizer;
import org.republisher.model.Article;
import org.republisher.normalize.AttributionTemplate;
import org.republisher.normalize.ContentPolicy;

/** Rome is the oracle: what we write must parse back with Rome to the same fields. */
class RomeRoundTripTest {
  static List<NormalizedArticle> expected;

  @BeforeAll
  static void normalize() {
    Normalizer normalizer =
        new Normalizer(Fixtures.CLOCK, ContentPolicy.DEFAULT, AttributionTemplate.LOCALIZED);
    expected =
        Fixtures.articles().stream()
            .sorted(Article.NEWEST_FIRST)
            .map(normalizer::normalize)
            .collect(Collectors.toList());
  }

  static byte[] write(FeedFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Fixtures.writer().write(format, Fixtures.articles(), out);
    return out.toByteArray();
  }

  static Object parse(byte[] feed) throws Exception {
    WireFeedInput input = new WireFeedInput();
    input.setAllowDoctypes(false);
    return input.build(
        new InputStreamReader(new ByteArrayInputStream(feed), StandardCharsets.UTF_8));
  }

  @Test
  void rssParsesBackToTheSameFields() throws Exception {
    Channel channel = (Channel) parse(write(FeedFormat.RSS));
    assertThat(channel.getFeedType()).isEqualTo("rss_2.0");
    assertThat(channel.getTitle()).isEqualTo("Revue de presse");
    assertThat(channel.getLink()).isEqualTo("https://revue.example/");
    assertThat(channel.getDescription()).isEqualTo("La presse marocaine en quatre langues");
    assertThat(channel.getLastBuildDate()).isEqualTo(Date.from(expected.get(0).updated()));
    assertThat(channel.getItems()).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      NormalizedArticle want = expected.get(i);
      Item item = channel.getItems().get(i);
      assertThat(item.getTitle()).isEqualTo(want.title());
      assertThat(item.getLink()).isEqualTo(want.link());
      assertThat(item.getGuid().getValue()).isEqualTo(want.id());
      assertThat(item.getGuid().isPermaLink()).isEqualTo(want.id().equals(want.link()));
      assertThat(item.getPubDate()).isEqualTo(Date.from(want.published()));
      assertThat(item.getDescription().getValue())
          .isEqualTo(org.republisher.internal.Html.escape(want.summary()));
      assertThat(item.getContent().getValue()).isEqualTo(want.contentHtml());
      assertThat(item.getCategories()).extracting(c -> c.getValue()).isEqualTo(want.categories());
      DCModule dc = (DCModule) item.getModule(DCModule.URI);
      assertThat(dc == null ? List.of() : dc.getCreators())
          .isEqualTo(want.authors().stream().map(NormalizedArticle.Person::name).toList());
      assertThat(dc == null ? List.of() : dc.getDates()).as("no dc:date beside pubDate").isEmpty();
      assertThat(item.getAuthor()).as("no author beside dc:creator").isNull();
      assertThat(item.getSource().getValue()).isEqualTo(want.publication().name());
      assertThat(item.getSource().getUrl()).isEqualTo(want.publication().id());
      if (want.image() != null && want.image().length() > 0) {
        assertThat(item.getEnclosures())
            .extracting(e -> e.getUrl(), e -> e.getType(), e -> e.getLength())
            .containsExactly(tuple(want.image().url(), want.image().type(), want.image().length()));
      }
    }
  }

  @Test
  void rssCreditsThePublicationAndLinksTheOriginalInTheContent() throws Exception {
    Channel channel = (Channel) parse(write(FeedFormat.RSS));
    Map<String, String> contentByTitle =
        channel.getItems().stream()
            .collect(Collectors.toMap(Item::getTitle, i -> i.getContent().getValue()));
    assertThat(contentByTitle.get(expected.get(expected.size() - 2).title()))
        .contains("<p>Publié dans 2M le 04 - 06 - 2020</p>")
        .contains(
            "<a href=\"https://www.2m.ma/fr/news/article-12345\">Cliquez ici pour lire"
                + " l'article depuis sa source</a>");
    assertThat(contentByTitle.values())
        .anySatisfy(c -> assertThat(c).startsWith("<div dir=\"rtl\" lang=\"ar\">")
            .contains("نشر في هسبريس يوم 04 - 06 - 2020"))
        .anySatisfy(c -> assertThat(c).contains("Publicado en Atalayar el 20 - 03 - 2026"))
        .anySatisfy(c -> assertThat(c).contains("Published in Morocco World News on 19 - 03 - 2026"));
  }

  @Test
  void atomParsesBackToTheSameFields() throws Exception {
    Feed feed = (Feed) parse(write(FeedFormat.ATOM));
    assertThat(feed.getEntries().stream().map(Entry::getUpdated).distinct())
        .hasSameSizeAs(expected);
    assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
    assertThat(feed.getId()).isEqualTo("https://revue.example/feeds/all.xml");
    assertThat(feed.getTitle()).isEqualTo("Revue de presse");
    assertThat(feed.getUpdated()).isEqualTo(Date.from(expected.get(0).updated()));
    assertThat(feed.getOtherLinks())
        .extracting(Link::getRel, Link::getHref)
        .contains(tuple("self", "https://revue.example/feeds/all.xml"));
    assertThat(feed.getAuthors()).extracting(SyndPerson::getName).containsExactly("Revue de presse");
    assertThat(feed.getEntries()).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      NormalizedArticle want = expected.get(i);
      Entry entry = feed.getEntries().get(i);
      assertThat(entry.getId()).isEqualTo(want.atomId());
      assertThat(entry.getTitle()).isEqualTo(want.title());
      assertThat(entry.getTitleEx().getType()).isEqualTo("text");
      assertThat(entry.getPublished()).isEqualTo(Date.from(want.published()));
      // updated dates are made distinct within a feed: a taken one moves a second later
      assertThat(entry.getUpdated()).isBetween(
          Date.from(want.updated()), Date.from(want.updated().plusSeconds(expected.size())));
      assertThat(entry.getAlternateLinks()).extracting(Link::getHref).containsExactly(want.link());
      assertThat(entry.getOtherLinks())
          .filteredOn(l -> "via".equals(l.getRel()))
          .extracting(Link::getHref)
          .containsExactly(want.sourceLink());
      assertThat(entry.getSummary() == null ? null : entry.getSummary().getValue())
          .isEqualTo(want.summary());
      assertThat(entry.getContents()).hasSize(1);
      assertThat(entry.getContents().get(0).getType()).isEqualTo("html");
      assertThat(entry.getContents().get(0).getValue()).isEqualTo(want.contentHtml());
      assertThat(entry.getCategories()).extracting(c -> c.getTerm()).isEqualTo(want.categories());
      List<String> authors =
          want.authors().isEmpty()
              ? List.of(want.publication().name())
              : want.authors().stream().map(NormalizedArticle.Person::name).toList();
      assertThat(entry.getAuthors()).extracting(SyndPerson::getName).isEqualTo(authors);
      Feed source = entry.getSource();
      assertThat(source.getTitle()).isEqualTo(want.publication().name());
      assertThat(source.getId()).isEqualTo(want.publication().id());
      assertThat(source.getUpdated()).isEqualTo(entry.getUpdated());
      assertThat(source.getAlternateLinks())
          .extracting(Link::getHref)
          .containsExactly(want.publication().url());
      if (want.image() != null) {
        assertThat(entry.getOtherLinks())
            .filteredOn(l -> "enclosure".equals(l.getRel()))
            .extracting(Link::getHref, Link::getType)
            .containsExactly(tuple(want.image().url(), want.image().type()));
      }
    }
  }
}
