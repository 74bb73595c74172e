package org.republisher.normalize;

import org.jspecify.annotations.Nullable;
import org.republisher.model.Article;
import org.republisher.model.Attribution;

/**
 * Renders the visible credit appended to each article's content: the attribution line and the
 * link to the original.
 *
 * <p>The default, {@link #LOCALIZED}, writes in the article's language (fr, es, ar, en; English for
 * any other):
 *
 * <pre>{@code
 * <p>Publié dans 2M le 04 - 06 - 2020</p>
 * <p><a href="https://www.2m.ma/fr/news/article-12345">Cliquez ici pour lire l'article depuis sa source</a></p>
 * }</pre>
 *
 * <p>A host replaces it to change the wording or the markup. What a host template returns is
 * cleaned like content (no script, no event handler, absolute URLs only), and wrapped with the
 * content in {@code <div dir="rtl">} for a right-to-left language. Implementations must be
 * thread-safe and deterministic.
 */
@FunctionalInterface
public interface AttributionTemplate {

  /**
   * The default template: the localized line of {@link Attribution#line(String)} and a link with
   * {@link Attribution#linkText(String)}.
   */
  AttributionTemplate LOCALIZED = new LocalizedAttribution();

  /** A template that appends nothing: the credit then lives only in the feed's native elements. */
  AttributionTemplate NONE = (article, attribution, language) -> "";

  /**
   * Renders the credit of one article.
   *
   * @param article the article, as given
   * @param attribution its attribution: publication, the day in the publication's zone and the
   *     absolute source link; {@code null} when the article names no publication
   * @param language the article's language (BCP 47), or {@code null} when unknown
   * @return an HTML fragment, possibly empty
   */
  String html(Article article, @Nullable Attribution attribution, @Nullable String language);
}
