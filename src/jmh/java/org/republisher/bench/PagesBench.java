package org.republisher.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.republisher.model.Article;
import org.republisher.source.PageSource;

/**
 * Pages: {@link PageSource} reading the aggregator pages of {@code examples/data/pages/} from files
 * (in the page cache) with the built-in profile. {@code articlePage}: the four article pages (fr,
 * es, ar, en), each read alone (depth 0) into its article; pages/s. {@code crawl}: the listing page
 * and the pages it links to, one fetch per operation; fetches/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 3) // jsoup's parser and cleaner take ~12 s to reach C2 speed
@Measurement(iterations = 10, time = 1)
public class PagesBench {
  static final Path PAGES = Path.of("examples", "data", "pages").toAbsolutePath();
  static final String[] ARTICLE_PAGES = {"2m-fr.html", "atalayar-es.html", "hespress-ar.html", "mwn-en.html"};

  private PageSource[] articles;
  private PageSource crawl;

  @Setup
  public void setup() {
    articles = new PageSource[ARTICLE_PAGES.length];
    for (int i = 0; i < ARTICLE_PAGES.length; i++) {
      articles[i] = PageSource.builder(PAGES.resolve(ARTICLE_PAGES[i]).toUri()).maxDepth(0).build();
      List<Article> found = articles[i].fetch();
      if (found.size() != 1) {
        throw new IllegalStateException(ARTICLE_PAGES[i] + " gave " + found.size() + " articles");
      }
    }
    crawl = PageSource.builder(PAGES.resolve("index.html").toUri()).problems(p -> { }).build();
    if (crawl.fetch().isEmpty()) {
      throw new IllegalStateException("the crawl of index.html found no article");
    }
  }

  @Benchmark
  @OperationsPerInvocation(4)
  public void articlePage(Blackhole bh) {
    for (PageSource page : articles) {
      bh.consume(page.fetch());
    }
  }

  @Benchmark
  public List<Article> crawl() {
    return crawl.fetch();
  }
}
