package org.republisher.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.republisher.InvalidValueException;
import org.republisher.model.Article;
import org.republisher.model.Publication;
import org.republisher.testing.FeedRules;

/** Any article, however strange its text, gives well-formed, valid feeds in every format. */
class AnyArticlePropertiesTest {

  @Property(tries = 200)
  void anyArticlesGiveValidFeeds(@ForAll("articles") @Size(max = 8) List<Article> articles)
      throws Exception {
    for (FeedFormat format : FeedFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      WriteResult result = Fixtures.writer().write(format, articles, out);
      assertThat(result.written() + result.rejected().size()).isEqualTo(articles.size());
      if (result.written() > 0 || format != FeedFormat.JSON_FEED) {
        FeedRules.assertValid(format, out.toByteArray()); // an empty JSON Feed is flagged: no items
      }
      if (format != FeedFormat.JSON_FEED) {
        WireFeedInput input = new WireFeedInput();
        input.setAllowDoctypes(false);
        input.build(
            new InputStreamReader(
                new ByteArrayInputStream(out.toByteArray()), StandardCharsets.UTF_8));
      }
    }
  }

  /** Text with markup, entities, controls, surrogates, right-to-left and astral characters. */
  static Arbitrary<String> text() {
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(12),
            Arbitraries.strings().withCharRange('\u0600', '\u06FF').ofMinLength(1).ofMaxLength(12),
            Arbitraries.of(
                "<b>", "</p>", "&amp;", "&#1;", "&nbsp;", "]]>", "<script>x()</script>", "é",
                "\uD83D\uDE00", "\uD800", "\u0001", "\u202E", " ", "\n", "<a href=\"/x\">",
                "<img src=rel.png onerror=y()>", "javascript:alert(1)", "٠٤ - ٠٦ - ٢٠٢٠"));
    return pieces.list().ofMaxSize(8).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<List<Article>> articles() {
    Arbitrary<Article> article =
        Combinators.combine(
                text(),
                text(),
                text(),
                Arbitraries.of("https://www.2m.ma/a", "/relative/path", "https://le360.ma/x?y=1&z=2"),
                Arbitraries.longs().between(0, 4_000_000_000L),
                Arbitraries.of("fr", "ar", "es", "en", "ar-MA"),
                Arbitraries.integers().between(0, 1000))
            .as(
                (title, summary, body, link, seconds, language, n) -> {
                  try {
                    return Article.builder()
                        .id(n % 7 == 0 ? null : "id-" + n)
                        .title(title.isBlank() ? "x" + title : title)
                        .sourceLink(link)
                        .publication(n % 3 == 0 ? null : Publication.builder("Pub " + (n % 5)).url("https://pub" + (n % 5) + ".example/").build())
                        .published(Instant.ofEpochSecond(seconds))
                        .language(language)
                        .summary(summary)
                        .contentHtml(body)
                        .categories(summary.length() > 3 ? summary.substring(0, 3) : "c")
                        .build();
                  } catch (InvalidValueException e) {
                    return null;
                  }
                })
            .filter(a -> a != null);
    return article.list().ofMaxSize(8).map(ArrayList::new);
  }
}
