package org.republisher.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.republisher.testing.FeedRules.words;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.republisher.testing.FeedRules.Sink;

/** Values: dates, URIs, e-mail addresses, languages, media types. */
final class Values {
  private static final List<String> MONTHS =
      List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

  /** RFC 2822 as the W3C wants it: 4-digit year, zone GMT/UT/Z, a US zone or +-hhmm. */
  private static final Pattern RFC822 =
      Pattern.compile(
          "(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\\d{1,2})"
              + " (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\\d{4})"
              + " (\\d{2}):(\\d{2})(?::(\\d{2}))?"
              + " ([+-]?\\d{2}[03]0|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)");

  /** What RFC 822 still allows (lower case, 2-digit years, military zones...). */
  private static final Pattern RFC822_LOOSE =
      Pattern.compile(
          "(?:(?:mon|tue|wed|thu|fri|sat|sun)\\s*,\\s*)?\\d{1,2}\\s+"
              + "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\s+\\d{2}(?:\\d{2})?\\s+"
              + "\\d{2}:\\d{2}(?::\\d{2})?\\s+"
              + "(?:[+-]\\d{4}|ut|gmt|est|edt|cst|cdt|mst|mdt|pst|pdt|[a-ik-z])");

  private static final Pattern RFC3339 =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?"
              + "(Z|([+-])(\\d{2}):(\\d{2}))");
  private static final Pattern W3CDTF =
      Pattern.compile(
          "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?"
              + "(?:Z|[+-]\\d{2}:\\d{2}))?)?)?");
  private static final Instant PLAUSIBLE_SINCE = Instant.parse("1990-01-01T00:00:00Z");
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):");
  private static final String URI_PUNCTUATION = ";/?:@&=+$.-_!~*'()%,#";
  private static final Pattern TAG_URI =
      Pattern.compile(
          "tag:(?:[a-z0-9._-]+@)?[a-z0-9.-]+,\\d{4}(?:-\\d{2}(?:-\\d{2})?)?:"
              + "[0-9a-zA-Z;/?:@&=+$.\\-_!~*'()%,]*(?:#[0-9a-zA-Z;/?:@&=+$.\\-_!~*'()%,]*)?");
  private static final Pattern URN =
      Pattern.compile(
          "urn:[a-z0-9][a-z0-9-]{1,31}:(?:[a-z0-9()+,.:=@;$_!*'-]|%[0-9a-f]{2})+",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern UUID_URN =
      Pattern.compile(
          "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern HOST_URL = Pattern.compile("[A-Za-z]+://[^/].*");
  private static final Pattern HTTP_URL =
      Pattern.compile(
          "(?i)https?://(?:[a-z0-9-]+\\.)+[a-z0-9][a-z0-9-]*(?::\\d+)?"
              + "(?:[/?#][0-9a-z;/?:@&=+$.\\-_!~*'()%,#]*)?");

  /**
   * Schemes in the IANA registry (the W3C's list, abridged); others are SchemeNotIANARegistered.
   */
  private static final Set<String> IANA_SCHEMES =
      words(
          "ftp http https mailto news nntp telnet file data urn tag tel fax sip sips im pres xmpp"
              + " rtsp ldap info dns cid mid imap pop dav go snmp tftp z39.50r z39.50s gopher"
              + " wais prospero nfs ipp crid");

  private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
  private static final Pattern MIME_TYPE =
      Pattern.compile(
          TOKEN
              + "/"
              + TOKEN
              + "(?:\\s*;\\s*"
              + TOKEN
              + "=(?:"
              + TOKEN
              + "|\"(?:[^\"\\\\]|\\\\.)*\"))*");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9_+.'-]+@(?:[A-Za-z0-9-]+\\.)+[A-Za-z0-9][A-Za-z0-9-]*");
  private static final Pattern EMAIL_WITH_NAME = Pattern.compile("(\\S+@\\S+)\\s*\\((.+)\\)");
  private static final Pattern LANGUAGE_TAG =
      Pattern.compile("[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*");
  private static final Set<String> LANGUAGES = languages();
  private static final Pattern URI_PARTS =
      Pattern.compile(
          "(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?", Pattern.DOTALL);
  private static final String PCHAR = "-._~!$&'()*+,;=:@";
  private static final Map<String, Integer> DEFAULT_PORTS =
      Map.of("http", 80, "https", 443, "ftp", 21);

  /** W3C InvalidRFC2822Date, IncorrectDOW, ProblematicalRFC822Date, ImplausibleDate. */
  static void rfc822(String value, Sink sink) {
    Matcher m = RFC822.matcher(value);
    if (!m.matches()) {
      String loose = value.replaceAll("\\\\.", "").replaceAll("\\([^()]*\\)", " ").strip();
      if (RFC822_LOOSE.matcher(loose.toLowerCase(Locale.ROOT)).matches()) {
        // W3C ProblematicalRFC822Date: valid RFC 822, but readers misread it.
        sink.add(
            "ProblematicalRFC822Date",
            "\""
                + value
                + "\" is a problematical RFC 822 date: write it like \"Thu, 04 Jun 2020 08:30:00"
                + " GMT\"");
      } else {
        sink.add(
            "InvalidRFC2822Date",
            "\""
                + value
                + "\" is not an RFC 822 date-time like \"Thu, 04 Jun 2020 08:30:00 GMT\"");
      }
      return;
    }
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(m.group(4)),
              MONTHS.indexOf(m.group(3)) + 1,
              Integer.parseInt(m.group(2)));
      LocalTime time = time(m.group(5), m.group(6), m.group(7));
      String dayOfWeek = m.group(1);
      String actual = date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      if (dayOfWeek != null && !dayOfWeek.equals(actual)) {
        // W3C IncorrectDOW: a sign of broken date formatting.
        sink.add(
            "IncorrectDOW",
            "\"" + value + "\": " + date + " is a " + actual + ", not a " + dayOfWeek);
        return;
      }
      plausible(LocalDateTime.of(date, time).toInstant(zone(m.group(8))), value, sink);
    } catch (DateTimeException e) {
      sink.add(
          "InvalidRFC2822Date", "\"" + value + "\" is not a real date-time: " + e.getMessage());
    }
  }

  private static ZoneOffset zone(String zone) {
    switch (zone) {
      case "UT", "GMT", "Z" -> {
        return ZoneOffset.UTC;
      }
      case "EDT" -> {
        return ZoneOffset.ofHours(-4);
      }
      case "EST", "CDT" -> {
        return ZoneOffset.ofHours(-5);
      }
      case "CST", "MDT" -> {
        return ZoneOffset.ofHours(-6);
      }
      case "MST", "PDT" -> {
        return ZoneOffset.ofHours(-7);
      }
      case "PST" -> {
        return ZoneOffset.ofHours(-8);
      }
      default -> {
        int sign = zone.startsWith("-") ? -1 : 1;
        String digits = zone.replaceFirst("^[+-]", "");
        return ZoneOffset.ofHoursMinutes(
            sign * Integer.parseInt(digits.substring(0, 2)),
            sign * Integer.parseInt(digits.substring(2)));
      }
    }
  }

  private static LocalTime time(String hour, String minute, @Nullable String second) {
    int seconds = second == null ? 0 : Integer.parseInt(second);
    if (seconds > 60) {
      throw new DateTimeException("second " + seconds);
    }
    // A leap second (60) is a valid time of day in a feed.
    return LocalTime.of(Integer.parseInt(hour), Integer.parseInt(minute), Math.min(seconds, 59));
  }

  /** W3C InvalidRFC3339Date (Atom; JSON Feed uses the same with lower case allowed). */
  static void rfc3339(
      String value, boolean anyCase, boolean checkPlausible, String rule, Sink sink) {
    Matcher m = RFC3339.matcher(anyCase ? value.toUpperCase(Locale.ROOT) : value);
    if (!m.matches()) {
      sink.add(
          rule,
          "\""
              + value
              + "\" is not an RFC 3339 date-time with a zone, like \"2020-06-04T08:30:00Z\"");
      return;
    }
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      LocalTime time = time(m.group(4), m.group(5), m.group(6));
      ZoneOffset offset =
          m.group(8).equals("Z") ? ZoneOffset.UTC : zone(m.group(9) + m.group(10) + m.group(11));
      if (checkPlausible) {
        plausible(LocalDateTime.of(date, time).toInstant(offset), value, sink);
      }
    } catch (DateTimeException e) {
      sink.add(rule, "\"" + value + "\" is not a real date-time: " + e.getMessage());
    }
  }

  /** W3C InvalidW3CDTFDate (dc:date), ImplausibleDate. */
  static void w3cdtf(String value, Sink sink) {
    Matcher m = W3CDTF.matcher(value);
    if (!m.matches()) {
      sink.add(
          "InvalidW3CDTFDate",
          "\"" + value + "\" is not a W3C date-time like \"2020-06-04T08:30:00Z\"");
      return;
    }
    try {
      if (m.group(3) != null) {
        LocalDate.of(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
      }
      if (m.group(4) != null) {
        time(m.group(4), m.group(5), m.group(6));
      }
    } catch (DateTimeException e) {
      sink.add("InvalidW3CDTFDate", "\"" + value + "\" is not a real date: " + e.getMessage());
      return;
    }
    if (Integer.parseInt(m.group(1)) < 1990) {
      sink.add("ImplausibleDate", "\"" + value + "\" is before 1990");
    }
  }

  /**
   * W3C ImplausibleDate: before 1990, or in the future. The W3C allows 10 minutes of clock skew;
   * here a date is "in the future" only beyond a year from now, because tests write feeds with a
   * fixed clock that may run ahead of the real one, and a verdict must not depend on the hour the
   * tests run.
   */
  private static void plausible(Instant instant, String value, Sink sink) {
    if (instant.isBefore(PLAUSIBLE_SINCE)) {
      sink.add("ImplausibleDate", "\"" + value + "\" is before 1990");
    } else if (instant.isAfter(Instant.now().plus(366, ChronoUnit.DAYS))) {
      sink.add("ImplausibleDate", "\"" + value + "\" is more than a year in the future");
    }
  }

  /** The scheme of a URI, in lower case, or null for a relative reference. */
  static @Nullable String scheme(String uri) {
    Matcher m = SCHEME.matcher(uri);
    return m.lookingAt() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /**
   * Checks a URI (or, with {@code iri}, an IRI) that must be absolute: W3C InvalidTAG,
   * InvalidUUID, InvalidURN, InvalidUriChar, UriNotIri, SchemeNotIANARegistered, and the given
   * rules for a relative reference and for an invalid one. Returns whether it is usable.
   */
  static boolean uri(
      String value, boolean iri, String relativeRule, String invalidRule, Sink sink) {
    if (value.isEmpty()) {
      sink.add(relativeRule, "empty URI");
      return false;
    }
    String scheme = scheme(value);
    if ("tag".equals(scheme)) {
      if (!TAG_URI.matcher(value).matches()) {
        // W3C InvalidTAG (RFC 4151: tag:authority,date:specific)
        sink.add("InvalidTAG", "\"" + value + "\" is not a valid tag: URI (RFC 4151)");
        return false;
      }
      return true;
    }
    if ("urn".equals(scheme)) {
      if (value.toLowerCase(Locale.ROOT).startsWith("urn:uuid:")
          && !UUID_URN.matcher(value).matches()) {
        // W3C InvalidUUID
        sink.add("InvalidUUID", "\"" + value + "\" is not a valid urn:uuid: (RFC 4122)");
        return false;
      }
      if (!URN.matcher(value).matches()) {
        // W3C InvalidURN
        sink.add("InvalidURN", "\"" + value + "\" is not a valid URN");
        return false;
      }
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 128 && !Character.isLetterOrDigit(c) && URI_PUNCTUATION.indexOf(c) < 0) {
        // W3C InvalidUriChar
        sink.add(
            "InvalidUriChar",
            "\"" + value + "\" contains the character '" + c + "', which URIs do not allow");
        return false;
      }
      if (c >= 128 && !iri) {
        // W3C UriNotIri: RSS wants URIs; percent-encode other characters.
        sink.add(
            "UriNotIri", "\"" + value + "\" is an IRI: percent-encode its non-ASCII characters");
        return false;
      }
      if (c == '%' && !value.substring(i).matches("(?s)%[0-9A-Fa-f]{2}.*")) {
        sink.add(invalidRule, "\"" + value + "\" has a bad percent-encoding");
        return false;
      }
    }
    if (scheme == null) {
      sink.add(relativeRule, "\"" + value + "\" is a relative URI: give an absolute one");
      return false;
    }
    if (Set.of("http", "https", "ftp").contains(scheme) && !HOST_URL.matcher(value).matches()) {
      sink.add(invalidRule, "\"" + value + "\" has no host");
      return false;
    }
    if (scheme.matches("[a-z]+") && !IANA_SCHEMES.contains(scheme)) {
      // W3C SchemeNotIANARegistered
      sink.add(
          "SchemeNotIANARegistered",
          "\"" + value + "\": scheme " + scheme + " is not registered");
    }
    return true;
  }

  static boolean isAbsoluteIri(String value) {
    List<String> problems = new ArrayList<>();
    return uri(value, true, "relative", "invalid", (rule, message) -> problems.add(rule))
        && problems.isEmpty();
  }

  /** An http(s) URL with a host name, as the W3C wants for an enclosure. */
  static boolean isHttpUrl(String value) {
    return HTTP_URL.matcher(value).matches();
  }

  static boolean isMimeType(String value) {
    return MIME_TYPE.matcher(value.strip()).matches();
  }

  static boolean isEmail(String value) {
    return EMAIL.matcher(value).matches();
  }

  static boolean isInteger(String value) {
    return value.matches("[+-]?\\d{1,18}");
  }

  /** RSS author, managingEditor, webMaster: W3C InvalidContact, EmailFormat, MissingRealName. */
  static void emailWithName(String value, Sink sink) {
    String contact = value.startsWith("mailto:") ? value.substring("mailto:".length()) : value;
    if (contact.indexOf('@') <= 0) {
      sink.add(
          "InvalidContact",
          "\"" + value + "\" is not an e-mail address (put a name in dc:creator)");
      return;
    }
    if (!contact.endsWith(")")) {
      if (contact.contains(" ")) {
        // W3C EmailFormat (RSS Profile): "address (Real Name)"
        sink.add("EmailFormat", "\"" + value + "\": write \"address (Real Name)\"");
      } else {
        // W3C MissingRealName (RSS Profile)
        sink.add(
            "MissingRealName",
            "\"" + value + "\" has no real name: write \"address (Real Name)\"");
      }
      return;
    }
    Matcher m = EMAIL_WITH_NAME.matcher(contact);
    if (!m.matches() || !isEmail(m.group(1))) {
      sink.add("InvalidContact", "\"" + value + "\" is not \"address (Real Name)\"");
    }
  }

  /** W3C InvalidLanguage: the primary subtag is an ISO 639 code, the whole a language tag. */
  static void language(String value, String what, Sink sink) {
    String primary = value.split("-", 2)[0].toLowerCase(Locale.ROOT);
    if (!LANGUAGE_TAG.matcher(value).matches() || !LANGUAGES.contains(primary)) {
      sink.add(
          "InvalidLanguage",
          what + " \"" + value + "\" is not a language code like \"fr\" or \"ar-MA\"");
    }
  }

  /**
   * ISO 639-1 codes and their ISO 639-2 forms, plus a few ISO 639-2 codes the W3C accepts. Newer
   * ISO 639-3 codes (zgh, ary) are rejected, as the W3C rejects them.
   */
  private static Set<String> languages() {
    Set<String> codes = new HashSet<>();
    for (String code : Locale.getISOLanguages()) {
      codes.add(code);
      codes.add(Locale.forLanguageTag(code).getISO3Language());
    }
    codes.addAll(
        words(
            "x fre ger dut chi per cze gre arm baq bur geo ice mac mao may rum slo tib wel alb"
                + " ber kab fil haw gsw nds mul und ast ceb syr chr"));
    return Set.copyOf(codes);
  }

  /** A character that has no place in feed text, described, or null. */
  static @Nullable String badCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean c0 = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
      boolean c1 = c >= 0x80 && c <= 0x9F;
      if (c0 || c1 || c == '\uFFFD') {
        return String.format(
            "%s U+%04X",
            c == '\uFFFD' ? "the replacement character" : "the control character", (int) c);
      }
    }
    return null;
  }

  /**
   * The canonical form of a URI as the W3C computes it (lower-case scheme and host, no default
   * port, no dot segments, "/" for an empty path, percent-encoding normalized), or null.
   */
  static @Nullable String canonicalUri(String value) {
    Matcher m = URI_PARTS.matcher(value);
    if (!m.matches()) {
      return null;
    }
    String scheme = m.group(1) == null ? null : m.group(1).toLowerCase(Locale.ROOT);
    String authority = m.group(2);
    String path = m.group(3);
    StringBuilder canonical = new StringBuilder();
    if (scheme != null) {
      canonical.append(scheme).append(':');
    }
    String normalizedPath;
    if (authority != null) {
      canonical.append("//").append(authority(authority, scheme));
      normalizedPath = path(path);
    } else if (scheme == null && !path.startsWith("/")) {
      return null;
    } else if ("mailto".equals(scheme)) {
      normalizedPath = path;
    } else {
      normalizedPath = scheme == null ? path(path) : requote(path, PCHAR + "/");
    }
    String query = m.group(4) == null ? null : requote(m.group(4), PCHAR + "/?");
    String fragment = m.group(5) == null ? null : requote(m.group(5), PCHAR + "/?");
    if (normalizedPath == null
        || (m.group(4) != null && query == null)
        || (m.group(5) != null && fragment == null)) {
      return null;
    }
    canonical.append(normalizedPath);
    if (query != null) {
      canonical.append('?').append(query);
    }
    if (fragment != null) {
      canonical.append('#').append(fragment);
    }
    return canonical.toString();
  }

  private static String authority(String authority, @Nullable String scheme) {
    int at = authority.lastIndexOf('@');
    String userinfo = at < 0 ? null : authority.substring(0, at);
    String host = authority.substring(at + 1).toLowerCase(Locale.ROOT);
    Integer port = scheme == null ? null : DEFAULT_PORTS.get(scheme);
    Matcher portMatcher = Pattern.compile(":(\\d*)$").matcher(host);
    if (portMatcher.find()) {
      if (!portMatcher.group(1).isEmpty()) {
        port = Integer.parseInt(portMatcher.group(1));
      }
      host = host.substring(0, portMatcher.start());
    }
    if (host.endsWith(".") && host.lastIndexOf('.', host.length() - 2) >= 0) {
      host = host.substring(0, host.length() - 1);
    }
    if (port != null && !port.equals(scheme == null ? null : DEFAULT_PORTS.get(scheme))) {
      host = host + ":" + port;
    }
    return userinfo == null || userinfo.isEmpty() || userinfo.equals(":")
        ? host
        : userinfo + "@" + host;
  }

  private static @Nullable String path(String path) {
    List<String> output = new ArrayList<>();
    String[] segments = path.split("/", -1);
    boolean absolute = path.startsWith("/");
    for (int i = absolute ? 1 : 0; i < segments.length; i++) {
      String segment = segments[i];
      boolean last = i == segments.length - 1;
      if (segment.equals(".") || segment.equals("..")) {
        if (segment.equals("..") && !output.isEmpty()) {
          output.remove(output.size() - 1);
        }
        if (last) {
          output.add("");
        }
      } else {
        String requoted = requote(segment, PCHAR);
        if (requoted == null) {
          return null;
        }
        output.add(requoted);
      }
    }
    String joined = String.join("/", output);
    return absolute || joined.isEmpty() ? "/" + joined : joined;
  }

  /** Decodes percent-escapes, normalizes to NFC, and escapes what is not safe, in upper case. */
  private static @Nullable String requote(String text, String safe) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length() || !text.substring(i + 1, i + 3).matches("[0-9A-Fa-f]{2}")) {
          return null;
        }
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
          encoded = text.substring(i, i + 2).getBytes(UTF_8);
          i++;
        }
        bytes.writeBytes(encoded);
      }
    }
    String decoded;
    try {
      decoded =
          UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    decoded = Normalizer.normalize(decoded, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder();
    for (byte b : decoded.getBytes(UTF_8)) {
      char c = (char) (b & 0xFF);
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "_.-~".indexOf(c) >= 0;
      if (c < 128 && (unreserved || safe.indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append(String.format("%%%02X", b & 0xFF));
      }
    }
    return out.toString();
  }

  private Values() {}
}
