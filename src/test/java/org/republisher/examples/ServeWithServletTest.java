package org.republisher.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.republisher.testing.FeedRules;
import org.republisher.write.FeedFormat;

/** The servlet example, run in a real container (embedded Tomcat) and read over HTTP. */
@Timeout(120)
class ServeWithServletTest {
  static Tomcat tomcat;
  static List<String> urls;
  static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tomcat =
        ServeWithServlet.start(
            0, Path.of("examples/data/articles.jsonl"), new PrintStream(out, true, StandardCharsets.UTF_8));
    urls = out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @AfterAll
  static void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  static HttpResponse<byte[]> send(String method, String url, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void everyFeedIsServedValidWithItsMediaType() throws Exception {
    assertThat(urls).hasSize(3);
    for (FeedFormat format : FeedFormat.values()) {
      String url = urls.get(format.ordinal());
      assertThat(url).endsWith("/feeds/all." + format.fileName());
      HttpResponse<byte[]> r = send("GET", url);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValue(format.mediaType() + ";charset=utf-8");
      FeedRules.assertValid(format, r.body());
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("Publié dans 2M le");
    }
  }

  @Test
  void theContainerPassesConditionalGetAndGzipThrough() throws Exception {
    String url = urls.get(FeedFormat.ATOM.ordinal());
    HttpResponse<byte[]> first = send("GET", url);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> again = send("GET", url, "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);

    HttpResponse<byte[]> gz = send("GET", url, "Accept-Encoding", "gzip");
    assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(first.body());
    }

    HttpResponse<byte[]> head = send("HEAD", url);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length"))
        .hasValue(Integer.toString(first.body().length));
  }

  @Test
  void otherMethodsAndPathsAreRefused() throws Exception {
    String url = urls.get(0);
    HttpResponse<byte[]> post = send("POST", url);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(send("GET", url.replace("all.rss.xml", "none.rss.xml")).statusCode()).isEqualTo(404);
  }

  @Test
  void badArgumentsGetTheUsage() {
    assertThat(ServeWithServlet.port(new String[] {})).isEqualTo(8080);
    assertThat(ServeWithServlet.port(new String[] {"0"})).isZero();
    assertThat(ServeWithServlet.port(new String[] {"eighty"})).isEqualTo(-1);
    assertThat(ServeWithServlet.port(new String[] {"70000"})).isEqualTo(-1);
    assertThat(ServeWithServlet.port(new String[] {"1", "2"})).isEqualTo(-1);
  }
}
