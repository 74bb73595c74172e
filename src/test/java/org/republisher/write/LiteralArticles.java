package org.republisher.write;

import java.time.Instant;
import java.util.List;
import org.republisher.model.Article;
import org.republisher.model.Publication;

/**
 * Articles whose text looks like markup and is meant as text (issue #10): escaped once, as a
 * fragment says a literal "<", or escaped twice upstream.
 */
final class LiteralArticles {
  private LiteralArticles() {}

  static final Publication CODE =
      Publication.builder("Code &amp; Co").url("https://code.example/").language("en").build();

  static List<Article> all() {
    Instant when = Instant.parse("2026-02-10T10:00:00Z");
    return List.of(
        Article.builder()
            .id("blink")
            .title("History of the &lt;blink&gt; tag")
            .sourceLink("https://code.example/blink")
            .publication(CODE)
            .published(when)
            .summary("The &lt;blink&gt; element made text flash; &lt;/blink&gt; ended it.")
            .contentHtml("<p>Use <code>&lt;blink&gt;</code> no more.</p>")
            .build(),
        Article.builder()
            .id("conditions")
            .title("a &lt; b &amp;&amp; c &gt; d")
            .sourceLink("https://code.example/conditions")
            .publication(CODE)
            .published(when.minusSeconds(60))
            .build(),
        Article.builder()
            .id("templates")
            .title("C++ templates &lt;T&gt;")
            .sourceLink("https://code.example/templates")
            .publication(CODE)
            .published(when.minusSeconds(120))
            .author("Bjarne &lt;S&gt;")
            .author("bjarne &lt;s&gt;")
            .author(" ")
            .categories("&lt;T&gt;", "", "&lt;t&gt;")
            .build(),
        Article.builder()
            .id("double")
            // escaped twice upstream: what readers must see is the escaped form itself
            .title("&amp;lt;b&amp;gt;Bold&amp;lt;/b&amp;gt; move")
            .sourceLink("https://code.example")
            .publication(CODE)
            .published(when.minusSeconds(180))
            .summary("&amp;lt;p&amp;gt;Escaped twice&amp;lt;/p&amp;gt; &amp;amp; more")
            .build(),
        Article.builder()
            .id("entity-like")
            .title("Caf&amp;eacute; &amp;#60;3 &amp;nbsp;R&amp;D")
            .sourceLink("https://www.médias24.ma/actualité/un article.html")
            .publication(Publication.builder("Médias24 &lt;beta&gt;").build())
            .published(when.minusSeconds(240))
            .build());
  }
}
