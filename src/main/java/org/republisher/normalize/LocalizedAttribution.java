package org.republisher.normalize;

import org.jspecify.annotations.Nullable;
import org.republisher.internal.Html;
import org.republisher.model.Article;
import org.republisher.model.Attribution;

/** The default credit: the localized attribution line and a localized link to the original. */
final class LocalizedAttribution implements AttributionTemplate {

  @Override
  public String html(Article article, @Nullable Attribution attribution, @Nullable String language) {
    StringBuilder out = new StringBuilder(256);
    if (attribution != null) {
      out.append("<p>").append(Html.escape(attribution.line(language))).append("</p>");
    }
    var source = attribution != null ? attribution.sourceLink() : null;
    if (source != null) {
      out.append("<p><a href=\"")
          .append(Html.escape(source.toString()))
          .append("\">")
          .append(Html.escape(Attribution.linkText(language)))
          .append("</a></p>");
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "AttributionTemplate.LOCALIZED";
  }
}
