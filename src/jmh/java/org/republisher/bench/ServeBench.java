package org.republisher.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedWriter;

/**
 * The upstream of the load benchmark ({@code src/jmh/serve/serve-bench.sh} runs it, then {@code
 * republisher serve} on what it writes, with wrk and nginx): the JMH data set's 100 articles as an
 * RSS 2.0 feed, in two versions whose articles differ by their titles, so that a source reading
 * the file alternately gets one and the other and each refresh changes the feeds served.
 *
 * <pre>
 * ServeBench DIR
 * </pre>
 *
 * writes {@code DIR/a.rss.xml} and {@code DIR/b.rss.xml}.
 */
public final class ServeBench {
  private ServeBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ServeBench DIR");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    List<Article> articles = Dataset.articles(100);
    List<Article> other = new ArrayList<>(articles.size());
    for (Article article : articles) {
      other.add(article.toBuilder().title(article.title() + " (mis à jour)").build());
    }
    Files.write(dir.resolve("a.rss.xml"), rss(articles));
    Files.write(dir.resolve("b.rss.xml"), rss(other));
    System.out.println(articles.size() + " articles in " + dir.resolve("a.rss.xml") + " and "
        + dir.resolve("b.rss.xml"));
  }

  static byte[] rss(List<Article> articles) throws IOException {
    FeedSpec spec =
        FeedSpec.builder("Revue de presse", "https://upstream.example/feeds/all.rss.xml")
            .link("https://revue.example/")
            .limit(articles.size())
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FeedWriter.builder(spec).clock(Dataset.CLOCK).build().write(FeedFormat.RSS, articles, out);
    return out.toByteArray();
  }
}
