package org.republisher.model;

import java.util.IllformedLocaleException;
import java.util.Locale;
import org.republisher.InvalidValueException;

/** Language tags: checked as BCP 47, underscores accepted, written in their canonical case. */
final class Languages {
  private Languages() {}

  static String tag(String field, String text) {
    String trimmed = text.strip().replace('_', '-');
    try {
      Locale locale = new Locale.Builder().setLanguageTag(trimmed).build();
      String tag = locale.toLanguageTag();
      if (locale.getLanguage().isEmpty() || tag.equals("und")) {
        throw new InvalidValueException(field, text, "is not a language tag");
      }
      return tag;
    } catch (IllformedLocaleException e) {
      throw new InvalidValueException(field, text, "is not a BCP 47 language tag", e);
    }
  }
}
