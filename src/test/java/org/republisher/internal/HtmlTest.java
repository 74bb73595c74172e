package org.republisher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlTest {
  static final String BASE = "https://www.2m.ma/fr/news/article-1";

  /** Cleans keeping all the text. */
  private static Html.Clean clean(String html, String base) {
    return Html.clean(html, base, Integer.MAX_VALUE - 1);
  }

  @Test
  void keepsTextStructureLinksAndImagesWithAbsoluteUrls() {
    Html.Clean clean =
        clean(
            "<p dir=\"rtl\">Un <b>texte</b> <a href=\"/autre\">lien</a></p><img src=\"i.jpg\" alt=\"x\">",
            BASE);
    assertThat(clean.html())
        .isEqualTo(
            "<p dir=\"rtl\">Un <b>texte</b> <a href=\"https://www.2m.ma/autre\">lien</a></p>"
                + "<img src=\"https://www.2m.ma/fr/news/i.jpg\" alt=\"x\">");
    assertThat(clean.text()).isEqualTo("Un texte lien");
  }

  @Test
  void dropsDangerousMarkup() {
    Html.Clean clean =
        clean(
            "<p onclick=\"x()\">a</p><script>s()</script><style>p{}</style><iframe src=\"https://e/\"></iframe>"
                + "<object></object><embed src=\"e\"><form><input></form>"
                + "<a href=\"javascript:alert(1)\">j</a><img src=\"javascript:x\"><a href=\"vbscript:y\">v</a>",
            BASE);
    assertThat(clean.html()).isEqualTo("<p>a</p><a>j</a><a>v</a>");
  }

  @Test
  void dropsRelativeUrlsWithoutABase() {
    assertThat(clean("<a href=\"/x\">x</a><img src=\"y.png\">", null).html())
        .isEqualTo("<p><a>x</a></p>");
  }

  @Test
  void removesForbiddenCharactersEvenFromEntities() {
    assertThat(clean("<p>a&#1;b\u0002c</p>", BASE).html()).isEqualTo("<p>abc</p>");
  }

  @Test
  void wrapsBareTextInAParagraphOnly() {
    assertThat(clean("Texte <b>brut</b>.", BASE).html()).isEqualTo("<p>Texte <b>brut</b>.</p>");
    assertThat(clean("<p>Déjà</p> suite", BASE).html()).isEqualTo("<p>Déjà</p> suite");
    assertThat(clean(" \n ", BASE).html()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Close </p>", "an </x1> end tag of any name", "<b>bold", "<img src=x>", "<br/>",
        "&amp;", "&eacute", "&#60;", "&#x3C;", "5&6", "&apos;s", "R&_D", "&Tab;"
      })
  void looksLikeMarkupAsReadersAndTheValidatorSeeIt(String text) {
    assertThat(Html.looksLikeMarkup(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "C++ <T>", "a < b && c > d", "Vector<String>", "AT&T", "R&D", "Q&A", "Tom & Jerry",
        "&foo;", "& ;", "x <b", "</", "<>", "&#", "plain"
      })
  void textThatReadersTakeAsTextIsNotMarkup(String text) {
    assertThat(Html.looksLikeMarkup(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"<b>bold", "<img src=x>", "<br/>", "History of the <blink> tag"})
  void aStartTagAloneIsMarkupToReadersButNotInTextDeclaredPlain(String text) {
    assertThat(Html.looksLikeMarkup(text)).isTrue();
    assertThat(Html.looksLikeMarkupInPlainText(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Close </p>", "an </x1> end tag of any name", "&amp;", "&#60;", "5&6"})
  void anEndTagOrAReferenceIsMarkupInTextDeclaredPlainToo(String text) {
    assertThat(Html.looksLikeMarkupInPlainText(text)).isTrue();
  }

  @Test
  void escape() {
    assertThat(Html.escape("a<b>&\"c'")).isEqualTo("a&lt;b&gt;&amp;&quot;c'");
    String clean = "rien";
    assertThat(Html.escape(clean)).isSameAs(clean);
  }
}
