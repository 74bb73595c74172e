package org.republisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.republisher.model.Article;
import org.republisher.source.ArticleSource;
import org.republisher.source.FeedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a republisher holds and what one source can do to the others: sockets and threads back to
 * where they were after {@link Republisher#close()} (counted on Linux in {@code /proc/self/fd}),
 * and an {@link Error} of one source reported as its own failure.
 */
class RepublisherResourcesTest {
  private static final Logger LOG = LoggerFactory.getLogger(RepublisherResourcesTest.class);

  private static final byte[] FEED =
      ("<rss version=\"2.0\"><channel><title>Revue</title><link>https://revue.example/</link>"
              + "<item><title>un</title><link>https://revue.example/1</link></item>"
              + "</channel></rss>")
          .getBytes(StandardCharsets.UTF_8);

  private static int fileDescriptors() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }

  private static int threads() {
    return Thread.getAllStackTraces().size();
  }

  /** Waits until a count is back to at most {@code baseline}; returns it. */
  private static int settle(IntSupplier count, int baseline) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int now = count.getAsInt();
    while (now > baseline && System.nanoTime() < deadline) {
      Thread.sleep(20);
      now = count.getAsInt();
    }
    return now;
  }

  @Test
  @Timeout(60)
  void closeLeavesNeitherSocketsNorThreadsBehind() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/",
        ex -> {
          ex.getResponseHeaders().set("Connection", "keep-alive");
          ex.sendResponseHeaders(200, FEED.length);
          ex.getResponseBody().write(FEED);
          ex.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      FeedSource.builder(URI.create(base + "/warm.xml")).build().fetch(); // classes loaded
      int fdsBefore = settle(RepublisherResourcesTest::fileDescriptors, Integer.MAX_VALUE);
      int threadsBefore = threads();
      java.util.Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

      Republisher.Builder b = Republisher.builder().deadline(Duration.ofSeconds(30));
      for (int i = 1; i <= 20; i++) {
        // twenty connect timeouts: once, twenty HTTP clients and their selector threads
        b.source(
            FeedSource.builder(URI.create(base + "/feed.xml?n=" + i))
                .id("feed-" + i)
                .connectTimeout(Duration.ofSeconds(i))
                .build());
      }
      Republisher republisher = b.build();
      Snapshot snapshot = republisher.refresh();
      assertThat(snapshot.failures()).isEmpty();
      assertThat(snapshot.counts()).hasSize(20).allSatisfy((id, n) -> assertThat(n).isOne());
      int fdsDuring = fileDescriptors();
      int threadsDuring = threads();
      republisher.close();
      int fdsAfter = settle(RepublisherResourcesTest::fileDescriptors, fdsBefore);
      int threadsAfter = settle(RepublisherResourcesTest::threads, threadsBefore);
      LOG.info(
          "file descriptors {} before, {} after the refresh, {} after close; threads {}, {}, {}",
          fdsBefore,
          fdsDuring,
          fdsAfter,
          threadsBefore,
          threadsDuring,
          threadsAfter);
      if (fdsBefore >= 0) { // Linux
        assertThat(fdsAfter).isLessThanOrEqualTo(fdsBefore);
      }
      assertThat(threadsAfter).isLessThanOrEqualTo(threadsBefore);
      // threads of other tests of this JVM (HTTP clients of the serving tests) are not ours
      assertThat(Thread.getAllStackTraces().keySet())
          .filteredOn(thread -> !before.contains(thread))
          .extracting(Thread::getName)
          .noneMatch(n -> n.startsWith("republisher-source-") || n.contains("SelectorManager"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  @Timeout(30)
  void anErrorInOneSourceIsThatSourcesFailureAndTheNextRefreshRuns() {
    Article good = Article.builder().title("un").link("https://revue.example/1").build();
    ArticleSource outOfMemory =
        RepublisherTest.source(
            "oom",
            () -> {
              throw new OutOfMemoryError("Java heap space");
            });
    ArticleSource overflow =
        RepublisherTest.source(
            "deep",
            () -> {
              throw new StackOverflowError();
            });
    try (Republisher republisher =
        Republisher.builder()
            .source(outOfMemory)
            .source(RepublisherTest.source("cms", good))
            .source(overflow)
            .build()) {
      for (int refresh = 0; refresh < 2; refresh++) {
        Snapshot snapshot = republisher.refresh();
        assertThat(snapshot.articles()).containsExactly(good);
        assertThat(snapshot.failures())
            .extracting(SourceFailure::sourceId)
            .containsExactly("oom", "deep");
        assertThat(snapshot.failures().get(0).cause())
            .hasMessageContaining("OutOfMemoryError")
            .hasCauseInstanceOf(OutOfMemoryError.class);
        assertThat(snapshot.failures().get(1).cause()).hasCauseInstanceOf(StackOverflowError.class);
      }
    }
  }
}
