package org.republisher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IrisTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "HTTP://WWW.2M.MA/fr/a|http://www.2m.ma/fr/a",
        "https://www.2m.ma:443/a|https://www.2m.ma/a",
        "http://h.ma:80|http://h.ma/",
        "https://h.ma/a/./b/../c|https://h.ma/a/c",
        "https://h.ma/%7euser/%c3%a9t%C3%A9|https://h.ma/~user/%C3%A9t%C3%A9",
        "https://h.ma/été|https://h.ma/%C3%A9t%C3%A9",
        "https://ar.h.ma/مقال|https://ar.h.ma/%D9%85%D9%82%D8%A7%D9%84",
        "https://h.ma/a?b=c%2Fd&e=f#g|https://h.ma/a?b=c%2Fd&e=f#g",
        "urn:uuid:1234|urn:uuid:1234",
        "https://h.ma/fr/news/article-1.html|https://h.ma/fr/news/article-1.html",
      })
  void canonicalForms(String iri, String canonical) {
    assertThat(Iris.canonical(iri)).isEqualTo(canonical);
  }

  /** What the shortcut lets through, parsing and re-encoding leave as it is. */
  @Property(tries = 5000)
  void plainCanonicalIrisAreTheirOwnCanonicalForm(@ForAll("iris") String iri) {
    boolean plain = Iris.isPlainCanonical(iri);
    Statistics.label("plain").collect(plain);
    Statistics.label("plain").coverage(c -> c.check(true).percentage(p -> p > 5));
    if (plain) {
      assertThat(Iris.parsedCanonical(iri)).isEqualTo(iri);
    }
    assertThat(Iris.canonical(iri)).isEqualTo(Iris.parsedCanonical(iri));
  }

  @Provide
  Arbitrary<String> iris() {
    Arbitrary<String> scheme = Arbitraries.of("http://", "https://", "HTTP://", "ftp://", "urn:");
    Arbitrary<String> host = Arbitraries.of("www.2m.ma", "h.ma", "H.ma", "h.ma:443", "h.ma:8080", "", "xn--h-1ga.ma");
    Arbitrary<String> plainRest = Arbitraries.strings().withChars("aZ09-._~/?#:@!$&'()*+,;=").ofMaxLength(30);
    Arbitrary<String> anyRest = Arbitraries.strings().withChars("aZ09-._~/?#:@!$&'()*+,;=%éه [] ").ofMaxLength(30);
    Arbitrary<String> rest = Arbitraries.oneOf(plainRest, plainRest, anyRest).map(r -> "/" + r);
    return Combinators.combine(scheme, host, rest).as((s, h, r) -> s + h + r);
  }
}
