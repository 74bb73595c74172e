package org.republisher.internal;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.republisher.model.Article;
import org.republisher.source.JsonLinesRecords;

/**
 * The one-pass cleaner against the jsoup path it stands in for: whenever it answers, its HTML and
 * text are those of jsoup's parse, clean and serialization, byte for byte; and it does answer for
 * the shape news HTML has, else the speed it exists for is gone.
 */
class FastCleanerTest {
  private static final String BASE = "https://www.2m.ma/fr/news/article-1?x=1";
  private static final int WHOLE = Integer.MAX_VALUE - 1;

  /** Asserts both paths agree and returns the fast one's answer. */
  private static Html.@Nullable Clean compare(String raw, @Nullable String base) {
    String input = Text.stripForbidden(raw);
    Html.Clean fast = FastCleaner.clean(input, base, WHOLE);
    Html.Clean slow = Html.cleanWithJsoup(input, base, WHOLE);
    if (fast != null) {
      assertThat(fast.html()).as("html of %s", raw).isEqualTo(slow.html());
      assertThat(fast.text()).as("text of %s", raw).isEqualTo(slow.text());
      // the text kept only as far as a summary needs gives that summary
      for (int limit : new int[] {10, 25}) {
        Html.Clean partial = requireNonNull(FastCleaner.clean(input, base, limit));
        assertThat(partial.html()).isEqualTo(slow.html());
        assertThat(Text.truncate(partial.text(), limit))
            .as("summary of %d from %s", limit, raw)
            .isEqualTo(Text.truncate(slow.text(), limit));
      }
      assertThat(requireNonNull(FastCleaner.clean(input, base, -1)).html()).isEqualTo(slow.html());
    }
    assertThat(Html.clean(raw, base, WHOLE).html()).isEqualTo(slow.html());
    return fast;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Texte brut, sans balise.",
        "<p>Un <b>texte</b> <a href=\"/autre\">lien</a> et <i>encore</i>.</p>",
        "<p dir=\"rtl\" lang=\"ar\">شارك ناصر بوريطة في <strong>الاجتماع</strong></p>\n<p>ثانية</p>",
        "<P CLASS=x Dir=RTL onclick=\"x()\">Majuscules</P>",
        "<p style=\"color:red\" class=\"lead\">L&#39;été &amp; l&rsquo;hiver &eacute;t&eacute; &#x41;&nbsp;fin</p>",
        "<figure><img src=\"/img/a.jpg\" alt=\"Photo &quot;x&quot;\" width=\"600\" loading=\"lazy\">"
            + "<figcaption>Légende</figcaption></figure>",
        "<img src=\"https://cdn.example.com/a.jpg\"><img src='relative.png' alt=''><img alt=x>",
        "<a href=\"https://www.example.com/path/to?a=1&amp;b=2#frag\" title='t'>absolu</a>",
        "<a href=\"https://www.example.com/x?a=1&b=2\">query</a>",
        "<a href=\"mailto:redaction@2m.ma\">mail</a> <a href=\"javascript:alert(1)\">js</a>",
        "<a href=\"../up/page\">up</a> <a href=\"?q=2\">q</a> <a href=\"#top\">top</a> <a href=\"//cdn.x/y\">p</a>",
        "<blockquote class=\"twitter-tweet\"><p lang=\"fr\" dir=\"ltr\">Un tweet <a href=\"https://t.co/x\">pic</a></p>"
            + "&mdash; 2M (@2MInteractive) <a href=\"https://twitter.com/x/status/1?ref_src=twsrc%5Etfw\">4 juin 2020</a>"
            + "</blockquote> <script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>",
        "<p>Vidéo :</p><iframe width=\"560\" src=\"https://www.youtube.com/embed/x\" allowfullscreen></iframe><p>fin</p>",
        "<div class=\"content\"><h2>Titre</h2><p>Un</p><ul><li>a</li><li>b<ul><li>c</li></ul></li></ul></div>",
        "<ol start=\"3\" type=\"a\"><li>x</li></ol><dl><dt>t</dt><dd>d</dd></dl>",
        "<section><article><header><h1>H</h1></header><p>corps</p><footer>pied</footer></article></section>",
        "<p>a<br>b<br/>c<br />d</p><hr><p>e<wbr>f</p>",
        "<!-- commentaire --><p>après<!----> commentaire</p>",
        "<pre>code  espacé\n  ligne</pre><code>x</code>",
        "<span>a</span><span>b</span> <em>c</em><p>d</p>e<div>f</div><b>g</b>",
        "<b><p>gras</p></b>après",
        "<a href=\"/x\"><div>bloc dans lien</div></a>suite",
        "1 < 2 et 3 > 2, a & b, \"guillemets\" 'apostrophes'",
        "<q cite=\"https://source.example/\">citation</q> <q cite=\"javascript:x\">non</q>",
        "<font color=red>rouge</font> <center>centre</center> <time datetime=\"2020\">2020</time>",
        "<style>p { color: red }</style><p>style</p><script>var s = '</p>';</script>",
        "<p>\u00a0espace insécable\u00a0</p>",
        "<p title=\"a &lt; b &gt; c &quot; d ' e\u00a0f\">attributs</p><a title=\"a &lt; b &gt; c &quot; d\">t</a>",
        "<a title>vide</a><a title=''>vide</a><a title=\"x\" title=\"y\" TITLE=z>premier</a>",
        "<img src=\"/a.jpg\"\nalt=\"multi\nligne\"\twidth=1>",
        "<picture><source srcset=\"a.webp\"><img src=\"a.jpg\"></picture>",
        "<meta charset=utf-8><link rel=x href=y><p>tête</p>",
        "<h2>x</h2><h3>y</h3><p>z</p>",
        "<p>zéro\u200blargeur et trait\u00add'union</p>",
        "<p>Un long paragraphe de texte, assez long pour dépasser la limite du résumé.</p><p>Suite.</p>",
        "<p>   \n\n   </p><p>      espaces          nombreux        avant       le        texte</p>",
      })
  void commonShapesTakeTheFastPathAndMatchJsoup(String html) {
    assertThat(compare(html, BASE)).as("fast path taken for %s", html).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<p><div>bloc dans un paragraphe</div></p>",
        "<p>un<p>deux",
        "<h1><h2>titres</h2></h1>",
        "<ul><li>a<li>b</ul>",
        "<b><i>mal</b></i>",
        "</p>seul",
        "<a href=/a>un<a href=/b>deux</a></a>",
        "<table><tr><td>cellule</td></tr></table>",
        "<form><input name=q></form>",
        "<noscript><p>n</p></noscript>",
        "<textarea>t</textarea>",
        "&amp sans point-virgule &copy",
        "&notit; préfixe",
        "&#128; &#0; &#x110000;",
        "<pre>\nnouvelle ligne</pre>",
        "<div/>auto-fermé",
        "<o:p>word</o:p>",
        "<!DOCTYPE html><p>x</p>",
        "<script><!-- x --></script>",
        "<a href=\"x\"title=\"collé\">x</a>",
        "<svg><p>x</p></svg>",
        "<unknown>x</unknown>",
      })
  void whatItDoesNotModelGoesToJsoup(String html) {
    assertThat(compare(html, BASE)).as("left to jsoup: %s", html).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://www.2m.ma", "http://h/", "http://le360.ma/a b", "not a url", "https://u:p@h.ma/a",
        "https://h.ma:8443/a/b", "https://ar.h.ma/مقالات/خبر?x=1#y", "https://h.ma/a/b/", "https://h.ma/a?q=/x/y",
        "HTTPS://H.MA/A", "https://h.ma/./a/../b", "file:///tmp/x.html", "https://h.ma#f"
      })
  void baseUrlsOfEveryShape(String base) {
    compare(
        "<a href=\"/a\">a</a><img src=\"b.jpg\"><a href=\"https://x.ma/c\">c</a><a href=\"d/e.html?f=g#h\">d</a>"
            + "<a href=\"./i\">i</a><a href=\"../j\">j</a><a href=\"k:l\">k</a><a href=\"?m\">m</a><a href=\"#n\">n</a>"
            + "<a href=\"économie/o\">o</a><a href=\"/p q\">p</a><a href=\"https://x.ma/é/ü?ال=1\">r</a>",
        base);
  }

  @ParameterizedTest
  @ValueSource(strings = {"<a href=\"/x\">x</a><img src=\"y.png\">", "<a href=\"https://a.ma/\">a</a>"})
  void withoutABase(String html) {
    compare(html, null);
  }

  /** Inputs shaped to make a careless scanner quadratic: each must stay one pass. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5})
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void hugeAdversarialInputsStayLinear(int shape) {
    String html =
        switch (shape) {
          case 0 -> "<script>" + "</x".repeat(200_000) + "</script><p>fin</p>";
          case 1 -> "<!--a-->".repeat(100_000) + "<p>fin</p>";
          case 2 -> "<a href=\"/" + "a".repeat(500_000) + "\">lien</a>";
          case 3 -> "<span>".repeat(5_000) + "x" + "</span>".repeat(5_000);
          case 4 -> "&" + "a".repeat(500_000) + "; <p>" + "&amp;".repeat(100_000) + "</p>";
          default -> "<p title=\"" + "&quot;".repeat(100_000) + "\">" + "<b>x</b>".repeat(50_000) + "</p>";
        };
    compare(html, BASE);
  }

  static Stream<String> examples() throws Exception {
    try (Stream<Article> articles =
        JsonLinesRecords.read(Path.of("examples/data/articles.jsonl"), problem -> {})) {
      return articles.map(Article::contentHtml).filter(Objects::nonNull).toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleArticles(String html) {
    compare(html, BASE);
  }

  @ParameterizedTest
  @MethodSource("org.republisher.write.HostileArticles#contents")
  void hostileArticles(String html) {
    compare(html, BASE);
  }

  @Property(tries = 3000)
  void anyTokenSoupMatchesJsoup(@ForAll("soup") String html) {
    Html.Clean fast = compare(html, BASE);
    Statistics.label("path").collect(fast != null ? "fast" : "jsoup");
    Statistics.label("path").coverage(c -> c.check("fast").percentage(p -> p > 10));
  }

  @Property(tries = 2000)
  void anyNestedMarkupMatchesJsoup(@ForAll("trees") String html) {
    Html.Clean fast = compare(html, BASE);
    Statistics.label("path").collect(fast != null ? "fast" : "jsoup");
    Statistics.label("path").coverage(c -> c.check("fast").percentage(p -> p > 30));
  }

  /** Properly nested elements, so that the repairs HTML makes come only from the elements' kinds. */
  @Provide
  Arbitrary<String> trees() {
    return tree(4);
  }

  private Arbitrary<String> tree(int depth) {
    Arbitrary<String> text =
        Arbitraries.of(
            "texte", " ", "\n", "é &amp; è", "1 &lt; 2", "ال", "a\u00a0b", "&eacute;", "&#8217;", "x", "  y  ");
    if (depth == 0) {
      return text;
    }
    Arbitrary<String> tag =
        Arbitraries.of(
            "p", "div", "span", "b", "i", "em", "strong", "a", "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3",
            "blockquote", "q", "figure", "figcaption", "pre", "code", "section", "article", "font", "mark",
            "small", "sub", "sup", "u", "cite", "strike", "center", "header", "abbr");
    Arbitrary<String> attributes =
        Arbitraries.of(
            "", " class=\"x\"", " dir=\"rtl\" lang=\"ar\"", " href=\"/rel/a?b=1&amp;c=2\"",
            " href=\"https://e.ma/x\" title='t'", " cite=\"http://c.ma/\"", " onclick=\"x()\"",
            " style=color:red", " title=\"&quot;q&quot;\"", " href=\"javascript:x\"", " DIR=LTR");
    Arbitrary<String> leaf =
        Arbitraries.of(
            "<br>", "<img src=\"/i.jpg\" alt=\"i\">", "<img src=javascript:x>", "<hr>", "<wbr>",
            "<script>s()</script>", "<iframe src=\"https://v.ma/e\"></iframe>", "<!-- c -->");
    Arbitrary<String> element =
        Combinators.combine(tag, attributes, tree(depth - 1).list().ofMaxSize(4))
            .as((t, a, children) -> "<" + t + a + ">" + String.join("", children) + "</" + t + ">");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, text), net.jqwik.api.Tuple.of(1, leaf), net.jqwik.api.Tuple.of(3, element));
  }

  @Provide
  Arbitrary<String> soup() {
    List<String> tokens =
        List.of(
            "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<i>", "</i>", "<em>", "</em>", "<span dir=rtl>",
            "</span>", "<a href=\"/x\">", "<a href='https://e.ma/a?b=1&c=2'>", "<a href=javascript:x>", "</a>",
            "<br>", "<br/>", "<img src=\"a.jpg\" alt='x'>", "<img src=\"\">", "<img>", "<ul>", "</ul>", "<ol>",
            "</ol>", "<li>", "</li>", "<dl>", "<dt>", "<dd>", "</dl>", "<h2>", "</h2>", "<h3>", "</h3>",
            "<blockquote cite=\"http://a.ma/b\">", "</blockquote>", "<q cite='vbscript:x'>", "</q>",
            "<figure>", "</figure>", "<figcaption>", "</figcaption>", "<pre>", "</pre>", "<code>", "</code>",
            "<section>", "</section>", "<font color=red>", "</font>", "<hr>", "<wbr>", "<script>s()</script>",
            "<style>p{}</style>", "<iframe src=v></iframe>", "<!-- c -->", "<!-->", "<table>", "<td>",
            "<P CLASS=x>", "</P>", "<span title=\"a&quot;b\" onclick=y>", "&amp;", "&copy", "&copy;", "&#233;",
            "&#x3C;", "&notit;", "&foo;", "&", "&#", "<", ">", "\"", "'", "=", "/", " ", "  ", "\n", "\r\n",
            "\t", "\u00a0", "\u200b", "\u00ad", "é", "ال", "texte", "Rabat", "x", "1 < 2", "a&b", "</br>",
            "<a title>", "<a href=\"rel/é.html?x=1#f\">", "<a href=\"https://h.ma/tag/économie\">",
            "<img src=\"../up.png\">", "<img src=\"./here.png\">", "<a href=\"/a/./b\">", "<p lang=\"ar\" dir=\"rtl\">", "<noscript>", "</noscript>", "<mark>", "</mark>");
    return Arbitraries.of(tokens).list().ofMaxSize(12).map(list -> String.join("", list));
  }
}
