package org.republisher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSub hub on loopback that only listens: every {@code hub.mode=publish} POST it gets is kept,
 * in order, and answered 204.
 */
final class FakeHub implements AutoCloseable {
  private final HttpServer server;
  private final BlockingQueue<URI> received = new LinkedBlockingQueue<>();
  /** What it answers: 204, or what {@link #refuse} set. */
  private volatile int status = 204;

  FakeHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hub", this::handle);
    server.start();
  }

  /** The hub's URL. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hub";
  }

  private void handle(HttpExchange exchange) throws IOException {
    String form = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
    Map<String, String> fields = new HashMap<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(URLDecoder.decode(pair.substring(0, eq), UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), UTF_8));
      }
    }
    if (exchange.getRequestMethod().equals("POST") && "publish".equals(fields.get("hub.mode"))) {
      received.add(URI.create(fields.get("hub.url")));
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /** Makes the hub refuse every announcement from now on: 400, a final answer. */
  void refuse() {
    status = 400;
  }

  /** Waits for the next {@code n} announcements (a minute each at most: a hang guard). */
  List<URI> take(int n) throws InterruptedException {
    List<URI> urls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      URI url = received.poll(1, TimeUnit.MINUTES);
      assertThat(url).as("announcement " + (i + 1) + " of " + n + " after " + urls).isNotNull();
      urls.add(url);
    }
    return urls;
  }

  /** Returns the announcements received and not taken yet, taking them. */
  List<URI> drain() {
    List<URI> urls = new ArrayList<>();
    received.drainTo(urls);
    return urls;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
