package org.republisher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.republisher.internal.Normalizer;
import org.republisher.model.Article;
import org.republisher.source.JsonLinesRecords;

/**
 * The stages before writing, per article: {@code normalize} (raw {@link Article} to normalized:
 * text repair, HTML cleaning, URL resolution, dates, credit) and {@code readRecords} (a JSON Lines
 * line to an {@link Article}, through {@link JsonLinesRecords}). Scores are items/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 3) // jsoup's parser and cleaner take ~12 s to reach C2 speed
@Measurement(iterations = 10, time = 1)
public class NormalizeBench {
  static final int N = 1000;

  private List<Article> articles;
  private Normalizer normalizer;
  private Path dir;
  private Path records;

  @Setup
  public void setup() throws IOException {
    articles = Dataset.articles(N);
    normalizer = Dataset.normalizer();
    dir = Files.createTempDirectory("republisher-bench");
    records = Dataset.writeRecords(dir.resolve("records.jsonl"), N);
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(records);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void normalize(Blackhole bh) {
    for (Article a : articles) {
      bh.consume(normalizer.normalize(a));
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void readRecords(Blackhole bh) throws IOException {
    try (Stream<Article> s = JsonLinesRecords.read(records, p -> bh.consume(p))) {
      Iterator<Article> it = s.iterator();
      while (it.hasNext()) {
        bh.consume(it.next());
      }
    }
  }
}
