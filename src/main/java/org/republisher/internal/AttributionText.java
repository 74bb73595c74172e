package org.republisher.internal;

import static java.util.Objects.requireNonNull;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The attribution grammar: formats the line an aggregator shows under a republished title ("Publié
 * dans 2M le 04 - 06 - 2020") in French, Spanish, Arabic or English, and reads such a line back out
 * of scraped text. Stateless and thread-safe; the patterns are compiled once.
 *
 * <p>Reading is lenient. The text is first folded, character for character, into a form that is
 * only used for matching: bidi and other format marks, Arabic diacritics and tatweel, and Latin
 * combining accents are dropped; accented Latin letters lose their accent; the alef forms أ إ آ ٱ
 * become ا and ى becomes ي; Arabic-Indic and Extended Arabic-Indic digits become Western digits;
 * Unicode spaces become a plain space. The prefixes, connectors, weekdays and month names are
 * matched in that folded form, case-insensitively, while the publication name is taken verbatim
 * from the original text (only its format marks removed and its whitespace collapsed).
 *
 * <p>A line is a prefix ("Publié dans", "Publicado en", "نشر في", "Published in", and their
 * variants), a name of at most 80 characters on the same line, the language's connector ("le",
 * "el", "يوم" or "بتاريخ" or none, "on"), an optional weekday, and a date: day first with the same
 * separator twice ({@code 04 - 06 - 2020}, {@code 4-6-2020}, {@code 04/06/2020}, {@code
 * 04.06.2020}), ISO ({@code 2020-06-04}), or with a month name in any of the supported languages
 * and Arabic dialects, day first ("21 mars 2026", "1er avril 2026", "21 de marzo de 2026", "21
 * March 2026", "21 مارس 2026") or month first ("March 21, 2026").
 */
public final class AttributionText {

  /** The longest publication name a line may hold, in characters. */
  private static final int NAME_LIMIT = 80;

  /** How far after the name the connector and date are looked for. */
  private static final int TAIL_LIMIT = 256;

  private static final String SPACE = "[ \\t]+";
  private static final String OPT_SPACE = "[ \\t]*";
  private static final String COMMA = "[,\\u060C]?";

  /** Accented Latin letters from U+00C0 to U+024F, folded to their base letter. */
  private static final char[] LATIN = latinTable();

  /** Month names in every supported language and dialect, folded, mapped to the month number. */
  private static final Map<String, Integer> MONTHS = monthTable();

  /** Weekday names, which may come before a date and are ignored. */
  private static final Trie WEEKDAYS =
      trie(
          words(
              "lundi mardi mercredi jeudi vendredi samedi dimanche",
              "lunes martes miércoles jueves viernes sábado domingo",
              "monday tuesday wednesday thursday friday saturday sunday",
              "mon tue tues wed thu thur thurs fri sat sun",
              "الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد"));

  private static final Trie MONTH_NAMES = trie(MONTHS.keySet());

  private static final String DATE =
      "(?:"
          + WEEKDAYS.regex()
          + "\\.?"
          + COMMA
          + SPACE
          + ")?(?<date>"
          // ISO: 2020-06-04
          + "(?<isoY>[0-9]{4})"
          + OPT_SPACE
          + "(?<isoS>[-/.])"
          + OPT_SPACE
          + "(?<isoM>[0-9]{1,2})"
          + OPT_SPACE
          + "\\k<isoS>"
          + OPT_SPACE
          + "(?<isoD>[0-9]{1,2})"
          // day first: 04 - 06 - 2020, 4/6/2020, 04.06.2020
          + "|(?<numD>[0-9]{1,2})"
          + OPT_SPACE
          + "(?<numS>[-/.])"
          + OPT_SPACE
          + "(?<numM>[0-9]{1,2})"
          + OPT_SPACE
          + "\\k<numS>"
          + OPT_SPACE
          + "(?<numY>[0-9]{4})"
          // day, month name, year between separators: 21 - mars - 2026, 15 - غشت - 2019
          + "|(?<dsD>[0-9]{1,2})(?:er|st|nd|rd|th)?"
          + OPT_SPACE
          + "(?<dsS>[-/.])"
          + OPT_SPACE
          + "(?<dsM>"
          + MONTH_NAMES.regex()
          + ")\\.?"
          + OPT_SPACE
          + "\\k<dsS>"
          + OPT_SPACE
          + "(?<dsY>[0-9]{4})"
          // day, month name, year: 1er avril 2026, 21 de marzo de 2026, 21 مارس 2026
          + "|(?<dmD>[0-9]{1,2})(?:er|st|nd|rd|th)?"
          + SPACE
          + "(?:de"
          + SPACE
          + ")?(?<dmM>"
          + MONTH_NAMES.regex()
          + ")\\.?"
          + OPT_SPACE
          + COMMA
          + SPACE
          + "(?:del?"
          + SPACE
          + ")?(?<dmY>[0-9]{4})"
          // month name, day, year: March 21, 2026
          + "|(?<mdM>"
          + MONTH_NAMES.regex()
          + ")\\.?"
          + SPACE
          + "(?<mdD>[0-9]{1,2})(?:st|nd|rd|th)?"
          + OPT_SPACE
          + COMMA
          + SPACE
          + "(?<mdY>[0-9]{4})"
          + ")(?![0-9])";

  /** A date alone, folded, for {@link #date(CharSequence)}. */
  private static final Pattern DATE_ALONE = Pattern.compile(DATE, Pattern.CASE_INSENSITIVE);

  /**
   * Matches the start of a line, where a word starts with {@code p} or {@code ن}; the named group
   * tells its language.
   */
  private static final Pattern PREFIX =
      Pattern.compile(
          "(?:"
              + "(?<fr>publiee?"
              + SPACE
              + "(?:dans|sur))"
              + "|(?<es>publicad[oa]"
              + SPACE
              + "en)"
              + "|(?<ar>"
              + fold("نشرت?")
              + SPACE
              + fold("في")
              + ")"
              + "|(?<en>published"
              + SPACE
              + "(?:in|on))"
              + ")(?=[ \\t])",
          Pattern.CASE_INSENSITIVE);

  /** The named groups of {@link #PREFIX}, one per language. */
  private static final String[] LANGUAGES = {"fr", "es", "ar", "en"};

  /** The connectors before the date, per language, folded. */
  private static final String[][] CONNECTORS = {
    {"le"}, {"el dia", "el"}, {"يوم", "بتاريخ"}, {"on"}
  };

  /** Whether the connector may be left out, per language: only in Arabic. */
  private static final boolean[] OPTIONAL_CONNECTOR = {false, false, true, false};

  /** The rest of a line after the name, per language, in the order of {@link #LANGUAGES}. */
  private static final Pattern[] AFTER_NAME = {
    afterName("le", false),
    afterName("el(?:" + SPACE + "dia)?", false),
    afterName("(?:يوم|بتاريخ)", true),
    afterName("on", false)
  };

  /** How far after its first character a prefix is looked for. */
  private static final int PREFIX_LIMIT = 64;

  private AttributionText() {}

  /**
   * An attribution line read out of text.
   *
   * @param publication the publication's name, trimmed, whitespace collapsed; not blank
   * @param date the day of publication
   */
  public record Found(String publication, LocalDate date) {

    /**
     * Checks that both values are present and the name is not blank.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    public Found {
      requireNonNull(publication, "publication");
      requireNonNull(date, "date");
      if (publication.isBlank()) {
        throw new IllegalArgumentException("publication is blank");
      }
    }
  }

  /**
   * Formats the attribution line, such as "Publié dans 2M le 04 - 06 - 2020". The language is
   * chosen by the primary subtag of the BCP 47 tag, ignoring case ({@code fr-MA} is French); fr, es
   * and ar have their own line, any other language and {@code null} get the English one. The date
   * is written {@code dd - MM - yyyy} in Western digits. The name is trimmed and its whitespace
   * collapsed to single spaces, so that the line is one line.
   *
   * @param publicationName the publication's name; not blank
   * @param date the day of publication
   * @param language a BCP 47 tag, or {@code null} for English
   * @return the line, plain text
   * @throws IllegalArgumentException when the name is blank
   */
  public static String line(String publicationName, LocalDate date, @Nullable String language) {
    requireNonNull(publicationName, "publicationName");
    requireNonNull(date, "date");
    String name = collapse(publicationName);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("publicationName is blank");
    }
    String day = day(date);
    return switch (primary(language)) {
      case "fr" -> "Publié dans " + name + " le " + day;
      case "es" -> "Publicado en " + name + " el " + day;
      case "ar" -> "نشر في " + name + " يوم " + day;
      default -> "Published in " + name + " on " + day;
    };
  }

  /** The date as {@code dd - MM - yyyy}; by hand, as String.format was a twentieth of normalizing. */
  private static String day(LocalDate date) {
    int year = date.getYear();
    if (year < 0 || year > 9999) {
      return String.format(
          Locale.ROOT, "%02d - %02d - %04d", date.getDayOfMonth(), date.getMonthValue(), year);
    }
    char[] c = {'0', '0', ' ', '-', ' ', '0', '0', ' ', '-', ' ', '0', '0', '0', '0'};
    int d = date.getDayOfMonth();
    int m = date.getMonthValue();
    c[0] += (char) (d / 10);
    c[1] += (char) (d % 10);
    c[5] += (char) (m / 10);
    c[6] += (char) (m % 10);
    c[10] += (char) (year / 1000);
    c[11] += (char) (year / 100 % 10);
    c[12] += (char) (year / 10 % 10);
    c[13] += (char) (year % 10);
    return new String(c);
  }

  /**
   * Returns the text of the link to the original article, such as "Cliquez ici pour lire l'article
   * depuis sa source". The language is chosen as in {@link #line(String, LocalDate, String)}.
   *
   * @param language a BCP 47 tag, or {@code null} for English
   * @return the link text, plain text
   */
  public static String linkText(@Nullable String language) {
    return switch (primary(language)) {
      case "fr" -> "Cliquez ici pour lire l'article depuis sa source";
      case "es" -> "Haga clic aquí para leer el artículo en su fuente";
      case "ar" -> "اضغط هنا لقراءة المقال من مصدره";
      default -> "Click here to read the article at its source";
    };
  }

  /**
   * Reads an attribution line out of text, leniently: the line may stand anywhere in the text, in
   * any of the four languages, with any of the date forms described in the class documentation. The
   * first line found decides: when its date is not a real calendar day (31 - 02 - 2020), the result
   * is empty. Runs in time linear in the length of the text.
   *
   * @param text scraped text, such as a whole page
   * @return the publication's name and the date; empty when the text holds no line or the first
   *     line's date is not a real day
   */
  public static Optional<Found> parse(CharSequence text) {
    return Optional.ofNullable(read(text).found());
  }

  /**
   * What reading a text for an attribution line gave: the line, or the date of a line that is not
   * a real day, or nothing.
   *
   * @param found the line read, or {@code null}
   * @param impossibleDate the date as written of the first line found, when it is not a real
   *     calendar day ("31 - 02 - 2020"); else {@code null}
   */
  public record Reading(@Nullable Found found, @Nullable String impossibleDate) {}

  /**
   * Reads an attribution line out of text as {@link #parse(CharSequence)} does, and tells an
   * impossible date from no line at all.
   *
   * @param text scraped text
   * @return the reading
   */
  public static Reading read(CharSequence text) {
    requireNonNull(text, "text");
    Folded folded = Folded.of(text);
    String haystack = folded.text;
    Search search = new Search(haystack);
    Matcher prefix = PREFIX.matcher(haystack).useTransparentBounds(true).useAnchoringBounds(false);
    for (int i = 0; i < haystack.length(); i++) {
      char c = haystack.charAt(i);
      if ((c == 'p' || c == 'P' || c == 'ن')
          && (i == 0 || !Character.isLetterOrDigit(haystack.charAt(i - 1)))
          && prefix.region(i, Math.min(haystack.length(), i + PREFIX_LIMIT)).lookingAt()) {
        int language = language(prefix);
        int start = search.skipBlanks(prefix.end());
        int end = search.nameEnd(language, start);
        if (end >= 0) {
          String name = cleanName(text.subSequence(folded.original(start), folded.original(end)));
          if (!name.isEmpty()) { // a name of control characters only is no name
            Matcher tail = search.tail(language);
            try {
              return new Reading(new Found(name, date(tail)), null);
            } catch (DateTimeException e) {
              String written = dateText(text, folded, tail);
              return new Reading(null, written);
            }
          }
        }
      }
    }
    return new Reading(null, null);
  }

  /**
   * Reads a date alone, in the forms of an attribution line (the class documentation), day first:
   * {@code 04 - 06 - 2020}, {@code 04/06/2020}, {@code 2020-06-04}, "21 mars 2026", "15 - غشت -
   * 2019", Western or Arabic-Indic digits.
   *
   * @param text the date, and nothing else but blanks around it
   * @return the day; empty when the text is no such date
   * @throws DateTimeException when it is such a date but not a real calendar day
   */
  public static Optional<LocalDate> date(CharSequence text) {
    requireNonNull(text, "text");
    Matcher m = DATE_ALONE.matcher(Folded.of(text).text.strip());
    return m.matches() ? Optional.of(date(m)) : Optional.empty();
  }

  /** The date of a line as written in the original text, whitespace collapsed. */
  private static String dateText(CharSequence text, Folded folded, Matcher tail) {
    int from = tail.start("date");
    return collapse(text.subSequence(folded.original(from), folded.original(tail.end())));
  }

  /** Returns the index, in {@link #LANGUAGES}, of the language of a prefix match. */
  private static int language(Matcher prefix) {
    for (int i = 0; i < LANGUAGES.length - 1; i++) {
      if (prefix.start(LANGUAGES[i]) >= 0) {
        return i;
      }
    }
    return LANGUAGES.length - 1;
  }

  /** Compiles the rest of a line after the publication name: blanks, the connector and the date. */
  private static Pattern afterName(String connector, boolean optionalConnector) {
    return Pattern.compile(
        SPACE + "(?:" + connector + SPACE + ")" + (optionalConnector ? "?" : "") + DATE,
        Pattern.CASE_INSENSITIVE);
  }

  /** Returns true for a space or tab, the blanks that separate the words of a line. */
  private static boolean blank(char c) {
    return c == ' ' || c == '\t';
  }

  /** Returns true for a Western digit, to which the other digits are folded. */
  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Returns true for a character that ends a line, or a vertical blank that breaks it. */
  private static boolean lineBreak(char c) {
    return c == '\n'
        || c == '\r'
        || c == '\u000B'
        || c == '\f'
        || c == '\u0085'
        || c == '\u2028'
        || c == '\u2029';
  }

  /**
   * One search through folded text. The name of a line ends at a run of blanks followed by the
   * connector and the date; the scan tries each possible end from the shortest name to the longest
   * ({@value AttributionText#NAME_LIMIT} characters), and remembers, per language, the positions
   * where the rest of a line was not found, so that each position is matched at most once per
   * language however many prefixes precede it: the search stays linear in the length of the text.
   */
  private static final class Search {
    private final String text;
    private final Matcher[] tails = new Matcher[LANGUAGES.length];
    private final BitSet[] misses = new BitSet[LANGUAGES.length];

    Search(String text) {
      this.text = text;
    }

    /** Returns the first index at or after {@code from} that is not a blank. */
    int skipBlanks(int from) {
      int i = from;
      while (i < text.length() && blank(text.charAt(i))) {
        i++;
      }
      return i;
    }

    /**
     * Returns the end of the shortest name starting at {@code start} that is followed by the rest
     * of a line in the language, leaving the match in {@link #tail(int)}; or -1 when there is none.
     */
    int nameEnd(int language, int start) {
      if (start >= text.length() || lineBreak(text.charAt(start))) {
        return -1;
      }
      int last = Math.min(text.length() - 1, start + NAME_LIMIT);
      for (int end = start + 1; end <= last; end++) {
        char c = text.charAt(end);
        if (lineBreak(c)) {
          return -1;
        }
        if (blank(c) && !blank(text.charAt(end - 1)) && restOfLine(language, end)) {
          return end;
        }
      }
      return -1;
    }

    /** Returns true when the connector and a date follow the blanks at {@code at}. */
    private boolean restOfLine(int language, int at) {
      BitSet missed = misses[language];
      if (missed == null) {
        missed = new BitSet();
        misses[language] = missed;
      }
      if (missed.get(at)) {
        return false;
      }
      if (plausible(language, at)
          && tail(language).region(at, Math.min(text.length(), at + TAIL_LIMIT)).lookingAt()) {
        return true;
      }
      missed.set(at);
      return false;
    }

    /**
     * Returns false when the rest of a line cannot start at {@code at}: checks by hand, loosely and
     * quickly, what the pattern checks exactly and slowly (the connector, then the shape of a
     * date), so that the pattern only runs where a line is likely. True does not mean that the rest
     * of a line is there; false means that it is not.
     */
    private boolean plausible(int language, int at) {
      int i = skipBlanks(at);
      for (String connector : CONNECTORS[language]) {
        int date = wordEnd(i, connector);
        if (date > 0 && dateMayStart(date)) {
          return true;
        }
      }
      return OPTIONAL_CONNECTOR[language] && dateMayStart(i);
    }

    /** Returns false when no date starts at {@code i}, with or without a weekday. */
    private boolean dateMayStart(int i) {
      int weekday = WEEKDAYS.longest(text, i);
      if (weekday > i) {
        int date = skip(weekday, ".,\u060C \t");
        if (date > weekday && dateShape(date)) {
          return true;
        }
      }
      return dateShape(i);
    }

    /**
     * Returns false when no date of the grammar starts at {@code i}: an ISO or day-first date, a
     * day and a month name and a year, or a month name and a day and a year.
     */
    private boolean dateShape(int i) {
      if (i >= text.length()) {
        return false;
      }
      if (!digit(text.charAt(i))) {
        int month = MONTH_NAMES.longest(text, i);
        if (month < 0) {
          return false;
        }
        int day = skip(month, ". \t");
        int dayEnd = digits(day);
        return dayEnd > day && dayEnd - day <= 2 && year(skip(letters(dayEnd), " \t,\u060C"));
      }
      int end = digits(i);
      int separator = skipBlanks(end);
      if (end - i <= 4 && separator < text.length() && "-/.".indexOf(text.charAt(separator)) >= 0) {
        return true;
      }
      if (end - i > 2) {
        return false;
      }
      int suffix = letters(end); // 1er, 21st
      int month = skipBlanks(suffix);
      if (month == suffix) {
        return false;
      }
      int afterDe = wordEnd(month, "de");
      int monthEnd = MONTH_NAMES.longest(text, afterDe > 0 ? afterDe : month);
      if (monthEnd < 0) {
        return false;
      }
      int year = skip(monthEnd, ". \t,\u060C");
      int afterDel = wordEnd(year, "del");
      if (afterDel < 0) {
        afterDel = wordEnd(year, "de");
      }
      return year(afterDel > 0 ? afterDel : year);
    }

    /** Returns true when exactly four digits start at {@code i}. */
    private boolean year(int i) {
      return digits(i) - i == 4;
    }

    /** Returns the end of the run of digits that starts at {@code i}. */
    private int digits(int i) {
      int end = i;
      while (end < text.length() && digit(text.charAt(end))) {
        end++;
      }
      return end;
    }

    /** Returns the end of up to two letters at {@code i}, an ordinal suffix. */
    private int letters(int i) {
      int end = i;
      while (end < text.length() && end - i < 2 && Character.isLetter(text.charAt(end))) {
        end++;
      }
      return end;
    }

    /** Returns the end of the run of characters among {@code chars} that starts at {@code i}. */
    private int skip(int i, String chars) {
      int end = i;
      while (end < text.length() && chars.indexOf(text.charAt(end)) >= 0) {
        end++;
      }
      return end;
    }

    /**
     * Returns the index after a word at {@code i} and the blanks that must follow it, ignoring
     * case; -1 when the word is not there. A space in the word matches a run of blanks.
     */
    private int wordEnd(int i, String word) {
      int at = i;
      for (int k = 0; k < word.length(); k++) {
        char c = word.charAt(k);
        if (c == ' ') {
          if (at >= text.length() || !blank(text.charAt(at))) {
            return -1;
          }
          at = skipBlanks(at);
        } else if (at < text.length() && Character.toLowerCase(text.charAt(at)) == c) {
          at++;
        } else {
          return -1;
        }
      }
      return at < text.length() && blank(text.charAt(at)) ? skipBlanks(at) : -1;
    }

    /** Returns the matcher of the rest of a line in a language, holding its last match. */
    Matcher tail(int language) {
      Matcher m = tails[language];
      if (m == null) {
        m = AFTER_NAME[language].matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        tails[language] = m;
      }
      return m;
    }
  }

  /**
   * Returns the date a line matcher holds.
   *
   * @throws DateTimeException when it is not a real calendar day (31 - 02 - 2020)
   */
  private static LocalDate date(Matcher m) {
    if (m.group("isoY") != null) {
      return LocalDate.of(number(m, "isoY"), number(m, "isoM"), number(m, "isoD"));
    }
    if (m.group("numY") != null) {
      return LocalDate.of(number(m, "numY"), number(m, "numM"), number(m, "numD"));
    }
    if (m.group("dsY") != null) {
      return LocalDate.of(number(m, "dsY"), month(m, "dsM"), number(m, "dsD"));
    }
    if (m.group("dmY") != null) {
      return LocalDate.of(number(m, "dmY"), month(m, "dmM"), number(m, "dmD"));
    }
    return LocalDate.of(number(m, "mdY"), month(m, "mdM"), number(m, "mdD"));
  }

  /** Returns a group of ASCII digits as a number. */
  private static int number(Matcher m, String group) {
    return Integer.parseInt(requireNonNull(m.group(group), group));
  }

  /** Returns the number of the month whose name a group holds. */
  private static int month(Matcher m, String group) {
    String name = collapse(requireNonNull(m.group(group), group)).toLowerCase(Locale.ROOT);
    return requireNonNull(MONTHS.get(name), name);
  }

  /** Returns the lower-case primary subtag of a BCP 47 tag, {@code "en"} for {@code null}. */
  private static String primary(@Nullable String language) {
    if (language == null) {
      return "en";
    }
    String tag = language.strip();
    int end = 0;
    while (end < tag.length() && tag.charAt(end) != '-' && tag.charAt(end) != '_') {
      end++;
    }
    return tag.substring(0, end).toLowerCase(Locale.ROOT);
  }

  /** Removes format marks (bidi marks, BOM, soft hyphen) from a name and collapses whitespace. */
  private static String cleanName(CharSequence name) {
    StringBuilder kept = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      // zero-width (non-)joiners shape Arabic-script letters: they belong to the name
      if (Character.getType(c) != Character.FORMAT || c == '\u200C' || c == '\u200D') {
        kept.append(c);
      }
    }
    return collapse(kept);
  }

  /** Trims text and collapses each run of whitespace, Unicode spaces included, to one space. */
  private static String collapse(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Folds one character for matching: returns the character that replaces it, or -1 when it is
   * dropped.
   */
  private static int fold(char c) {
    if (c < 0x80) {
      return c;
    }
    if (c >= 0xC0 && c < 0xC0 + LATIN.length) {
      return LATIN[c - 0xC0];
    }
    if (c >= '\u0660' && c <= '\u0669') {
      return '0' + (c - '\u0660');
    }
    if (c >= '\u06F0' && c <= '\u06F9') {
      return '0' + (c - '\u06F0');
    }
    switch (c) {
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58',
          '\uFE63', '\uFF0D': // hyphens, dashes and minus signs between the parts of a date
        return '-';
      case '\u2044', '\u2215', '\uFF0F': // fraction and division slashes, fullwidth solidus
        return '/';
      case '\u0622', '\u0623', '\u0625', '\u0671': // alef with madda, hamza above/below, wasla
        return '\u0627';
      case '\u0649', '\u06CC': // alef maksura, Farsi yeh
        return '\u064A';
      case '\u06A9': // keheh
        return '\u0643';
      case '\u0640': // tatweel
        return -1;
      default:
        break;
    }
    int type = Character.getType(c);
    if (type == Character.FORMAT || type == Character.NON_SPACING_MARK) {
      return -1;
    }
    if (type == Character.DECIMAL_DIGIT_NUMBER) {
      return '0' + Character.digit(c, 10); // fullwidth, Devanagari and other decimal digits
    }
    if (type == Character.SPACE_SEPARATOR) {
      return ' ';
    }
    return c;
  }

  /** Folds a whole string, as {@link #fold(char)} does, for the fixed words of the grammar. */
  private static String fold(String text) {
    return Folded.of(text).text;
  }

  /** Builds the table of accented Latin letters and their base letter. */
  private static char[] latinTable() {
    char[] table = new char[0x250 - 0xC0];
    for (int i = 0; i < table.length; i++) {
      char c = (char) (0xC0 + i);
      String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
      char base = decomposed.charAt(0);
      table[i] = decomposed.length() > 1 && base < 0x80 && Character.isLetter(base) ? base : c;
    }
    return table;
  }

  /**
   * Builds the month table. Each row is a language or dialect, January first; spellings of the same
   * month are separated by {@code |}.
   */
  private static Map<String, Integer> monthTable() {
    String[][] rows = {
      { // French, with the abbreviations of newspapers
        "janvier|janv", "février|févr|fév", "mars", "avril|avr", "mai", "juin",
        "juillet|juil", "août", "septembre|sept", "octobre|oct", "novembre|nov", "décembre|déc"
      },
      { // Spanish
        "enero|ene",
        "febrero|feb",
        "marzo",
        "abril|abr",
        "mayo",
        "junio",
        "julio",
        "agosto|ago",
        "septiembre|setiembre|sept|sep",
        "octubre|oct",
        "noviembre|nov",
        "diciembre|dic"
      },
      { // English
        "january|jan",
        "february|feb",
        "march|mar",
        "april|apr",
        "may",
        "june|jun",
        "july|jul",
        "august|aug",
        "september|sept|sep",
        "october|oct",
        "november|nov",
        "december|dec"
      },
      { // Arabic, Egypt and the Gulf (Mashriq)
        "يناير",
        "فبراير",
        "مارس",
        "أبريل|إبريل",
        "مايو",
        "يونيو|يونيه",
        "يوليو|يوليه",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر"
      },
      { // Arabic, Levant and Iraq
        "كانون الثاني|كانون ثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين الأول|تشرين أول",
        "تشرين الثاني|تشرين ثاني",
        "كانون الأول|كانون أول"
      },
      { // Arabic, Morocco
        "يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر",
        "نونبر", "دجنبر"
      },
      { // Arabic, Algeria and Tunisia
        "جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر",
        "نوفمبر", "ديسمبر"
      }
    };
    Map<String, Integer> table = new HashMap<>();
    for (String[] row : rows) {
      for (int month = 1; month <= 12; month++) {
        for (String spelling : row[month - 1].split("\\|")) {
          String key = fold(spelling).toLowerCase(Locale.ROOT);
          Integer before = table.putIfAbsent(key, month);
          if (before != null && before != month) {
            throw new IllegalStateException(key + " is month " + before + " and " + month);
          }
        }
      }
    }
    return Map.copyOf(table);
  }

  /** Returns the words of rows of words separated by spaces. */
  private static List<String> words(String... rows) {
    List<String> words = new ArrayList<>();
    for (String row : rows) {
      words.addAll(List.of(row.split(" ")));
    }
    return words;
  }

  /** Returns a trie of words, folded and lower-cased. */
  private static Trie trie(Iterable<String> words) {
    Trie root = new Trie();
    for (String word : words) {
      Trie node = root;
      for (char c : fold(word).toLowerCase(Locale.ROOT).toCharArray()) {
        node = node.next.computeIfAbsent(c, k -> new Trie());
      }
      node.end = true;
    }
    return root;
  }

  /**
   * Words in a trie, folded and lower-cased. It gives a regex in which alternatives are factored by
   * their common beginnings, so that a failed attempt costs a character or two rather than one
   * comparison per word, and a longer word is tried before its prefix. A space inside a word
   * matches any run of spaces and tabs.
   */
  private static final class Trie {
    final Map<Character, Trie> next = new TreeMap<>();
    boolean end;

    /** Returns the regex of the words below this node, the longest first. */
    String regex() {
      List<String> branches = new ArrayList<>();
      for (Map.Entry<Character, Trie> e : next.entrySet()) {
        char c = e.getKey();
        String head =
            c == ' '
                ? SPACE
                : Character.isLetterOrDigit(c)
                    ? String.valueOf(c)
                    : Pattern.quote(String.valueOf(c));
        branches.add(head + e.getValue().regex());
      }
      if (branches.isEmpty()) {
        return "";
      }
      String alternatives =
          branches.size() == 1 ? branches.get(0) : "(?:" + String.join("|", branches) + ")";
      return end ? "(?:" + alternatives + ")?" : alternatives;
    }

    /**
     * Returns the end of the longest word that starts at {@code from} in folded text, ignoring
     * case, or -1 when none does.
     */
    int longest(String text, int from) {
      Trie node = this;
      int longest = end ? from : -1;
      int i = from;
      while (i < text.length()) {
        char c = text.charAt(i);
        Trie child = node.next.get(blank(c) ? ' ' : Character.toLowerCase(c));
        if (child == null) {
          break;
        }
        i++;
        while (blank(c) && i < text.length() && blank(text.charAt(i))) {
          i++;
        }
        node = child;
        if (node.end) {
          longest = i;
        }
      }
      return longest;
    }
  }

  /**
   * Text folded for matching, with the way back to the original: {@code original(i)} is the index
   * in the original text of the folded character at {@code i}.
   */
  private static final class Folded {
    final String text;
    private final int @Nullable [] origins;
    private final int originalLength;

    private Folded(String text, int @Nullable [] origins, int originalLength) {
      this.text = text;
      this.origins = origins;
      this.originalLength = originalLength;
    }

    /** Folds text; the index table is only built once a character has been dropped. */
    static Folded of(CharSequence original) {
      int n = original.length();
      char[] out = new char[n];
      int[] origins = null;
      int length = 0;
      for (int i = 0; i < n; i++) {
        int folded = fold(original.charAt(i));
        if (folded < 0) {
          if (origins == null) {
            origins = new int[n];
            for (int k = 0; k < length; k++) {
              origins[k] = k;
            }
          }
          continue;
        }
        if (origins != null) {
          origins[length] = i;
        }
        out[length++] = (char) folded;
      }
      return new Folded(new String(out, 0, length), origins, n);
    }

    /**
     * Returns the index in the original text of the folded character at an index, or the original
     * length for the folded length.
     */
    int original(int index) {
      if (index >= text.length()) {
        return originalLength;
      }
      return origins == null ? index : origins[index];
    }
  }
}
