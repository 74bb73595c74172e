package org.republisher.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.republisher.testing.FeedRules;

/** Every hostile input gives a valid feed by a documented repair, or a named rejection. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileInputTest {

  static String write(FeedFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Fixtures.writer().write(format, HostileArticles.all(), out);
    FeedRules.assertValid(format, out.toByteArray());
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(FeedFormat.class)
  void noScriptEventHandlerOrDangerousUrlSurvives(FeedFormat format) throws IOException {
    String feed = write(format).toLowerCase(java.util.Locale.ROOT);
    assertThat(feed)
        .doesNotContain("<script", "&lt;script", "steal()", "alert(", "msgbox")
        .doesNotContain("onmouseover", "onerror", "onclick")
        .doesNotContain("<iframe", "&lt;iframe", "<object", "&lt;object", "<embed", "&lt;embed")
        .doesNotContain("<form", "&lt;form", "<input", "&lt;input", "<style", "&lt;style", "p{}")
        .doesNotContain("javascript:", "vbscript:");
  }

  @ParameterizedTest
  @EnumSource(FeedFormat.class)
  void forbiddenCharactersAreRemoved(FeedFormat format) throws IOException {
    String feed = write(format);
    assertThat(feed.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r'))
        .isEmpty();
    assertThat(feed.chars().filter(c -> c >= 0x7F && c <= 0x9F)).isEmpty();
    assertThat(feed.chars().filter(c -> Character.isSurrogate((char) c))).isEmpty();
    assertThat(feed).contains("Control chars and lone surrogate");
  }

  @ParameterizedTest
  @EnumSource(FeedFormat.class)
  void relativeUrlsAreMadeAbsolute(FeedFormat format) throws IOException {
    String feed = write(format);
    assertThat(feed).contains("https://evil.example/rel/page").contains("https://evil.example/ok.png");
    assertThat(feed).doesNotContainPattern("(href|src)=(\\\\)?\"/");
    assertThat(feed).doesNotContainPattern("(href|src)=(\\\\)?&quot;/");
  }

  @ParameterizedTest
  @EnumSource(FeedFormat.class)
  void aOneMegabyteTitleIsCutToThePolicyLimit(FeedFormat format) throws IOException {
    String feed = write(format);
    int start = feed.indexOf("Mot Mot");
    int end = feed.indexOf('…', start);
    assertThat(start).isPositive();
    assertThat(end - start + 1).isLessThanOrEqualTo(300);
  }

  @ParameterizedTest
  @EnumSource(value = FeedFormat.class, names = {"RSS", "ATOM"})
  void cdataEndInTextIsEscaped(FeedFormat format) throws IOException {
    String feed = write(format);
    assertThat(feed).doesNotContain("]]>").doesNotContain("<![CDATA[");
  }
}
