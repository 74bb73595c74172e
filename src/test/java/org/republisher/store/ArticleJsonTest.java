package org.republisher.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.republisher.internal.NormalizedArticle;
import org.republisher.internal.Normalizer;
import org.republisher.model.Article;
import org.republisher.normalize.AttributionTemplate;
import org.republisher.normalize.ContentPolicy;

class ArticleJsonTest {

  @Test
  void anArticleComesBackAsItWasGiven() {
    Article given = ArticleHashTest.BASE.toBuilder()
        .title("نشر في هسبريس \u0000 <b>gras</b> & 😀")
        .build();
    assertThat(ArticleJson.readArticle(ArticleJson.write(given))).isEqualTo(given);
    Article bare = Article.builder().title("t").link("https://revue.example/x").build();
    assertThat(ArticleJson.readArticle(ArticleJson.write(bare))).isEqualTo(bare);
  }

  @Test
  void aNormalizedArticleComesBackAsItWasNormalized() {
    Normalizer normalizer = new Normalizer(
        Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC),
        ContentPolicy.DEFAULT, AttributionTemplate.LOCALIZED);
    NormalizedArticle n = normalizer.normalize(ArticleHashTest.BASE);
    assertThat(ArticleJson.readNormalized(ArticleJson.write(n))).isEqualTo(n);
    // as the store reads it: the UTF-8 bytes, Arabic and emoji included
    NormalizedArticle arabic = normalizer.normalize(ArticleHashTest.BASE.toBuilder()
        .title("المغرب يدعو إلى تعبئة أكبر 📰").language("ar").build());
    assertThat(ArticleJson.readNormalized(
        ArticleJson.write(arabic).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(arabic);
  }

  @Test
  void unknownFieldsAreSkipped() {
    String json = ArticleJson.write(ArticleHashTest.BASE)
        .replaceFirst("\\{", "{\"future\":{\"a\":[1,{\"b\":2}]},\"also\":3,");
    assertThat(ArticleJson.readArticle(json)).isEqualTo(ArticleHashTest.BASE);
  }
}
