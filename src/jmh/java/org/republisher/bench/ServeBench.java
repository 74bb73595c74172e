package org.republisher.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.republisher.http.FeedResponder;
import org.republisher.http.FeedServer;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.write.FeedFile;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedWriter;

/**
 * The server side of the load benchmark ({@code src/jmh/serve-bench.sh} runs it with wrk and
 * nginx): renders the benchmark feed of 100 articles in the three formats, writes the bytes where
 * nginx serves them as static files, and serves the same bytes with {@link FeedServer} on loopback
 * until it is stopped (SIGTERM stops it cleanly).
 *
 * <pre>
 * ServeBench DIR PORT [swap]
 * </pre>
 *
 * With {@code swap}, the file set is swapped between two versions (A and B, different titles, so
 * different bytes) every 10 ms while the load runs; both versions are written to {@code
 * DIR/versions/} so the load's checker can tell a whole body from a torn one.
 */
public final class ServeBench {
  private ServeBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ServeBench DIR PORT [swap]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    boolean swap = args.length > 2 && args[2].equals("swap");
    int threads = Integer.getInteger("threads", FeedServer.DEFAULT_THREADS);

    List<Article> articles = Dataset.articles(100);
    List<FeedFile> a = render(articles, "Revue de presse");
    List<FeedFile> b = render(articles, "Revue de presse, autre version");
    for (FeedFile f : a) {
      Path file = dir.resolve(f.url().getPath().substring(1));
      Files.createDirectories(file.getParent());
      Files.write(file, f.bytes());
      Files.write(Path.of(file + ".gz"), gzip(f.bytes()));
    }
    Path versions = Files.createDirectories(dir.resolve("versions"));
    for (int i = 0; i < a.size(); i++) {
      String name = a.get(i).format().fileName();
      Files.write(versions.resolve("a." + name), a.get(i).bytes());
      Files.write(versions.resolve("b." + name), b.get(i).bytes());
    }

    FeedResponder responder = FeedResponder.builder().maxAge(Duration.ofMinutes(5)).build();
    responder.swap(a);
    AtomicLong swaps = new AtomicLong();
    FeedServer server =
        FeedServer.builder(responder)
            .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .threads(threads)
            .health(() -> Map.of("status", "ok", "swaps", swaps.get()))
            .start();
    Thread swapper =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  responder.swap(swaps.incrementAndGet() % 2 == 0 ? a : b);
                  Thread.sleep(10);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "swapper");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  swapper.interrupt();
                  server.close();
                  System.out.println("stopped after " + swaps.get() + " swaps");
                }));
    if (swap) {
      swapper.start();
    }
    for (FeedFile f : a) {
      System.out.println(f.format() + " " + f.size() + " bytes at " + f.url().getPath());
    }
    System.out.println("ready on " + server.address() + " with " + threads + " threads");
    Thread.currentThread().join();
  }

  static List<FeedFile> render(List<Article> articles, String title) throws IOException {
    List<FeedFile> files = new ArrayList<>();
    for (FeedFormat format : FeedFormat.values()) {
      FeedSpec spec =
          FeedSpec.builder(title, "http://127.0.0.1/feeds/all." + format.fileName())
              .link("https://revue.example/")
              .limit(100)
              .hub(System.getProperty("hub")) // -Dhub=URL: the feeds name a WebSub hub
              .build();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FeedWriter.builder(spec).clock(Dataset.CLOCK).build().write(format, articles, out);
      files.add(new FeedFile(spec.selfUrl(), format, out.toByteArray(), Dataset.NOW));
    }
    return files;
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
