package org.republisher.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.republisher.internal.History;
import org.republisher.model.Article;

/**
 * Recording a refresh of 1,000 sources of 50 entries each, as a refresh records them (one read of
 * their sightings, one transaction), where each source's window moved by one entry since the last
 * refresh: 49 of 50 entries (98 %) are unchanged and must cost a hash comparison only. One
 * operation is the whole refresh. Each operation checks that it wrote one article row (one
 * normalization) and one sighting per source, nothing for the unchanged entries, and the first
 * prints those counts.
 *
 * <p>{@code backend}: {@code sqlite} (a file in a temporary folder), {@code postgresql} (the
 * database of {@code REPUBLISHER_TEST_POSTGRES_URL}, emptied first), {@code memory}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class HistoryBench {
  static final int SOURCES = 1000;
  static final int WINDOW = 50;

  @Param({"sqlite", "postgresql"})
  public String backend;

  private Path dir;
  private CountingBackend counting;
  private HistoryStore store;
  private List<List<Article>> windows;
  private int step;
  private Instant now;
  private boolean reported;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("history-bench");
    counting = new CountingBackend(StoreBench.backend(backend, dir));
    store = new HistoryStore(counting, ArticleStore.builder("bench"));
    now = Dataset.NOW;
    windows = new ArrayList<>(SOURCES);
    for (int s = 0; s < SOURCES; s++) {
      List<Article> window = new ArrayList<>(WINDOW);
      for (int i = 0; i < WINDOW; i++) {
        window.add(article(s, i));
      }
      windows.add(window);
      store.record("source-" + s, window, now);
    }
    step = WINDOW;
  }

  /** Entry {@code i} of source {@code s}: a record of the data set, unique to the pair. */
  static Article article(int s, int i) {
    return Dataset.article(Dataset.record(s * 100_000 + i));
  }

  @Setup(Level.Invocation)
  public void slide() {
    for (int s = 0; s < SOURCES; s++) {
      List<Article> window = windows.get(s);
      window.remove(0);
      window.add(article(s, step));
    }
    step++;
    now = now.plusSeconds(900);
    counting.reset();
  }

  @Benchmark
  public int refresh() {
    Map<String, List<Article>> fetched = new LinkedHashMap<>();
    for (int s = 0; s < SOURCES; s++) {
      fetched.put("source-" + s, windows.get(s));
    }
    int added = 0;
    for (History.Recorded recorded : store.recordAll(fetched, now).values()) {
      added += recorded.added();
    }
    // what the unchanged 98 % cost: no row and no normalization (each article row written is one
    // normalization); checked at every operation, printed once
    if (added != SOURCES || counting.articlesWritten.get() != SOURCES
        || counting.sightingsWritten.get() != SOURCES) {
      throw new IllegalStateException("expected one new article per source, got " + added
          + " new, " + counting.articlesWritten + " article rows, " + counting.sightingsWritten
          + " sighting rows");
    }
    if (!reported) {
      reported = true;
      System.out.printf("%n%s: %,d entries recorded, %,d new; rows written: %,d articles"
          + " (each normalized once) and %,d sightings%n", backend, SOURCES * WINDOW, added,
          counting.articlesWritten.get(), counting.sightingsWritten.get());
    }
    return added;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    StoreBench.delete(dir);
  }
}
