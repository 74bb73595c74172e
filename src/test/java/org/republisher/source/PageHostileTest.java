package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.republisher.source.PageFixtures.PUBLIC;
import static org.republisher.source.PageFixtures.source;
import static org.republisher.source.PageFixtures.uri;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.model.Article;
import org.republisher.source.PageFailureException.Kind;
import org.republisher.write.FeedFormat;

/**
 * Pages written to harm: scripts, event handlers, {@code javascript:} links, huge and deep pages.
 * Too large a page is a typed failure and is never parsed, not even in part: a cut page could give
 * a wrong article.
 */
@Timeout(30)
class PageHostileTest {

  @Test
  void scriptsHandlersAndJavascriptLinksNeverSurvive() throws IOException {
    Article a = source("hostile.html").build().fetch().get(0);
    assertThat(a.title()).isEqualTo("Titre piégé");
    assertThat(a.publication().name()).isEqualTo("2M"); // not the ticker's "Faux Journal"
    assertThat(a.publication().url()).isNull(); // its name links to javascript:, not a home page
    assertThat(a.link()).hasToString(PUBLIC + "hostile.html");
    // the only "source link" is javascript: it is no link at all
    assertThat(a.sourceLink()).isNull();
    assertThat(a.contentHtml())
        .contains("Premier paragraphe", "Deuxième paragraphe")
        .doesNotContainIgnoringCase("script")
        .doesNotContainIgnoringCase("javascript")
        .doesNotContain("alert", "onclick", "onerror", "iframe", "object", "form", "style=")
        .doesNotContain("file:", "evil.example");
    // the base element is ignored: the image resolves against the public URL, not file:///etc/
    assertThat(a.contentHtml()).contains("<img src=\"" + PUBLIC + "photo.jpg\">");

    for (FeedFormat format : FeedFormat.values()) {
      byte[] feed = PageFixtures.feed(format, List.of(a));
      PageFixtures.assertValid(format, List.of(a), feed);
      assertThat(PageFixtures.text(feed))
          .doesNotContainIgnoringCase("javascript:")
          .doesNotContain("alert(");
    }
  }

