package org.republisher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SlugsTest {
  @Test
  void aLatinNameBecomesLowercaseAsciiWithHyphens() {
    assertThat(Slugs.slug("Médias24", null)).isEqualTo("medias24");
    assertThat(Slugs.slug("Le360 Español", null)).isEqualTo("le360-espanol");
    assertThat(Slugs.slug("  Hespress — FR!  ", null)).isEqualTo("hespress-fr");
    assertThat(Slugs.slug("2M", URI.create("https://www.2m.ma/fr"))).isEqualTo("2m");
  }

  @Test
  void aNameWithoutLatinLettersTakesItsHomePagesHost() {
    assertThat(Slugs.slug("هسبريس", URI.create("https://www.hespress.com/")))
        .isEqualTo("hespress");
    assertThat(Slugs.slug("المساء", URI.create("https://almassae.press.ma/")))
        .isEqualTo("almassae-press");
    assertThat(Slugs.slug("هسبريس", URI.create("https://localhost/"))).isEqualTo("localhost");
  }

  @Test
  void withoutAHomePageTheSlugIsAStableHashOfTheName() {
    assertThat(Slugs.slug("المساء", null))
        .matches("p-[0-9a-f]{8}")
        .isEqualTo(Slugs.slug("المساء", null))
        .isNotEqualTo(Slugs.slug("هسبريس", null));
  }
}
