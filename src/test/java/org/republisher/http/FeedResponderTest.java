package org.republisher.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.republisher.InvalidValueException;
import org.republisher.write.FeedFile;
import org.republisher.write.FeedFormat;

/** The responder on its own: what each request gets, and what a swap does. */
class FeedResponderTest {
  static final String RSS = "/feeds/all.rss.xml";
  static final String LAST_MODIFIED = "Sun, 29 Nov 2026 12:00:01 GMT";

  final FeedResponder responder = FeedResponder.builder().maxAge(Duration.ofMinutes(10)).build();
  final List<FeedFile> v1 = Feeds.version(1);

  FeedResponse get(String path, String... headers) {
    return request("GET", path, headers);
  }

  FeedResponse request(String method, String path, String... headers) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return responder.respond(new FeedRequest(method, path, map));
  }

  String etag() {
    return get(RSS).headers().get("ETag");
  }

  @Test
  void aFileIsServedWithItsTypeLengthValidatorsAndCachePolicy() {
    responder.swap(v1);
    FeedResponse r = get(RSS);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(Feeds.rss(v1).bytes());
    assertThat(r.headers())
        .containsEntry("Content-Type", "application/rss+xml; charset=utf-8")
        .containsEntry("Content-Length", Integer.toString(Feeds.rss(v1).size()))
        .containsEntry("Last-Modified", LAST_MODIFIED)
        .containsEntry("Cache-Control", "public, max-age=600")
        .containsEntry("Vary", "Accept-Encoding")
        .doesNotContainKeys("Content-Encoding", "Link");
    assertThat(r.headers().get("ETag")).matches("\"[A-Za-z0-9_-]{22}\"");
    assertThat(get("/feeds/all.atom.xml").headers())
        .containsEntry("Content-Type", "application/atom+xml; charset=utf-8");
    assertThat(get("/feeds/all.feed.json").headers())
        .containsEntry("Content-Type", "application/feed+json; charset=utf-8");
  }

  @Test
  void theSameAnswerIsTheSameInstanceNothingIsMadePerRequest() {
    responder.swap(v1);
    assertThat(get(RSS)).isSameAs(get(RSS));
    assertThat(get(RSS, "If-None-Match", etag())).isSameAs(get(RSS, "If-None-Match", etag()));
  }

  @Test
  void headGetsTheHeaderFieldsOfGetAndNoBody() {
    responder.swap(v1);
    FeedResponse head = request("HEAD", RSS);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.bodyLength()).isZero();
    assertThat(head.headers()).isEqualTo(get(RSS).headers());
  }

  @Test
  void aMatchingEtagGets304WithValidatorsAndNoBody() {
    responder.swap(v1);
    FeedResponse r = get(RSS, "If-None-Match", etag());
    assertThat(r.status()).isEqualTo(304);
    assertThat(r.bodyLength()).isZero();
    assertThat(r.headers())
        .containsOnlyKeys("ETag", "Cache-Control", "Vary")
        .containsEntry("ETag", etag());
    assertThat(get(RSS, "If-None-Match", "\"other\", W/" + etag()).status()).isEqualTo(304);
    assertThat(get(RSS, "If-None-Match", "*").status()).isEqualTo(304);
    assertThat(request("HEAD", RSS, "If-None-Match", etag()).status()).isEqualTo(304);
    assertThat(get(RSS, "If-None-Match", "\"other\"").status()).isEqualTo(200);
  }

  @Test
  void aDateNotBeforeTheLastChangeGets304() {
    responder.swap(v1);
    assertThat(get(RSS, "If-Modified-Since", LAST_MODIFIED).status()).isEqualTo(304);
    assertThat(get(RSS, "If-Modified-Since", "Sun, 29 Nov 2026 13:00:00 GMT").status())
        .isEqualTo(304);
    assertThat(get(RSS, "If-Modified-Since", "Sun, 29 Nov 2026 12:00:00 GMT").status())
        .isEqualTo(200);
    assertThat(get(RSS, "If-Modified-Since", "yesterday").status()).isEqualTo(200);
  }

  @Test
  void ifModifiedSinceIsIgnoredWhenIfNoneMatchIsThere() {
    responder.swap(v1);
    assertThat(
            get(RSS, "If-None-Match", "\"stale\"", "If-Modified-Since", LAST_MODIFIED).status())
        .isEqualTo(200);
    assertThat(
            get(RSS, "If-None-Match", etag(), "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT")
                .status())
        .isEqualTo(304);
  }

  @Test
  void failedPreconditionsGet412() {
    responder.swap(v1);
    assertThat(get(RSS, "If-Match", "\"other\"").status()).isEqualTo(412);
    assertThat(get(RSS, "If-Match", "W/" + etag()).status()).isEqualTo(412);
    assertThat(get(RSS, "If-Match", etag()).status()).isEqualTo(200);
    assertThat(get(RSS, "If-Unmodified-Since", "Sun, 29 Nov 2026 12:00:00 GMT").status())
        .isEqualTo(412);
    assertThat(get(RSS, "If-Unmodified-Since", LAST_MODIFIED).status()).isEqualTo(200);
    assertThat(
            get(RSS, "If-Match", etag(), "If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT")
                .status())
        .isEqualTo(200);
  }

  @Test
  void gzipIsServedToReadersThatAskForIt() throws IOException {
    responder.swap(v1);
    FeedResponse r = get(RSS, "Accept-Encoding", "gzip, deflate");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers())
        .containsEntry("Content-Encoding", "gzip")
        .containsEntry("Vary", "Accept-Encoding")
        .containsEntry("Content-Length", Integer.toString(r.bodyLength()))
        .containsEntry("ETag", etag().substring(0, etag().length() - 1) + "-gz\"");
    assertThat(gunzip(r.body())).isEqualTo(Feeds.rss(v1).bytes());
    assertThat(r.bodyLength()).isLessThan(Feeds.rss(v1).size());
    assertThat(get(RSS, "Accept-Encoding", "gzip;q=0").headers()).doesNotContainKey("Content-Encoding");
    assertThat(
            get(RSS, "Accept-Encoding", "gzip", "If-None-Match", r.headers().get("ETag")).status())
        .isEqualTo(304);
  }

  static byte[] gunzip(byte[] gzip) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }

  @Test
  void afileThatGzipCannotShrinkIsServedAsItIs() {
    FeedFile tiny =
        new FeedFile(URI.create("https://revue.example/t.xml"), FeedFormat.RSS, new byte[] {'<'},
            Feeds.UPDATED);
    responder.swap(List.of(tiny));
    FeedResponse r = get("/t.xml", "Accept-Encoding", "gzip");
    assertThat(r.headers()).doesNotContainKey("Content-Encoding");
    assertThat(r.body()).containsExactly('<');
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "PATCH", "get", "TRACE"})
  void otherMethodsGet405WithAllow(String method) {
    responder.swap(v1);
    FeedResponse r = request(method, RSS);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.headers()).containsEntry("Allow", "GET, HEAD");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/feeds/other.rss.xml",
        "/",
        "",
        "*",
        "feeds/all.rss.xml",
        "/feeds/all.rss.xml/",
        "/feeds/../feeds/all.rss.xml",
        "/feeds/./all.rss.xml",
        "/feeds/%2e%2e/feeds/all.rss.xml",
        "/feeds%2Fall.rss.xml",
        "/feeds/all.rss.xml%00",
        "/feeds/all.rss.xml%",
        "/feeds/all.rss.xml%zz",
        "//feeds/all.rss.xml",
        "/FEEDS/all.rss.xml",
        "/feeds\\all.rss.xml",
        "/../../etc/passwd",
      })
  void anyOtherPathGets404(String path) {
    responder.swap(v1);
    assertThat(get(path).status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/feeds/all.rss.xml?utm_source=x",
        "/feeds/all.rss.xml#top",
        "/feeds/%61ll.rss.xml",
        "/%66eeds/all%2Erss.xml",
        "http://revue.example/feeds/all.rss.xml",
        "https://other.example:8443/feeds/all.rss.xml?x",
      })
  void equivalentTargetsFindTheFile(String path) {
    responder.swap(v1);
    assertThat(get(path).status()).isEqualTo(200);
  }

  @Test
  void nothingIsServedBeforeTheFirstSwap() {
    assertThat(get(RSS).status()).isEqualTo(404);
  }

  @Test
  void aSwapReportsTheChangedUrlsOnly() {
    assertThat(responder.swap(v1))
        .containsExactly(v1.get(0).url(), v1.get(1).url(), v1.get(2).url());
    FeedResponse before = get(RSS);
    assertThat(responder.swap(Feeds.version(1))).isEmpty();
    assertThat(get(RSS)).isSameAs(before);

    List<FeedFile> v2 = List.of(Feeds.rss(Feeds.version(2)), v1.get(1));
    assertThat(responder.swap(v2)).containsExactly(Feeds.rss(v2).url());
    assertThat(get(RSS).body()).isEqualTo(Feeds.rss(v2).bytes());
    assertThat(get("/feeds/all.feed.json").status()).isEqualTo(404);
  }

  @Test
  void aNewDateWithTheSameBytesIsNoChangeButANewLastModified() {
    responder.swap(v1);
    FeedFile rss = Feeds.rss(v1);
    FeedFile later = new FeedFile(rss.url(), rss.format(), rss.bytes(), rss.updated().plusSeconds(60));
    assertThat(responder.swap(List.of(later))).isEmpty();
    assertThat(get(RSS).headers()).containsEntry("Last-Modified", "Sun, 29 Nov 2026 12:01:01 GMT");
  }

  @Test
  void twoFilesAtOnePathAreRefusedAndTheOldSetStays() {
    responder.swap(v1);
    FeedFile rss = Feeds.rss(Feeds.version(2));
    FeedFile clash =
        new FeedFile(URI.create("http://other.example/feeds/all.rss.xml"), FeedFormat.RSS,
            rss.bytes(), rss.updated());
    assertThatThrownBy(() -> responder.swap(List.of(rss, clash)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("http://other.example/feeds/all.rss.xml")
        .hasMessageContaining("same path");
    assertThat(get(RSS).body()).isEqualTo(Feeds.rss(v1).bytes());
  }

  @Test
  void aHubIsNamedInALinkHeaderBesideTheFile() {
    FeedResponder withHub = FeedResponder.builder().hub(Feeds.HUB).build();
    withHub.swap(v1);
    String link =
        "<" + Feeds.HUB + ">; rel=\"hub\", <" + Feeds.SITE + "all.rss.xml>; rel=\"self\"";
    FeedRequest get = FeedRequest.of("GET", RSS, name -> null);
    assertThat(withHub.respond(get).headers()).containsEntry("Link", link);
    FeedResponse etag = withHub.respond(get);
    assertThat(
            withHub
                .respond(new FeedRequest("GET", RSS, Map.of("If-None-Match", etag.headers().get("ETag"))))
                .headers())
        .containsEntry("Link", link);
  }

  @Test
  void requestHeaderNamesAreMatchedWithoutCase() {
    FeedRequest request =
        new FeedRequest("GET", RSS, Map.of("IF-NONE-MATCH", "\"x\"", "accept-encoding", "gzip"));
    assertThat(request.header("If-None-Match")).isEqualTo("\"x\"");
    assertThat(request.headers()).containsOnlyKeys("if-none-match", "accept-encoding");
    FeedRequest looked =
        FeedRequest.of("GET", RSS, name -> name.equals("Accept-Encoding") ? "gzip" : null);
    assertThat(looked.headers()).containsOnly(Map.entry("accept-encoding", "gzip"));
  }

  @Test
  void aResponseIsImmutable() throws IOException {
    responder.swap(v1);
    FeedResponse r = get(RSS);
    r.body()[0] = 'X';
    assertThat(r.body()[0]).isEqualTo((byte) '<');
    assertThatThrownBy(() -> r.headers().put("X", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.writeTo(out);
    assertThat(out.toByteArray()).isEqualTo(Feeds.rss(v1).bytes());
  }

  @Test
  void aNegativeMaxAgeIsRefused() {
    assertThatThrownBy(() -> FeedResponder.builder().maxAge(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("maxAge");
  }
}
