package org.republisher.model;

import static org.republisher.internal.Checks.notNull;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.AttributionText;

/**
 * The credit of a republished article: which publication published it, on which day, and where the
 * original is. Immutable and thread-safe.
 *
 * <p>It reads both ways. {@link #line(String)} formats the human line an aggregator shows under the
 * title, in the article's language:
 *
 * <ul>
 *   <li>fr: "Publié dans 2M le 04 - 06 - 2020"
 *   <li>es: "Publicado en 2M el 04 - 06 - 2020"
 *   <li>ar: "نشر في 2M يوم 04 - 06 - 2020"
 *   <li>en (and any other language): "Published in 2M on 04 - 06 - 2020"
 * </ul>
 *
 * <p>and {@link #parse(CharSequence)} reads such a line back out of scraped text, in these four
 * languages, with numeric dates ({@code 04 - 06 - 2020}, {@code 04/06/2020}, {@code 2020-06-04})
 * or month names ("21 mars 2026", "21 - mars - 2026", "21 de marzo de 2026", "March 21, 2026",
 * "21 مارس 2026", the Moroccan "15 - غشت - 2019" and the Algerian "21 جوان 2026"), in Western or
 * Arabic-Indic digits, with any spaces and dashes between the parts.
 *
 * @param publication who published the original
 * @param date the day it was published, in the publication's zone
 * @param sourceLink the original article, or {@code null} when unknown
 */
public record Attribution(Publication publication, LocalDate date, @Nullable URI sourceLink) {

  /**
   * The time of day given to a date that has none: noon in the publication's zone, so the calendar
   * day stays the same for readers from UTC−11 to UTC+12.
   */
  public static final LocalTime DATE_ONLY_TIME = LocalTime.NOON;

  /** Checks that the publication and date are present. */
  public Attribution {
    notNull(publication, "publication");
    notNull(date, "date");
  }

  /**
   * Formats the attribution line in a language, such as "Publié dans 2M le 04 - 06 - 2020". Only
   * the primary subtag counts ({@code fr-MA} is French); a language other than fr, es, ar or en
   * gets the English line.
   *
   * @param language a BCP 47 tag, or {@code null} for English
   * @return the line, plain text
   */
  public String line(@Nullable String language) {
    return AttributionText.line(publication.name(), date, language);
  }

  /**
   * Returns the text of the link to the original in a language, such as "Cliquez ici pour lire
   * l'article depuis sa source".
   *
   * @param language a BCP 47 tag, or {@code null} for English
   * @return the link text, plain text
   */
  public static String linkText(@Nullable String language) {
    return AttributionText.linkText(language);
  }

  /**
   * Returns the instant of this attribution's date: {@link #DATE_ONLY_TIME} on that day in the
   * publication's zone.
   *
   * @return the instant
   */
  public Instant instant() {
    return date.atTime(DATE_ONLY_TIME).atZone(publication.zone()).toInstant();
  }

  /**
   * Reads an attribution line out of text, leniently: the line may stand anywhere in the text,
   * among other lines. The publication gets the {@link Publication#DEFAULT_ZONE default zone}.
   *
   * @param text scraped text that may hold a line such as "Publié dans 2M le 04 - 06 - 2020"
   * @return the attribution, without source link; empty when no line is found or its date is not
   *     a real day
   */
  public static Optional<Attribution> parse(CharSequence text) {
    return parse(text, Publication.DEFAULT_ZONE);
  }

  /**
   * Reads an attribution line out of text, as {@link #parse(CharSequence)} does, and gives the
   * publication a zone.
   *
   * @param text scraped text
   * @param zone the publication's zone
   * @return the attribution, or empty
   */
  public static Optional<Attribution> parse(CharSequence text, ZoneId zone) {
    notNull(text, "text");
    notNull(zone, "zone");
    return AttributionText.parse(text)
        .map(
            found ->
                new Attribution(
                    Publication.builder(found.publication()).zone(zone).build(),
                    found.date(),
                    null));
  }

  /**
   * Reads an attribution line strictly: as {@link #parse(CharSequence)}, but fails when there is
   * none.
   *
   * @param text scraped text
   * @return the attribution, without source link
   * @throws InvalidValueException quoting the text when no attribution line is found in it, or
   *     when the line's date is not a real day ("31 - 02 - 2020": the message says so)
   */
  public static Attribution of(CharSequence text) {
    if (text == null) {
      throw new InvalidValueException("attribution", null, "must not be null");
    }
    AttributionText.Reading reading = AttributionText.read(text);
    AttributionText.Found found = reading.found();
    if (found != null) {
      return new Attribution(Publication.of(found.publication()), found.date(), null);
    }
    if (reading.impossibleDate() != null) {
      throw new InvalidValueException(
          "attribution", text, "has a date that does not exist (" + reading.impossibleDate() + ")");
    }
    throw new InvalidValueException("attribution", text, "is not an attribution line");
  }
}
