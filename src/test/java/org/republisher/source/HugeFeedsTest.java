package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Memory is bounded by the body, whatever the document: four sources read a feed of 1,000,000 items
 * (7 MB) at once in a child JVM whose heap is 64 MiB, and a fresh source reads a small feed
 * afterwards. Before entries were skipped while parsing, one such fetch needed about 164 MB; now
 * four need about 40 MiB in all (measured with the serial collector: 40 MiB passes, 32 MiB does
 * not, the four bodies alone being 28 MiB). The child has a heap of its own, so the suite's is
 * untouched; the feeds are served from this JVM.
 */
class HugeFeedsTest {

  @Test
  @Timeout(180)
  void fourMillionItemFeedsAtOnceFitASmallHeapAndAGoodFetchFollows() throws Exception {
    byte[] huge = HugeFeeds.huge();
    assertThat(huge.length).isBetween(7_000_000, 8 * 1024 * 1024);
    byte[] small = HugeFeeds.small();
    try (FeedSourceHttpTest.Loopback server = FeedSourceHttpTest.Loopback.start()) {
      server.handle("/huge.xml", ex -> FeedSourceHttpTest.Loopback.send(ex, 200, huge));
      server.handle("/small.xml", ex -> FeedSourceHttpTest.Loopback.send(ex, 200, small));
      String base = server.uri("").toString();
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:+UseSerialGC",
                  "-Xmx64m",
                  "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                  "-cp",
                  ManagementFactory.getRuntimeMXBean().getClassPath(),
                  HugeFeeds.class.getName(),
                  base,
                  "4")
              .redirectErrorStream(true)
              .start();
      String output = output(child);
      assertThat(child.exitValue()).as(output).isZero();
      assertThat(output.lines().toList())
          .as(output)
          .containsSubsequence(
              "counts {huge-1=1, huge-2=1, huge-3=1, huge-4=1}", "after {small=1}, 0 failed", "ok");
      assertThat(server.requests).hasSize(5);
    }
  }

  private static String output(Process child) throws IOException, InterruptedException {
    byte[] bytes = child.getInputStream().readAllBytes();
    if (!child.waitFor(120, TimeUnit.SECONDS)) {
      child.destroyForcibly();
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
