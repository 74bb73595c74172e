package org.republisher.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.republisher.bench.Dataset;
import org.republisher.bench.Sink;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.write.FeedArchive;
import org.republisher.write.FeedFile;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedOutput;
import org.republisher.write.FeedWriter;

/**
 * Rendering a feed of 100 articles and its archive pages (the 300 older articles in 3 full pages
 * of 100) in RSS, Atom and JSON Feed: from the history store ({@code store}, the articles as the store
 * kept them normalized) against the same documents written from the same articles held in memory
 * ({@code memory}, {@link FeedWriter} normalizing each article as it writes). One operation is the
 * whole set of documents.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 1)
public class RenderBench {
  static final int LIMIT = 100;
  static final int ARTICLES = 400;

  @Param({"sqlite", "postgresql"})
  public String backend;

  private Path dir;
  private HistoryStore store;
  private FeedArchive archive;
  private FeedSpec spec;
  private List<List<Article>> documents;
  private Instant now;
  private final Sink rss = new Sink();
  private final Sink atom = new Sink();
  private final Sink json = new Sink();

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("render-bench");
    store = new HistoryStore(StoreBench.backend(backend, dir), ArticleStore.builder("bench"));
    now = Dataset.NOW;
    List<Article> articles = Dataset.articles(ARTICLES); // newest first
    List<Article> oldestFirst = new ArrayList<>(articles);
    java.util.Collections.reverse(oldestFirst);
    store.record("dataset", oldestFirst, now);
    spec = Dataset.spec(LIMIT).toBuilder().build();
    spec = org.republisher.model.FeedSpec.builder(spec.title(),
        "https://revue.example/feeds/all.atom.xml").limit(LIMIT).build();
    archive = FeedArchive.builder(spec).pageSize(LIMIT).build();
    // the same documents from memory: the current one (the newest 100) and the 3 full pages
    documents = new ArrayList<>();
    for (int from = 0; from < ARTICLES; from += LIMIT) {
      documents.add(articles.subList(from, from + LIMIT));
    }
    if (archive.render(store, now).size() != 3 * documents.size()) {
      throw new IllegalStateException("expected the current document and 3 pages");
    }
  }

  @Benchmark
  public int store() {
    int bytes = 0;
    for (FeedFile file : archive.render(store, now)) {
      bytes += file.size();
    }
    return bytes;
  }

  @Benchmark
  public int memory() throws IOException {
    int written = 0;
    FeedWriter writer = FeedWriter.builder(spec).clock(Dataset.CLOCK).build();
    for (List<Article> document : documents) {
      rss.reset();
      atom.reset();
      json.reset();
      written += writer.write(List.of(FeedOutput.of(FeedFormat.RSS, rss),
          FeedOutput.of(FeedFormat.ATOM, atom), FeedOutput.of(FeedFormat.JSON_FEED, json)),
          document).written();
    }
    return written;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    StoreBench.delete(dir);
  }
}
