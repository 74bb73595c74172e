package org.republisher.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.republisher.InvalidValueException;

class UrlsTest {

  @Test
  void parsesLenientlyAndKeepsNonAsciiPaths() {
    assertThat(Urls.link("link", " https://www.hespress.com/مقال-1.html "))
        .hasToString("https://www.hespress.com/مقال-1.html");
    assertThat(Urls.link("link", "https://x.example/a b")).hasToString("https://x.example/a%20b");
    assertThat(Urls.link("link", "/relative/path").isAbsolute()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html,x", "ftp://x.example/"})
  void rejectsOtherSchemesNamingTheField(String text) {
    assertThatThrownBy(() -> Urls.link("sourceLink", text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("sourceLink has a scheme other than http or https")
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("sourceLink");
  }

  @Test
  void rejectsBlankAndHostless() {
    assertThatThrownBy(() -> Urls.link("link", "  ")).hasMessage("link is blank: \"  \"");
    assertThatThrownBy(() -> Urls.link("link", "https:///path")).hasMessageContaining("has no host");
    assertThatThrownBy(() -> Urls.absolute("feed.selfUrl", "/feed.xml"))
        .hasMessageContaining("feed.selfUrl is not an absolute http(s) URL");
  }

  @Test
  void resolvesAgainstABase() {
    URI base = URI.create("https://www.2m.ma/fr/news/article-1");
    assertThat(Urls.resolve(base, URI.create("../img/a.jpg")))
        .hasToString("https://www.2m.ma/fr/img/a.jpg");
    assertThat(Urls.resolve(null, URI.create("/x"))).isNull();
    assertThat(Urls.resolve(null, URI.create("https://a.example/"))).hasToString("https://a.example/");
  }
}
