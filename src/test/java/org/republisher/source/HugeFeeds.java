package org.republisher.source;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.republisher.Republisher;
import org.republisher.Snapshot;
import org.republisher.SourceFailure;

/**
 * The child program of {@link HugeFeedsTest}, run in a JVM of its own with a small heap: one
 * republisher reads the 1,000,000-item feed at {@code BASE/huge.xml} as several sources at once,
 * then a fresh source reads {@code BASE/small.xml}. Prints one line per outcome and exits 0 when
 * every source gave what it should, 1 otherwise.
 *
 * <p>Usage: {@code HugeFeeds BASE SOURCES}
 */
public final class HugeFeeds {
  private HugeFeeds() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: HugeFeeds BASE SOURCES");
      System.exit(2);
    }
    String base = args[0];
    int sources = Integer.parseInt(args[1]);
    int code = 0;
    Republisher.Builder b = Republisher.builder().deadline(Duration.ofSeconds(90));
    for (int i = 1; i <= sources; i++) {
      b.source(FeedSource.builder(URI.create(base + "/huge.xml?n=" + i)).id("huge-" + i).build());
    }
    try (Republisher republisher = b.build()) {
      Snapshot snapshot = republisher.refresh();
      for (SourceFailure f : snapshot.failures()) {
        System.out.println("failed " + f.sourceId() + ": " + f.cause().getMessage());
        code = 1;
      }
      System.out.println("counts " + snapshot.counts());
      if (snapshot.counts().values().stream().anyMatch(n -> n != 1)) {
        code = 1;
      }
    }
    try (Republisher after =
        Republisher.builder()
            .source(FeedSource.builder(URI.create(base + "/small.xml")).id("small").build())
            .build()) {
      Snapshot snapshot = after.refresh();
      System.out.println(
          "after " + snapshot.counts() + ", " + snapshot.failures().size() + " failed");
      if (!snapshot.failures().isEmpty() || snapshot.articles().size() != 1) {
        code = 1;
      }
    }
    System.out.println(code == 0 ? "ok" : "not ok");
    System.exit(code);
  }

  /** One item with a title and a link, then 999,999 empty ones: about 7 MB. */
  static byte[] huge() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8_100_000);
    out.writeBytes(
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>énorme</title><link>http://huge.example/</link>\n"
                + "<item><title>le seul</title><link>http://huge.example/1</link></item>\n")
            .getBytes(StandardCharsets.UTF_8));
    byte[] empty = "<item/>\n".getBytes(StandardCharsets.US_ASCII);
    for (int i = 1; i < 1_000_000; i++) {
      out.writeBytes(empty);
    }
    out.writeBytes("</channel></rss>\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** A small feed of one article. */
  static byte[] small() {
    return ("<rss version=\"2.0\"><channel><title>petit</title><link>http://petit.example/</link>"
            + "<item><title>après</title><link>http://petit.example/1</link></item>"
            + "</channel></rss>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
