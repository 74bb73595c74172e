package org.republisher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An upstream feed on loopback, {@code /fil.rss.xml}, whose items the test sets, and which can hold
 * a request until released: a refresh caught in the middle of its fetch.
 */
final class Upstream implements AutoCloseable {
  private final HttpServer server;
  private volatile String[] titles = {"Premier article du fil"};
  private volatile boolean holding;
  /** Counted down when a request is held. */
  final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  Upstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/fil.rss.xml", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  /** The feed's URL. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/fil.rss.xml";
  }

  /** Sets the titles of the feed's items, the newest last. */
  void items(String... titles) {
    this.titles = titles.clone();
  }

  /** Holds every request from now on until {@link #release()}. */
  void hold() {
    holding = true;
  }

  /** Answers the requests held, and those to come at once. */
  void release() {
    holding = false;
    release.countDown();
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (holding) {
      held.countDown();
      try {
        release.await(5, TimeUnit.MINUTES); // a hang guard: the test releases it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    StringBuilder rss = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<rss version=\"2.0\"><channel><title>Le Fil</title><link>https://fil.example/</link>"
        + "<description>Le fil</description><language>fr</language>\n");
    String[] items = titles;
    for (int i = items.length - 1; i >= 0; i--) {
      rss.append("<item><title>").append(items[i]).append("</title><link>https://fil.example/")
          .append(i + 1).append("</link><guid>https://fil.example/").append(i + 1)
          .append("</guid><pubDate>Sun, 29 Nov 2026 ").append(String.format("%02d", 8 + i))
          .append(":00:00 +0000</pubDate><description>Texte ").append(i + 1)
          .append("</description></item>\n");
    }
    byte[] body = rss.append("</channel></rss>\n").toString().getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
