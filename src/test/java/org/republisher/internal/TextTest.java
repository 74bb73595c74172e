package org.republisher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextTest {

  @Test
  void stripForbiddenRemovesControlsNoncharactersAndLoneSurrogates() {
    assertThat(Text.stripForbidden("a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg"))
        .isEqualTo("abcdefg");
    assertThat(Text.stripForbidden("tab\tlf\ncr\r")).isEqualTo("tab\tlf\ncr\r");
    assertThat(Text.stripForbidden("c1\u0085\u009F\u007F.")).isEqualTo("c1.");
    assertThat(Text.stripForbidden("x\uFFFEy\uFFFF")).isEqualTo("xy");
    assertThat(Text.stripForbidden("lone\uD800 high, lone\uDC00 low")).isEqualTo("lone high, lone low");
    assertThat(Text.stripForbidden("end\uD83D")).isEqualTo("end");
  }

  @Test
  void stripForbiddenRemovesTheReplacementCharacter() {
    // what a decoder left of bytes it could not read: the W3C validator's BadCharacters
    assertThat(Text.stripForbidden("caf\uFFFD au lait")).isEqualTo("caf au lait");
    assertThat(Text.stripForbidden("\uFFFC stays")).isEqualTo("\uFFFC stays");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // entities decoded exactly once, after the tags are stripped (issue #10)
        "History of the &lt;blink&gt; tag     | History of the <blink> tag",
        "a &lt; b &amp;&amp; c &gt; d          | a < b && c > d",
        "C++ templates &lt;T&gt;               | C++ templates <T>",
        "&amp;lt;b&amp;gt;double&amp;lt;/b&amp;gt; | &lt;b&gt;double&lt;/b&gt;",
        "<b>Bold</b> &amp; <i>true</i>         | Bold & true",
        "a < b                                 | a < b",
        "AT&T                                  | AT&T",
        "caf&eacute;&nbsp;&#233;               | café\u00A0é"
      })
  void plainStripsTagsThenDecodesOnce(String fragment, String text) {
    assertThat(Text.plain(fragment)).isEqualTo(Text.collapseWhitespace(text));
  }

  @Test
  void cleanNeverReadsMarkup() {
    assertThat(Text.clean(" C++ <T> &amp; <b>co</b>\u0001 ")).isEqualTo("C++ <T> &amp; <b>co</b>");
  }

  @Test
  void forLogMakesOneBoundedLine() {
    assertThat(Text.forLog("plain")).isEqualTo("plain");
    assertThat(Text.forLog("a\nWARN forged\r\tx\u0000\u0085\u2028\u202E"))
        .isEqualTo("a\\nWARN forged\\r\\tx\\u0000\\u0085\\u2028\\u202E");
    assertThat(Text.forLog(null)).isEqualTo("null");
    String longText = "x".repeat(Text.LOG_LIMIT + 50);
    assertThat(Text.forLog(longText)).hasSize(Text.LOG_LIMIT + 1).endsWith("x…");
    assertThat(Text.forLog("\n".repeat(300), 10)).isEqualTo("\\n".repeat(10) + "…");
  }

  @Test
  void stripForbiddenKeepsPairsAndReturnsTheSameInstanceWhenClean() {
    String clean = "Émoji \uD83D\uDE00 et عربي";
    assertThat(Text.stripForbidden(clean)).isSameAs(clean);
  }

  @Test
  void collapseWhitespace() {
    assertThat(Text.collapseWhitespace("  a \n\t b\u00A0\u00A0c  ")).isEqualTo("a b c");
    assertThat(Text.collapseWhitespace("")).isEmpty();
    assertThat(Text.collapseWhitespace(" \n ")).isEmpty();
    String clean = "already clean";
    assertThat(Text.collapseWhitespace(clean)).isSameAs(clean);
  }

  @Test
  void plainStripsMarkupDecodesEntitiesAndRepairs() {
    assertThat(Text.plain("Morocco &amp; Côte d&#39;Ivoire: <b>U23</b>"))
        .isEqualTo("Morocco & Côte d'Ivoire: U23");
    assertThat(Text.plain("<script>alert(1)</script>Titre")).isEqualTo("Titre");
    assertThat(Text.plain("a &#1; b")).isEqualTo("a b");
    assertThat(Text.plain("a < b and c > d")).isEqualTo("a < b and c > d");
  }

  @Test
  void truncateCutsOnAWordAndMarksTheCut() {
    assertThat(Text.truncate("short", 10)).isEqualTo("short");
    assertThat(Text.truncate("Un titre beaucoup trop long", 20)).isEqualTo("Un titre beaucoup…");
    assertThat(Text.truncate("Unmotsansespacestreslong", 10)).isEqualTo("Unmotsans…");
    assertThat(Text.truncate("Un, deux, trois quatre", 10)).isEqualTo("Un, deux…");
    String astral = "a".repeat(8) + "\uD83D\uDE00" + "b";
    assertThat(Text.truncate(astral, 10)).isEqualTo("a".repeat(8) + "…");
  }

  /** The summary of a long text needs only its start: cut from the start, it is cut the same. */
  @Property(tries = 1000)
  void collapsingOnlyAsFarAsTheLimitTruncatesTheSame(
      @ForAll("spaced") String text, @ForAll @IntRange(min = 10, max = 60) int limit) {
    String partial = Text.collapseWhitespace(text, limit);
    String whole = Text.collapseWhitespace(text);
    assertThat(whole).startsWith(partial);
    assertThat(partial.length()).isEqualTo(Math.min(whole.length(), partial.length()));
    if (whole.length() > limit) {
      assertThat(partial.length()).isGreaterThan(limit);
    } else {
      assertThat(partial).isEqualTo(whole);
    }
    assertThat(Text.truncate(partial, limit)).isEqualTo(Text.truncate(whole, limit));
  }

  @Provide
  Arbitrary<String> spaced() {
    return Arbitraries.strings().withChars("ab é,;-\u00a0\n\t\uD83D\uDE00").ofMaxLength(150);
  }
}
