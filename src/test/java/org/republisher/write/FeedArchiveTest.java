package org.republisher.write;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.republisher.InvalidValueException;
import org.republisher.internal.History;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.model.Publication;
import org.republisher.model.Selection;
import org.republisher.store.ArticleStore;
import org.republisher.testing.FeedRules;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** RFC 5005 archives written from the history. */
class FeedArchiveTest {
  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  static final String ATOM = "http://www.w3.org/2005/Atom";
  static final FeedSpec SPEC =
      FeedSpec.builder("Revue de presse", "https://revue.example/feeds/all.atom.xml")
          .limit(100)
          .build();

  static Article article(int n, String publication) {
    return Article.builder()
        .title("Article " + n)
        .sourceLink("https://www.2m.ma/fr/news/article-" + n)
        .publication(Publication.builder(publication).url("https://www.2m.ma/fr").build())
        .published(Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(n)))
        .contentHtml("<p>Corps " + n + "</p>")
        .build();
  }

  /** Records articles from..to-1, one fetch, first seen at {@code at}. */
  static void record(ArticleStore store, int from, int to, Instant at) {
    List<Article> articles = IntStream.range(from, to).mapToObj(n -> article(n, "2M")).toList();
    ((History) store).record("2m", articles, at);
  }

  static Map<URI, FeedFile> byUrl(List<FeedFile> files) {
    Map<URI, FeedFile> map = new LinkedHashMap<>();
    files.forEach(f -> map.put(f.url(), f));
    return map;
  }

  @Test
  void namesEveryFileAfterTheSelfUrl() {
    FeedArchive archive = FeedArchive.builder(SPEC).pageSize(50).build();
    assertThat(archive.url(0, FeedFormat.RSS))
        .hasToString("https://revue.example/feeds/all.rss.xml");
    assertThat(archive.url(3, FeedFormat.JSON_FEED))
        .hasToString("https://revue.example/feeds/archive/all-3.feed.json");
    FeedArchive plain = FeedArchive.builder(
        SPEC.toBuilder().build().toBuilder().build()).build();
    assertThat(plain.url(0, FeedFormat.ATOM)).hasToString("https://revue.example/feeds/all.atom.xml");
    assertThatThrownBy(() -> FeedArchive.builder(
            FeedSpec.builder("t", "https://revue.example/feeds/").build()).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("does not name a feed file");
  }

  @Test
  void aFeedBelowOnePageOfArchiveIsOneDocument() {
    try (ArticleStore store = ArticleStore.inMemory()) {
      record(store, 0, 120, NOW);
      List<FeedFile> files = FeedArchive.builder(SPEC).pageSize(50).build().render(store, NOW);
      assertThat(files).extracting(f -> f.url().toString()).containsExactly(
          "https://revue.example/feeds/all.rss.xml",
          "https://revue.example/feeds/all.atom.xml",
          "https://revue.example/feeds/all.feed.json");
      assertThat(entryIds(files.get(1))).hasSize(120);
      assertThat(links(files.get(1))).doesNotContainKey("prev-archive");
    }
  }

  @Test
  void walkingBackFromTheCurrentFeedSeesEveryArticleOnce() throws Exception {
    try (ArticleStore store = ArticleStore.inMemory()) {
      record(store, 0, 237, NOW);
      List<FeedFile> files = FeedArchive.builder(SPEC).pageSize(50).build().render(store, NOW);
      Map<URI, FeedFile> served = byUrl(files);
      // 137 archived: pages 1 and 2 full, page 3 open with 37
      assertThat(served).hasSize(3 * 4);
      for (FeedFile file : files) {
        FeedRules.assertValid(file.format(), file.bytes());
        if (file.format() != FeedFormat.JSON_FEED) {
          SyndFeed feed = new SyndFeedInput().build(
              new InputStreamReader(new ByteArrayInputStream(file.bytes()), UTF_8));
          assertThat(feed.getEntries()).hasSize(entryIds(file).size());
        }
      }

      List<String> seen = new ArrayList<>();
      URI next = URI.create("https://revue.example/feeds/all.atom.xml");
      int documents = 0;
      while (next != null) {
        FeedFile file = served.get(next);
        assertThat(file).as("served: " + next).isNotNull();
        Map<String, String> links = links(file);
        if (documents > 0) {
          assertThat(links).containsEntry("current", "https://revue.example/feeds/all.atom.xml");
          assertThat(text(file)).contains("<fh:archive/>");
        } else {
          assertThat(text(file)).doesNotContain("fh:archive");
        }
        seen.addAll(entryIds(file));
        next = links.containsKey("prev-archive") ? URI.create(links.get("prev-archive")) : null;
        documents++;
      }
      assertThat(documents).isEqualTo(4);
      assertThat(seen).hasSize(237).doesNotHaveDuplicates();

      // the same walk in RSS and in JSON Feed
      assertThat(walkRss(served)).hasSize(237).doesNotHaveDuplicates();
      assertThat(walkJson(served)).hasSize(237).doesNotHaveDuplicates();

      // the oldest page links forward; the open page does not
      Map<String, String> first = links(served.get(
          URI.create("https://revue.example/feeds/archive/all-1.atom.xml")));
      assertThat(first).doesNotContainKey("prev-archive")
          .containsEntry("next-archive", "https://revue.example/feeds/archive/all-2.atom.xml");
      assertThat(links(served.get(
              URI.create("https://revue.example/feeds/archive/all-3.atom.xml"))))
          .doesNotContainKey("next-archive");
    }
  }

  @Test
  void aPageIsFinalOnceANewerPageExists() {
    try (ArticleStore store = ArticleStore.inMemory()) {
      FeedArchive archive = FeedArchive.builder(SPEC).pageSize(50).build();
      URI page1 = archive.url(1, FeedFormat.ATOM);
      URI page2 = archive.url(2, FeedFormat.ATOM);
      URI page3 = archive.url(3, FeedFormat.ATOM);

      record(store, 0, 150, NOW); // 50 archived: one page would stand alone, so none yet
      assertThat(byUrl(archive.render(store, NOW))).hasSize(3);

      record(store, 150, 180, NOW.plusSeconds(600)); // 80 archived: page 1 full, page 2 with 30
      Map<URI, FeedFile> before = byUrl(archive.render(store, NOW.plusSeconds(600)));
      assertThat(entryIds(before.get(page1))).hasSize(50);
      assertThat(entryIds(before.get(page2))).hasSize(30);

      record(store, 180, 200, NOW.plusSeconds(3600)); // 100 archived: page 2 full, and newest
      Map<URI, FeedFile> filled = byUrl(archive.render(store, NOW.plusSeconds(3600)));
      assertThat(filled).doesNotContainKey(page3); // never an empty document
      assertThat(filled.get(page1)).isEqualTo(before.get(page1));
      assertThat(entryIds(filled.get(page2))).hasSize(50);
      assertThat(links(filled.get(page2))).containsEntry("prev-archive", page1.toString())
          .doesNotContainKey("next-archive");

      record(store, 200, 201, NOW.plusSeconds(7200)); // page 3 opens: page 2 links to it, final
      Map<URI, FeedFile> opened = byUrl(archive.render(store, NOW.plusSeconds(7200)));
      assertThat(entryIds(opened.get(page3))).hasSize(1);
      assertThat(links(opened.get(page2))).containsEntry("next-archive", page3.toString());
      assertThat(entryIds(opened.get(page2))).isEqualTo(entryIds(filled.get(page2)));

      record(store, 201, 240, NOW.plusSeconds(9000));
      Map<URI, FeedFile> later = byUrl(archive.render(store, NOW.plusSeconds(9000)));
      for (FeedFormat format : FeedFormat.values()) {
        URI one = archive.url(1, format);
        URI two = archive.url(2, format);
        assertThat(later.get(one)).as(one.toString()).isEqualTo(before.get(one));
        assertThat(later.get(two)).as(two.toString()).isEqualTo(opened.get(two));
      }
      assertThat(entryIds(later.get(page3))).hasSize(40);
      later.values().forEach(f -> FeedRules.assertValid(f.format(), f.bytes()));
    }
  }

  @Test
  void retentionRetiresTheOldestFullPages() {
    try (ArticleStore store = ArticleStore.inMemory()) {
      record(store, 0, 300, NOW);
      FeedArchive archive = FeedArchive.builder(SPEC).pageSize(50)
          .retention(new Retention(Duration.ofDays(365), 120)).build();
      Map<URI, FeedFile> served = byUrl(archive.render(store, NOW));
      // 200 archived: pages 1-4 full; the newest 120 articles start in page 3, and pages 1 and 2
      // are retired (the newest two pages never are, so that the newest links to an older one)
      assertThat(served.keySet()).extracting(URI::toString).filteredOn(u -> u.contains("atom"))
          .containsExactly(
              "https://revue.example/feeds/all.atom.xml",
              "https://revue.example/feeds/archive/all-4.atom.xml",
              "https://revue.example/feeds/archive/all-3.atom.xml");
      assertThat(links(served.get(archive.url(3, FeedFormat.ATOM))))
          .doesNotContainKey("prev-archive")
          .containsEntry("next-archive", "https://revue.example/feeds/archive/all-4.atom.xml");

      // by age: everything first seen two years ago, but the current document and two pages
      FeedArchive young = FeedArchive.builder(SPEC).pageSize(50)
          .retention(new Retention(Duration.ofDays(30), 10_000)).build();
      Instant later = NOW.plus(Duration.ofDays(730));
      assertThat(byUrl(young.render(store, later)).keySet()).extracting(URI::toString)
          .filteredOn(u -> u.contains("atom"))
          .containsExactly(
              "https://revue.example/feeds/all.atom.xml",
              "https://revue.example/feeds/archive/all-4.atom.xml",
              "https://revue.example/feeds/archive/all-3.atom.xml");
    }
  }

  @Test
  void aFeedThatSelectsNothingYetKeepsItsBytesFromOneRunToTheNext() {
    try (ArticleStore store = ArticleStore.inMemory()) {
      record(store, 0, 5, NOW);
      FeedArchive empty = FeedArchive.builder(SPEC)
          .selection(Selection.publication("Le360")).build();
      List<FeedFile> first = empty.render(store, NOW);
      List<FeedFile> later = empty.render(store, NOW.plus(Duration.ofDays(1)));
      assertThat(later).isEqualTo(first);
      assertThat(entryIds(first.get(1))).isEmpty();
    }
  }

  @Test
  void aSelectionTakesItsArticlesOnly() {
    try (ArticleStore store = ArticleStore.inMemory()) {
      List<Article> mixed = new ArrayList<>();
      for (int n = 0; n < 40; n++) {
        mixed.add(article(n, n % 2 == 0 ? "2M" : "Hespress"));
      }
      ((History) store).record("mixed", mixed, NOW);
      FeedSpec spec = FeedSpec.builder("Hespress", "https://revue.example/feeds/hespress").build();
      List<FeedFile> files = FeedArchive.builder(spec)
          .selection(Selection.publication("hespress"))
          .formats(Set.of(FeedFormat.ATOM))
          .build()
          .render(store, NOW);
      assertThat(files).singleElement().satisfies(f -> {
        assertThat(f.url()).hasToString("https://revue.example/feeds/hespress.atom.xml");
        assertThat(entryIds(f)).hasSize(20);
      });
    }
  }

  // --- reading what was written ---

  static String text(FeedFile file) {
    return new String(file.bytes(), UTF_8);
  }

  static Document dom(FeedFile file) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(file.bytes()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The feed-level links of an Atom or RSS document, by rel. */
  static Map<String, String> links(FeedFile file) {
    Document doc = dom(file);
    Map<String, String> links = new LinkedHashMap<>();
    NodeList list = doc.getElementsByTagNameNS(ATOM, "link");
    for (int i = 0; i < list.getLength(); i++) {
      Element link = (Element) list.item(i);
      String parent = link.getParentNode().getLocalName();
      if (parent.equals("feed") || parent.equals("channel")) {
        links.put(link.getAttribute("rel"), link.getAttribute("href"));
      }
    }
    return links;
  }

  static List<String> entryIds(FeedFile file) {
    if (file.format() == FeedFormat.JSON_FEED) {
      return json(file).ids;
    }
    Document doc = dom(file);
    List<String> ids = new ArrayList<>();
    NodeList entries = file.format() == FeedFormat.ATOM
        ? doc.getElementsByTagNameNS(ATOM, "entry") : doc.getElementsByTagName("item");
    for (int i = 0; i < entries.getLength(); i++) {
      Element entry = (Element) entries.item(i);
      String tag = file.format() == FeedFormat.ATOM ? "id" : "guid";
      NodeList id = file.format() == FeedFormat.ATOM
          ? entry.getElementsByTagNameNS(ATOM, tag) : entry.getElementsByTagName(tag);
      ids.add(id.item(0).getTextContent());
    }
    return ids;
  }

  static List<String> walkRss(Map<URI, FeedFile> served) {
    List<String> seen = new ArrayList<>();
    URI next = URI.create("https://revue.example/feeds/all.rss.xml");
    while (next != null) {
      FeedFile file = served.get(next);
      seen.addAll(entryIds(file));
      String prev = links(file).get("prev-archive");
      next = prev == null ? null : URI.create(prev);
    }
    return seen;
  }

  record Json(List<String> ids, String nextUrl) {}

  static Json json(FeedFile file) {
    try (JsonParser p = new JsonFactory().createParser(file.bytes())) {
      List<String> ids = new ArrayList<>();
      String nextUrl = null;
      int depth = 0;
      boolean inItems = false;
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          depth++;
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          depth--;
          if (depth == 1) {
            inItems = false;
          }
        } else if (token == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          if (depth == 1 && name.equals("next_url")) {
            nextUrl = p.nextTextValue();
          } else if (depth == 1 && name.equals("items")) {
            inItems = true;
          } else if (inItems && depth == 3 && name.equals("id")) {
            ids.add(p.nextTextValue());
          }
        }
      }
      return new Json(ids, nextUrl);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static List<String> walkJson(Map<URI, FeedFile> served) {
    List<String> seen = new ArrayList<>();
    Set<URI> visited = new HashSet<>();
    URI next = URI.create("https://revue.example/feeds/all.feed.json");
    while (next != null && visited.add(next)) {
      Json page = json(served.get(next));
      seen.addAll(page.ids);
      next = page.nextUrl == null ? null : URI.create(page.nextUrl);
    }
    return seen;
  }
}