  @Test
  void aJavascriptSourceLinkAndNoPublicUrlIsNoLinkAtAll() {
    PageSource source = PageSource.builder(uri("hostile.html")).id("piege").build();
    assertThatThrownBy(source::fetch)
        .isInstanceOfSatisfying(
            PageFailureException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.NO_LINK);
              assertThat(e.uri()).isEqualTo(uri("hostile.html"));
            })
        .hasMessageContaining("hostile.html")
        .hasMessageContaining("no link");
  }

  @Test
  void aJavascriptSourceLinkIsPassedOverForARealOne(@TempDir Path dir) throws IOException {
    Path page = dir.resolve("two-links.html");
    Files.writeString(
        page,
        "<html lang='fr'><body><h1>Deux liens</h1>"
            + "<div class='attribution'>Publié dans 2M le 04 - 06 - 2020</div>"
            + "<p>Corps de l'article.</p>"
            + "<p><a href='javascript:void(0)'>Cliquez ici pour lire l'article depuis sa source</a>"
            + "</p><p><a href='https://www.2m.ma/fr/news/1/'>Cliquez ici pour lire l'article depuis"
            + " sa source</a></p></body></html>",
        StandardCharsets.UTF_8);
    Article a = PageSource.builder(page.toUri()).build().fetch().get(0);
    assertThat(a.sourceLink()).hasToString("https://www.2m.ma/fr/news/1/");
    assertThat(a.contentHtml()).isEqualTo("<p>Corps de l'article.</p>");
  }

  @Test
  void aFiveMegabytePageIsATypedFailureAndIsNotParsed(@TempDir Path dir) throws IOException {
    Path page = dir.resolve("huge.html");
    writeHugeArticle(page, 5 * 1024 * 1024);
    assertThat(Files.size(page)).isGreaterThan(PageSource.DEFAULT_MAX_PAGE_BYTES);
    PageSource source = PageSource.builder(page.toUri()).publicUrl(URI.create(PUBLIC)).build();
    assertThatThrownBy(source::fetch)
        .isInstanceOfSatisfying(
            PageFailureException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
              assertThat(e.uri()).isEqualTo(page.toUri());
              assertThat(e.reason()).contains(String.valueOf(PageSource.DEFAULT_MAX_PAGE_BYTES));
            })
        .hasMessageContaining("huge.html");

    // the same page is an article once the cap allows it: the failure was the size
    Article a =
        PageSource.builder(page.toUri())
            .publicUrl(URI.create(PUBLIC))
            .maxPageBytes(6 * 1024 * 1024)
            .build()
            .fetch()
            .get(0);
    assertThat(a.title()).isEqualTo("Une très longue page");
  }

  @Test
  void theCapIsExact(@TempDir Path dir) throws IOException {
    byte[] page = Files.readAllBytes(PageFixtures.path("2m-fr.html"));
    Path file = dir.resolve("2m-fr.html");
    Files.write(file, page);
    PageSource.Builder exact =
        PageSource.builder(file.toUri()).publicUrl(URI.create(PUBLIC)).maxPageBytes(page.length);
    assertThat(exact.build().fetch()).hasSize(1);
    PageSource oneLess =
        PageSource.builder(file.toUri())
            .publicUrl(URI.create(PUBLIC))
            .maxPageBytes(page.length - 1)
            .build();
    assertThatThrownBy(oneLess::fetch)
        .isInstanceOfSatisfying(
            PageFailureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
  }

  @Test
  void aHugePageInACrawlIsSkipped(@TempDir Path dir) throws IOException {
    PageCrawlTest.copy(dir, "mwn-en.html");
    writeHugeArticle(dir.resolve("huge.html"), 5 * 1024 * 1024);
    Path listing = dir.resolve("index.html");
    Files.writeString(
        listing,
        "<html><body><ul class='article-list'><li><a href='huge.html'>énorme</a></li>"
            + "<li><a href='mwn-en.html'>weather</a></li></ul></body></html>",
        StandardCharsets.UTF_8);
    List<PageFailureException> problems = new java.util.ArrayList<>();
    List<Article> articles =
        PageSource.builder(listing.toUri())
            .publicUrl(URI.create(PUBLIC))
            .problems(problems::add)
            .build()
            .fetch();
    assertThat(articles)
        .extracting(Article::title)
        .singleElement()
        .asString()
        .startsWith("Weather");
    assertThat(problems).extracting(PageFailureException::kind).containsExactly(Kind.TOO_LARGE);
  }

  @Test
  @Timeout(10)
  void aDeeplyNestedPageIsReadInBoundedTime(@TempDir Path dir) throws IOException {
    Path page = dir.resolve("deep.html");
    StringBuilder html = new StringBuilder("<html lang='en'><body><h1>Deep</h1>");
    html.append("<p>Published in Deep News on 04 - 06 - 2020</p>");
    html.append("<div>".repeat(100_000)).append("<p>bottom</p>");
    html.append(
        "<a href='https://deep.example/1'>Click here to read the article at its source</a>");
    html.append("</body></html>");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    Article a = PageSource.builder(page.toUri()).build().fetch().get(0);
    assertThat(a.publication().name()).isEqualTo("Deep News");
    assertThat(a.sourceLink()).hasToString("https://deep.example/1");
  }

  @Test
  void aDirectoryOrADeviceIsNotAPage(@TempDir Path dir) {
    PageSource directory = PageSource.builder(dir.toUri()).build();
    assertThatThrownBy(directory::fetch)
        .isInstanceOfSatisfying(
            PageFailureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREADABLE));
    Path zero = Path.of("/dev/zero");
    if (Files.exists(zero)) {
      PageSource endless = PageSource.builder(zero.toUri()).build();
      assertThatThrownBy(endless::fetch)
          .isInstanceOfSatisfying(
              PageFailureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREADABLE));
    }
  }

  /** Writes an article page whose body makes it at least {@code size} bytes long. */
  static void writeHugeArticle(Path page, int size) throws IOException {
    try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
      out.write("<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'></head><body>");
      out.write("<h1>Une très longue page</h1>");
      out.write("<div class='attribution'>Publié dans 2M le 04 - 06 - 2020</div>");
      out.write("<div class='article-body'>");
      String paragraph =
          "<p>Un paragraphe qui se répète pour faire une page de plusieurs mégaoctets, comme le"
              + " ferait un site qui enverrait une page sans fin.</p>\n";
      for (long written = 0; written < size; written += paragraph.length()) {
        out.write(paragraph);
      }
      out.write("</div></body></html>");
    }
  }
}
