package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Memory is bounded by the body, whatever the document: four sources read a feed of 1,000,000 items
 * (7 MB) at once in a child JVM whose heap is 64 MiB, and a fresh source reads a small feed
 * afterwards. Before entries were skipped while parsing, one such fetch needed about 164 MB; now
 * four need about 40 MiB in all (measured with the serial collector: 40 MiB passes, 32 MiB does
 * not, the four bodies alone being 28 MiB). The child has a heap of its own, so the suite's is
 * untouched; the feeds are served from this JVM. With eight such sources in 32 MiB some run out of
 * memory: each is that source's own failure, the others publish, and a fresh source still fetches.
 */
class HugeFeedsTest {

  @Test
  @Timeout(180)
  void fourMillionItemFeedsAtOnceFitASmallHeapAndAGoodFetchFollows() throws Exception {
    try (FeedSourceHttpTest.Loopback server = serve(1)) {
      String output = run(server, "64m", 4);
      assertThat(output.lines().toList())
          .as(output)
          .containsSubsequence(
              "counts {huge-1=1, huge-2=1, huge-3=1, huge-4=1}", "after {small=1}, 0 failed", "ok");
      assertThat(server.requests).hasSize(5);
    }
  }

  @Test
  @Timeout(180)
  void sourcesThatRunOutOfMemoryFailAloneAndLeaveNothingBroken() throws Exception {
    // the server answers once all eight asked, so that eight bodies of 7 MB are read at once:
    // they cannot fit in 32 MiB, some sources run out of memory
    try (FeedSourceHttpTest.Loopback server = serve(8)) {
      String output = run(server, "32m", 8);
      List<String> failed = output.lines().filter(l -> l.startsWith("failed huge-")).toList();
      assertThat(failed).as(output).isNotEmpty();
      assertThat(failed).as(output).allMatch(l -> l.contains("OutOfMemoryError"));
      assertThat(output.lines().filter(l -> l.startsWith("counts ")).findFirst().orElseThrow())
          .as(output)
          .contains("=1"); // the others published
      assertThat(output.lines().toList()).as(output).contains("after {small=1}, 0 failed");
    }
  }

  /** Serves the feeds, the huge one once {@code together} requests for it have arrived. */
  private static FeedSourceHttpTest.Loopback serve(int together) {
    byte[] huge = HugeFeeds.huge();
    assertThat(huge.length).isBetween(7_000_000, 8 * 1024 * 1024);
    byte[] small = HugeFeeds.small();
    CountDownLatch asked = new CountDownLatch(together);
    FeedSourceHttpTest.Loopback server = FeedSourceHttpTest.Loopback.start();
    server.handle("/huge.xml", ex -> {
      asked.countDown();
      try {
        asked.await(60, TimeUnit.SECONDS); // a hang guard: then it answers anyway
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      FeedSourceHttpTest.Loopback.send(ex, 200, huge);
    });
    server.handle("/small.xml", ex -> FeedSourceHttpTest.Loopback.send(ex, 200, small));
    return server;
  }

  /**
   * Runs {@link HugeFeeds} in a JVM of its own, with the serial collector and a heap of {@code
   * xmx}.
   */
  private static String run(FeedSourceHttpTest.Loopback server, String xmx, int sources)
      throws IOException, InterruptedException {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-Xmx" + xmx,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-cp",
                ManagementFactory.getRuntimeMXBean().getClassPath(),
                HugeFeeds.class.getName(),
                server.uri("").toString(),
                String.valueOf(sources))
            .redirectErrorStream(true)
            .start();
    byte[] bytes = child.getInputStream().readAllBytes();
    if (!child.waitFor(120, TimeUnit.SECONDS)) {
      child.destroyForcibly();
    }
    String output = new String(bytes, StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as(output).isBetween(0, 1);
    return output;
  }
}
