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
  void convertsIrisInsteadOfRefusingThem() {
    // the link: an IDN host and spaces (issue #10)
    assertThat(Urls.link("sourceLink", "https://www.médias24.ma/actualité/un article.html"))
        .hasToString("https://www.xn--mdias24-bya.ma/actualit%C3%A9/un%20article.html");
    assertThat(Urls.link("link", "https://هسبريس.com/مقال 1?q=أ b#x y"))
        .hasToString("https://xn--ngbsec0hva.com/%D9%85%D9%82%D8%A7%D9%84%201?q=%D8%A3%20b#x%20y");
    assertThat(Urls.link("link", "https://x.example/a%20b c")).hasToString("https://x.example/a%20b%20c");
    assertThat(Urls.link("link", "https://user@Ünï.example:8080/p"))
        .hasToString("https://user@xn--n-nga1b.example:8080/p");
    assertThat(Urls.link("link", "/relatif avec espace")).hasToString("/relatif%20avec%20espace");
  }

  @Test
  void anEmptyPathIsWrittenAsASlash() {
    // "https://host" in one format was read as "https://host/" by others (issue #10)
    assertThat(Urls.link("link", "https://x.example")).hasToString("https://x.example/");
    assertThat(Urls.link("link", "https://x.example?q=1")).hasToString("https://x.example/?q=1");
    assertThat(Urls.link("link", URI.create("http://x.example#top"))).hasToString("http://x.example/#top");
    assertThat(Urls.resolve(URI.create("https://x.example"), URI.create("a/b")))
        .hasToString("https://x.example/a/b");
  }

  @Test
  void aNullIsNamed() {
    assertThatThrownBy(() -> Urls.link("sourceLink", (String) null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("sourceLink must not be null");
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
