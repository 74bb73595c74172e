package org.republisher.write;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.republisher.model.Article;
import org.republisher.model.Publication;

/** Articles carrying the hostile inputs every writer must survive. */
final class HostileArticles {
  private HostileArticles() {}

  static final Publication EVIL = Publication.builder("Evil\u0001 <b>Press</b>").url("https://evil.example/").build();

  /** The content fragments of {@link #all()}, for the cleaner's own tests. */
  static Stream<String> contents() {
    return all().stream().map(Article::contentHtml).filter(Objects::nonNull);
  }

  static List<Article> all() {
    Instant when = Instant.parse("2026-01-10T10:00:00Z");
    return List.of(
        Article.builder()
            .id("forbidden-chars")
            .title("Control\u0001 chars\u0008 and lone \uD800 surrogate \uFFFE ]]> end")
            .sourceLink("https://evil.example/a")
            .publication(EVIL)
            .published(when)
            .summary("Summary with \u0000 nul and \u009F C1")
            .contentHtml("<p>CDATA end ]]> and \u0007 bell &#1; entity</p>")
            .build(),
        Article.builder()
            .id("scripts")
            .title("<script>alert('title')</script>Scripts everywhere")
            .sourceLink("https://evil.example/b")
            .publication(EVIL)
            .published(when.minusSeconds(60))
            .contentHtml(
                "<p onmouseover=\"x()\">Hi<script>steal()</script></p><style>p{}</style>"
                    + "<iframe src=\"https://evil.example/\"></iframe><object data=\"x\"></object>"
                    + "<embed src=\"y\"><form action=\"/post\"><input name=q></form>"
                    + "<a href=\"javascript:alert(1)\">js</a><a href=\"vbscript:msgbox\">vb</a>"
                    + "<a href=\"JaVaScRiPt:alert(2)\">mixed</a><img src=\"javascript:x\">"
                    + "<img src=\"/ok.png\" onerror=\"y()\"><a href=\"rel/page\">relative</a>")
            .build(),
        Article.builder()
            .id("future")
            .title("Dated in the future")
            .sourceLink("https://evil.example/c")
            .publication(EVIL)
            .published(Instant.parse("2099-01-01T00:00:00Z"))
            .build(),
        Article.builder()
            .id("huge-title")
            .title("Mot ".repeat(250_000))
            .sourceLink("https://evil.example/d")
            .publication(EVIL)
            .published(when.minusSeconds(120))
            .build(),
        Article.builder()
            .id("no-date")
            .title("No date at all")
            .sourceLink("https://evil.example/e")
            .build(),
        Article.builder()
            .id("markup-only-title")
            .title("<b> </b>")
            .sourceLink("https://evil.example/f")
            .published(when)
            .build(),
        Article.builder()
            .id("scripts")
            .title("Duplicate id")
            .sourceLink("https://evil.example/g")
            .published(when.minusSeconds(3600))
            .build(),
        Article.builder()
            .id("relative-no-base")
            .title("Relative link and no base")
            .link("/only/relative")
            .published(when)
            .build());
  }
}
