package org.republisher.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLStreamException;
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
import org.openjdk.jmh.annotations.Warmup;
import org.republisher.bench.Dataset;
import org.republisher.bench.RomeFeeds;
import org.republisher.bench.Sink;
import org.republisher.bench.StaxFloor;
import org.republisher.internal.NormalizedArticle;
import org.republisher.model.FeedSpec;

/**
 * Writing alone: already-normalized articles into RSS, Atom and JSON Feed bytes with our
 * package-private format writers (what {@link FeedWriter} runs after normalizing), against Rome's
 * {@code WireFeedOutput} and a bare StAX floor writing the same elements from the same articles.
 * One operation writes one whole feed of {@code items} articles to a byte-counting sink; items/s is
 * ops/s × items.
 *
 * <p>The set-up checks that the floor writes exactly our bytes, so the two do the same work (it
 * warns when a writer changed and the floor was not updated).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 1)
public class WriteBench {

  @Param({"100", "10000"})
  public int items;

  private List<NormalizedArticle> articles;
  private FeedSpec spec;
  private FeedHead head;
  private final Sink sink = new Sink();

  @Setup
  public void setup() throws Exception {
    articles = Dataset.normalized(items);
    spec = Dataset.spec(items);
    head = new FeedHead(spec, spec.selfUrl(), articles.get(0).updated());
    ByteArrayOutputStream rss = new ByteArrayOutputStream();
    check("RSS", collect(new RssWriter(rss), rss), floor(true));
    ByteArrayOutputStream atom = new ByteArrayOutputStream();
    check("Atom", collect(new AtomWriter(atom), atom), floor(false));
  }

  // ---- ours

  @Benchmark
  public long rss() throws IOException {
    return write(new RssWriter(sink));
  }

  @Benchmark
  public long atom() throws IOException {
    return write(new AtomWriter(sink));
  }

  @Benchmark
  public long jsonFeed() throws IOException {
    return write(new JsonFeedWriter(sink));
  }

  // ---- the incumbent

  @Benchmark
  public long romeRss() throws IOException {
    RomeFeeds.rss(spec, head.updated(), articles, sink);
    return sink.reset();
  }

  @Benchmark
  public long romeAtom() throws IOException {
    RomeFeeds.atom(spec, head.updated(), articles, sink);
    return sink.reset();
  }

  // ---- the floor

  @Benchmark
  public long staxRss() throws XMLStreamException {
    StaxFloor.rss(StaxFloor.open(sink), spec, head.updated(), articles);
    return sink.reset();
  }

  @Benchmark
  public long staxAtom() throws XMLStreamException {
    StaxFloor.atom(StaxFloor.open(sink), spec, head.updated(), articles);
    return sink.reset();
  }

  private long write(FormatWriter writer) throws IOException {
    writer.head(head);
    for (NormalizedArticle a : articles) {
      writer.entry(a);
    }
    writer.finish();
    return sink.reset();
  }

  // ---- set-up checks

  private byte[] collect(FormatWriter writer, ByteArrayOutputStream out) throws IOException {
    writer.head(head);
    for (NormalizedArticle a : articles) {
      writer.entry(a);
    }
    writer.finish();
    return out.toByteArray();
  }

  private byte[] floor(boolean rss) throws XMLStreamException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (rss) {
      StaxFloor.rss(StaxFloor.open(out), spec, head.updated(), articles);
    } else {
      StaxFloor.atom(StaxFloor.open(out), spec, head.updated(), articles);
    }
    return out.toByteArray();
  }

  /** Warns, without stopping the suite, when a writer changed and the floor was not updated. */
  private static void check(String format, byte[] ours, byte[] floor) {
    if (!Arrays.equals(ours, floor)) {
      System.err.printf(
          "WARNING: %s: the StAX floor no longer writes our bytes (ours %,d, floor %,d):"
              + " update org.republisher.bench.StaxFloor to the writer%n",
          format, ours.length, floor.length);
    }
  }
}
