package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.republisher.source.PageFixtures.PUBLIC;
import static org.republisher.source.PageFixtures.source;
import static org.republisher.source.PageFixtures.uri;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.model.Article;
import org.republisher.source.PageFailureException.Kind;

/** A listing page and the article pages it links to. */
class PageCrawlTest {

  @Test
  void theListingGivesItsFourArticlesInOrder() {
    List<PageFailureException> problems = new ArrayList<>();
    List<Article> articles = source("index.html").problems(problems::add).build().fetch();
    assertThat(articles)
        .extracting(a -> a.link().toString())
        .containsExactly(
            PUBLIC + "2m-fr.html",
            PUBLIC + "atalayar-es.html",
            PUBLIC + "hespress-ar.html",
            PUBLIC + "mwn-en.html");
    assertThat(articles)
        .extracting(a -> a.publication().name())
        .containsExactly("2M", "Atalayar", "هسبريس", "Morocco World News");
    assertThat(articles).extracting(Article::language).containsExactly("fr", "es", "ar", "en");
    // the off-host link, the ticker's and the menu's links were not followed: had they been, the
    // off-host page could not be read offline and ticker-only.html has no article; either would
    // be a problem
    assertThat(problems).isEmpty();
  }

  @Test
  void offHostLinksAreFollowedOnlyWhenAsked(@TempDir Path dir) throws IOException {
    // a listing whose off-host link is unreachable (a closed loopback port): not followed by
    // default; when same-host-only is off, refused (loopback is not public), and with loopback
    // allowed, followed and reported as unreadable
    Path listing = dir.resolve("index.html");
    Files.writeString(
        listing,
        "<html><body><ul class='article-list'>"
            + "<li><a href='http://127.0.0.1:1/article.html'>ailleurs</a></li>"
            + "</ul></body></html>",
        StandardCharsets.UTF_8);
    List<PageFailureException> problems = new ArrayList<>();
    List<Article> none =
        PageSource.builder(listing.toUri()).problems(problems::add).build().fetch();
    assertThat(none).isEmpty();
    assertThat(problems).isEmpty();

    List<Article> refused =
        PageSource.builder(listing.toUri())
            .sameHostOnly(false)
            .problems(problems::add)
            .build()
            .fetch();
    assertThat(refused).isEmpty();
    assertThat(problems)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.REFUSED);
              assertThat(e.getCause()).isInstanceOf(DestinationRefusedException.class);
            });
    problems.clear();

    List<Article> still =
        PageSource.builder(listing.toUri())
            .sameHostOnly(false)
            .allowPrivate(List.of("127.0.0.0/8"))
            .connectTimeout(java.time.Duration.ofSeconds(2))
            .problems(problems::add)
            .build()
            .fetch();
    assertThat(still).isEmpty();
    assertThat(problems)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.UNREADABLE);
              assertThat(e.uri()).hasToString("http://127.0.0.1:1/article.html");
            });
  }

  @Test
  void maxPagesBoundsThePagesReadTheListingIncluded() {
    List<Article> articles = source("index.html").maxPages(3).build().fetch();
    assertThat(articles)
        .extracting(a -> a.link().toString())
        .containsExactly(PUBLIC + "2m-fr.html", PUBLIC + "atalayar-es.html");
    assertThat(source("index.html").maxPages(1).build().fetch()).isEmpty();
  }

  @Test
  void depthZeroReadsTheListingOnly() {
    List<PageFailureException> problems = new ArrayList<>();
    assertThat(source("index.html").maxDepth(0).problems(problems::add).build().fetch()).isEmpty();
    assertThat(problems).isEmpty();
  }

  @Test
  void aBrokenPageAmongGoodOnesIsSkippedAndReported() {
    List<PageFailureException> problems = new ArrayList<>();
    List<Article> articles = source("listing-broken.html").problems(problems::add).build().fetch();
    assertThat(articles)
        .extracting(a -> a.link().toString())
        .containsExactly(PUBLIC + "2m-fr.html", PUBLIC + "mwn-en.html");
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).kind()).isEqualTo(Kind.ATTRIBUTION_NOT_FOUND);
    assertThat(problems.get(0).uri()).isEqualTo(uri("ticker-only.html"));
    assertThat(problems.get(0)).hasMessageContaining("ticker-only.html");
    assertThat(problems.get(1).kind()).isEqualTo(Kind.UNREADABLE);
    assertThat(problems.get(1).uri().toString()).endsWith("/pages/gone.html");
    assertThat(problems.get(1))
        .hasMessageContaining("gone.html")
        .hasMessageContaining("no such file");
  }

  @Test
  void eachPageIsReadOnceHoweverManyLinksLeadToIt(@TempDir Path dir) throws IOException {
    copy(dir, "2m-fr.html");
    Path listing = dir.resolve("index.html");
    Files.writeString(
        listing,
        "<html><body><ul class='article-list'>"
            + "<li><a href='2m-fr.html'>un</a> <a href='./2m-fr.html#suite'>suite</a></li>"
            + "<li><a href='sub/../2m-fr.html'>encore</a></li>"
            + "<li><a href='"
            + dir.resolve("2m-fr.html").toUri()
            + "'>absolu</a></li>"
            + "</ul></body></html>",
        StandardCharsets.UTF_8);
    List<Article> articles =
        PageSource.builder(listing.toUri()).publicUrl(URI.create(PUBLIC)).build().fetch();
    assertThat(articles).hasSize(1);
  }

  @Test
  void aFileCrawlNeverLeavesTheListingsDirectory(@TempDir Path dir) throws IOException {
    copy(dir, "2m-fr.html");
    Path sub = Files.createDirectories(dir.resolve("sub"));
    copy(sub, "mwn-en.html");
    Path listing = sub.resolve("index.html");
    Files.writeString(
        listing,
        "<html><body><ul class='article-list'>"
            + "<li><a href='../2m-fr.html'>parent</a></li>"
            + "<li><a href='"
            + dir.resolve("2m-fr.html").toUri()
            + "'>absolute parent</a></li>"
            + "<li><a href='file:///etc/passwd'>passwd</a></li>"
            + "<li><a href='mwn-en.html'>beside</a></li>"
            + "</ul></body></html>",
        StandardCharsets.UTF_8);
    List<PageFailureException> problems = new ArrayList<>();
    List<Article> articles =
        PageSource.builder(listing.toUri())
            .publicUrl(URI.create("https://revue.example/sub/"))
            .sameHostOnly(false)
            .problems(problems::add)
            .build()
            .fetch();
    assertThat(articles)
        .extracting(a -> a.link().toString())
        .containsExactly("https://revue.example/sub/mwn-en.html");
    assertThat(problems).isEmpty();
  }

  @Test
  void theListingPageItselfFailingIsThrown() {
    PageSource gone = PageSource.builder(uri("index.html").resolve("gone.html")).build();
    assertThatThrownBy(gone::fetch)
        .isInstanceOfSatisfying(
            PageFailureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREADABLE))
        .hasMessageContaining("gone.html");
  }

  @Test
  void anInterruptedFetchStops() {
    PageSource source = source("index.html").build();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(source::fetch)
          .isInstanceOf(SourceException.class)
          .isNotInstanceOf(PageFailureException.class)
          .hasMessageContaining("interrupted");
    } finally {
      Thread.interrupted();
    }
  }

  static void copy(Path dir, String name) throws IOException {
    Files.copy(PageFixtures.path(name), dir.resolve(name));
  }
}
