package org.republisher.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.republisher.InvalidValueException;
import org.republisher.write.FeedFile;

/** The WebSub publisher against a fake hub on loopback, fed by the responder's swaps. */
@Timeout(60)
class WebSubPublisherTest {
  /** What the hub received: each POST's form, decoded, in order. */
  final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  /** The statuses the hub answers, in order; 204 once they run out. */
  final Deque<Integer> answers = new ArrayDeque<>();

  /** When set, the hub waits for it before answering. */
  volatile CountDownLatch gate;

  HttpServer hub;
  WebSubPublisher publisher;
  final FeedResponder responder = FeedResponder.builder().build();

  @BeforeEach
  void startHub() throws IOException {
    hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hub.createContext("/websub", this::hub);
    hub.start();
    publisher = publisher(5);
  }

  WebSubPublisher publisher(int attempts) {
    return WebSubPublisher.builder(hubUrl())
        .maxAttempts(attempts)
        .backoff(Duration.ofMillis(10))
        .maxBackoff(Duration.ofMillis(50))
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  String hubUrl() {
    return "http://127.0.0.1:" + hub.getAddress().getPort() + "/websub";
  }

  private void hub(HttpExchange exchange) throws IOException {
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    int status;
    synchronized (answers) {
      status = answers.isEmpty() ? 204 : answers.poll();
    }
    if (status == 429) {
      exchange.getResponseHeaders().set("Retry-After", "0");
    }
    received.add(exchange.getRequestMethod() + " " + type + " " + URLDecoder.decode(form, StandardCharsets.UTF_8));
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @AfterEach
  void stop() {
    publisher.close();
    hub.stop(0);
  }

  String next() throws InterruptedException {
    String r = received.poll(30, TimeUnit.SECONDS);
    assertThat(r).as("a notification within the hang guard").isNotNull();
    return r;
  }

  static String publish(URI url) {
    return "POST application/x-www-form-urlencoded hub.mode=publish&hub.url=" + url;
  }

  @Test
  void eachChangedFeedIsAnnouncedOnceAndAnUnchangedSwapNever() throws Exception {
    List<FeedFile> v1 = Feeds.version(1, Feeds.HUB);
    publisher.publish(responder.swap(v1));
    assertThat(List.of(next(), next(), next()))
        .containsExactlyInAnyOrder(
            publish(v1.get(0).url()), publish(v1.get(1).url()), publish(v1.get(2).url()));

    publisher.publish(responder.swap(Feeds.version(1, Feeds.HUB))); // the same bytes
    List<FeedFile> v2 = List.of(Feeds.rss(Feeds.version(2, Feeds.HUB)), v1.get(1), v1.get(2));
    publisher.publish(responder.swap(v2)); // only the RSS feed changed
    // one thread sends in order: had the unchanged swap announced anything, it would come first
    assertThat(next()).isEqualTo(publish(Feeds.rss(v2).url()));
    publisher.close();
    assertThat(received).isEmpty();
  }

  @Test
  void aFailingHubIsRetriedWithBackoffUntilItAccepts() throws Exception {
    answers.addAll(List.of(503, 500, 429));
    URI url = URI.create(Feeds.SITE + "all.atom.xml");
    publisher.publish(List.of(url));
    for (int i = 0; i < 4; i++) {
      assertThat(next()).isEqualTo(publish(url));
    }
    publisher.close();
    assertThat(received).isEmpty();
  }

  @Test
  void attemptsStopAtTheLimit() throws Exception {
    publisher.close();
    publisher = publisher(2);
    answers.addAll(List.of(503, 503, 503, 503));
    URI url = URI.create(Feeds.SITE + "all.atom.xml");
    publisher.publish(List.of(url));
    assertThat(next()).isEqualTo(publish(url));
    assertThat(next()).isEqualTo(publish(url));
    URI other = URI.create(Feeds.SITE + "all.rss.xml");
    publisher.publish(List.of(other));
    assertThat(next()).isEqualTo(publish(other)); // the third 503: other is retried, url is not
    assertThat(next()).isEqualTo(publish(other));
    publisher.close();
    assertThat(received).isEmpty();
  }

  @Test
  void aRefusalIsFinal() throws Exception {
    answers.add(400);
    URI url = URI.create(Feeds.SITE + "all.atom.xml");
    URI other = URI.create(Feeds.SITE + "all.rss.xml");
    publisher.publish(List.of(url));
    assertThat(next()).isEqualTo(publish(url));
    publisher.publish(List.of(other));
    assertThat(next()).isEqualTo(publish(other));
  }

  @Test
  void aHangingHubDoesNotBlockTheCaller() throws Exception {
    gate = new CountDownLatch(1);
    URI url = URI.create(Feeds.SITE + "all.atom.xml");
    publisher.publish(List.of(url)); // were it to wait for the hub, this test would hang here
    gate.countDown();
    assertThat(next()).isEqualTo(publish(url));
  }

  @Test
  void aDownHubIsGivenUpOnWithoutThrowing() {
    hub.stop(0);
    publisher.publish(List.of(URI.create(Feeds.SITE + "all.atom.xml")));
    publisher.close();
    assertThat(received).isEmpty();
    assertThat(publisher.announced()).isZero();
    assertThat(publisher.notAnnounced()).isEqualTo(1);
  }

  @Test
  void closeLetsTheRetriesUnderWayRunAndCountsTheOutcomes() throws Exception {
    // two failures, then accepted: the retries come after close() has begun, and are still sent
    answers.addAll(List.of(503, 503));
    URI url = URI.create(Feeds.SITE + "all.atom.xml");
    URI other = URI.create(Feeds.SITE + "all.rss.xml");
    publisher.publish(List.of(url, other));
    publisher.close();
    assertThat(received).hasSize(4); // url twice refused, url accepted, other accepted
    assertThat(publisher.announced()).isEqualTo(2);
    assertThat(publisher.notAnnounced()).isZero();
    publisher.publish(List.of(url));
    assertThat(publisher.notAnnounced()).isEqualTo(1); // closed
  }

  @Test
  void nothingIsAnnouncedAfterClose() throws Exception {
    publisher.close();
    publisher.publish(List.of(URI.create(Feeds.SITE + "all.atom.xml")));
    assertThat(received).isEmpty(); // the sender is gone: nothing can be sent any more
  }

  @Test
  void aBadHubIsRefusedByName() {
    assertThatThrownBy(() -> WebSubPublisher.builder("/websub"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("hub");
    assertThatThrownBy(() -> WebSubPublisher.builder(hubUrl()).maxAttempts(0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("maxAttempts");
  }
}
