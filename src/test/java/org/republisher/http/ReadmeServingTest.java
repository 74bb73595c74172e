package org.republisher.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.republisher.write.FeedFile;

/**
 * The README's section "Serving" holds these snippets verbatim, and they work: the stand-alone
 * server with a WebSub hub (here), and the servlet (the example {@code ServeWithServlet}, run by
 * its own test), whose lines the Spring MVC controller of the README repeats.
 */
@Timeout(60)
class ReadmeServingTest {
  static final Path SELF = Path.of("src/test/java/org/republisher/http/ReadmeServingTest.java");
  static final Path SERVLET =
      Path.of("examples/java/org/republisher/examples/ServeWithServlet.java");

  static String readme() throws Exception {
    return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
  }

  /** The lines between two markers, their first {@code indent} characters cut. */
  static String snippet(Path file, String marker, int indent) throws Exception {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int begin = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("// " + marker + "-BEGIN")) {
        begin = i;
      } else if (lines.get(i).strip().equals("// " + marker + "-END")) {
        end = i;
      }
    }
    assertThat(begin).isPositive();
    assertThat(end - begin - 1).isBetween(1, 12);
    return lines.subList(begin + 1, end).stream()
        .map(line -> line.substring(Math.min(indent, line.length())))
        .collect(Collectors.joining("\n"));
  }

  @Test
  void theReadmeShowsTheServerSnippet() throws Exception {
    assertThat(readme())
        .contains("```java\n" + snippet(SELF, "README", 6) + "\n```")
        .contains("```java\n" + snippet(SELF, "README-STOP", 6) + "\n```");
  }

  @Test
  void theReadmeShowsTheServletAndTheControllerWithTheSameLines() throws Exception {
    String lines = snippet(SERVLET, "README-SERVLET", 6).indent(4);
    String readme = readme();
    int servlet = readme.indexOf("extends HttpServlet");
    int controller = readme.indexOf("@Controller");
    assertThat(servlet).isPositive();
    assertThat(controller).isPositive();
    assertThat(servlet).isLessThan(controller);
    assertThat(readme.indexOf(lines, servlet)).isBetween(servlet, controller);
    assertThat(readme.indexOf(lines, controller)).isPositive();
  }

  @Test
  void theServerSnippetServesAndAnnounces() throws Exception {
    BlockingQueue<String> announced = new LinkedBlockingQueue<>();
    HttpServer fakeHub =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fakeHub.createContext(
        "/",
        e -> {
          byte[] form = e.getRequestBody().readAllBytes();
          announced.add(URLDecoder.decode(new String(form, StandardCharsets.UTF_8), StandardCharsets.UTF_8));
          e.sendResponseHeaders(204, -1);
          e.close();
        });
    fakeHub.start();
    List<FeedFile> files = Feeds.version(1, Feeds.HUB);
    Duration refreshInterval = Duration.ofMinutes(10);
    int port = 0;
    String hubUrl = "http://127.0.0.1:" + fakeHub.getAddress().getPort() + "/";
    try {
      // README-BEGIN
      FeedResponder responder = FeedResponder.builder().maxAge(refreshInterval).build();
      FeedServer server = FeedServer.builder(responder).port(port).start();
      WebSubPublisher hub = WebSubPublisher.builder(hubUrl).build();

      hub.publish(responder.swap(files)); // after each refresh: announces the changed feeds only
      // README-END
      URI rss = URI.create("http://127.0.0.1:" + server.address().getPort() + "/feeds/all.rss.xml");
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<byte[]> r =
          client.send(HttpRequest.newBuilder(rss).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=600");
      assertThat(r.body()).isEqualTo(Feeds.rss(files).bytes());
      // README-STOP-BEGIN
      hub.close(); // waits for the announcements under way
      server.close(); // lets the responses under way finish
      // README-STOP-END
      assertThat(announced)
          .containsExactlyInAnyOrder(
              "hub.mode=publish&hub.url=" + Feeds.SITE + "all.rss.xml",
              "hub.mode=publish&hub.url=" + Feeds.SITE + "all.atom.xml",
              "hub.mode=publish&hub.url=" + Feeds.SITE + "all.feed.json");
      assertThatThrownBy(
              () -> client.send(HttpRequest.newBuilder(rss).build(), HttpResponse.BodyHandlers.discarding()))
          .isInstanceOf(IOException.class);
    } finally {
      fakeHub.stop(0);
    }
  }
}
