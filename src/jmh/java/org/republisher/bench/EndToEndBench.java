package org.republisher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.republisher.internal.NormalizedArticle;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.source.JsonLinesRecords;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedOutput;
import org.republisher.write.FeedWriter;
import org.republisher.write.WriteResult;

/**
 * End to end, through the public API only: a records file (JSON Lines, on disk, in the page cache)
 * read lazily by {@link JsonLinesRecords}, normalized once per article and streamed into RSS, Atom
 * and JSON Feed by one {@link FeedWriter} multi-output call (its Iterator overload). The baseline,
 * {@code romeRssAndAtom}, is Rome writing only RSS and Atom from the same articles already
 * normalized. One operation is one whole run of {@code items} articles; items/s is ops/s × items.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 3) // jsoup's parser and cleaner take ~12 s to reach C2 speed
@Measurement(iterations = 10, time = 1)
public class EndToEndBench {

  @Param({"100", "10000"})
  public int items;

  private Path dir;
  private Path records;
  private FeedWriter writer;
  private FeedSpec spec;
  private List<NormalizedArticle> clean;
  private Instant updated;
  private final Sink rss = new Sink();
  private final Sink atom = new Sink();
  private final Sink json = new Sink();

  @Setup
  public void setup() throws IOException {
    dir = Files.createTempDirectory("republisher-bench");
    records = Dataset.writeRecords(dir.resolve("records.jsonl"), items);
    spec = Dataset.spec(items);
    writer = FeedWriter.builder(spec).clock(Dataset.CLOCK).build();
    clean = Dataset.normalized(items);
    updated = clean.get(0).updated();
    WriteResult check = run();
    if (check.written() != items || !check.rejected().isEmpty()) {
      throw new IllegalStateException("wrote " + check.written() + " of " + items + ", rejected " + check.rejected());
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(records);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public long republisher() throws IOException {
    run();
    return rss.reset() + atom.reset() + json.reset();
  }

  @Benchmark
  public long romeRssAndAtom() throws IOException {
    RomeFeeds.rss(spec, updated, clean, rss);
    RomeFeeds.atom(spec, updated, clean, atom);
    return rss.reset() + atom.reset();
  }

  private WriteResult run() throws IOException {
    try (Stream<Article> articles =
        JsonLinesRecords.read(records, p -> {
          throw new IllegalStateException(p);
        })) {
      return writer.write(
          List.of(
              FeedOutput.of(FeedFormat.RSS, rss),
              FeedOutput.of(FeedFormat.ATOM, atom),
              FeedOutput.of(FeedFormat.JSON_FEED, json)),
          articles.iterator());
    }
  }
}
