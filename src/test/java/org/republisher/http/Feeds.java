package org.republisher.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.model.Publication;
import org.republisher.write.FeedFile;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedWriter;

/** Feed files to serve: the three formats of a small press review, in as many versions as asked. */
final class Feeds {
  static final Instant UPDATED = Instant.parse("2026-11-29T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(UPDATED, ZoneOffset.UTC);
  static final String SITE = "https://revue.example/feeds/";
  static final String HUB = "https://hub.example/websub";

  private Feeds() {}

  /** The three files of version {@code v}: its title and its number of articles differ. */
  static List<FeedFile> version(int v) {
    return version(v, null);
  }

  /** The three files of version {@code v}, naming a WebSub hub when one is given. */
  static List<FeedFile> version(int v, String hub) {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i <= v % 5 + 3; i++) {
      articles.add(
          Article.builder()
              .title("Article " + i + " de la version " + v)
              .link("https://revue.example/fr/2m/" + (1000 + i))
              .sourceLink("https://www.2m.ma/fr/news/article-" + (1000 + i))
              .publication(
                  Publication.builder("2M").url("https://www.2m.ma/fr").language("fr").build())
              .published(LocalDate.of(2026, 11, 1).plusDays(i))
              .contentHtml("<p>Le ministre des Affaires étrangères a parlé, version " + v + ".</p>")
              .build());
    }
    List<FeedFile> files = new ArrayList<>();
    for (FeedFormat format : FeedFormat.values()) {
      FeedSpec.Builder spec =
          FeedSpec.builder("Revue de presse " + v, SITE + "all." + format.fileName())
              .link("https://revue.example/");
      if (hub != null) {
        spec.hub(hub);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        FeedWriter.builder(spec.build()).clock(CLOCK).build().write(format, articles, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files.add(new FeedFile(spec.build().selfUrl(), format, out.toByteArray(), UPDATED.plusSeconds(v)));
    }
    return files;
  }

  static FeedFile rss(List<FeedFile> files) {
    return files.get(FeedFormat.RSS.ordinal());
  }
}
