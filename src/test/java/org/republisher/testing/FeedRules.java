package org.republisher.testing;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.republisher.write.FeedFormat;
import org.w3c.dom.Element;

/**
 * The project's own feed validity checker, for tests: what the W3C Feed Validation Service reports
 * as an error or a warning for RSS 2.0 and Atom 1.0, the RFC 4287 RELAX NG schema (with its
 * Schematron asserts, which the schema validator does not evaluate), and the JSON Feed 1.1 rules.
 * The project's bar is no error and no warning, so both count as problems.
 *
 * <p>Each problem is one line: where it is, what is wrong, and the rule's name in brackets. A W3C
 * rule carries the W3C message name ({@code [MissingGuid]}, documented at {@code
 * validator.w3.org/feed/docs/warning/MissingGuid.html}); {@code [RFC4287: ...]} is the RFC 4287
 * schema or one of its asserts; {@code [JSON Feed: ...]} a JSON Feed 1.1 rule; {@code [project:
 * ...]} a rule of this project that is stricter than the W3C (DESIGN.md: no relative URL anywhere,
 * no {@code javascript:} URL, item links are http(s), no markup in plain text). For example: {@code
 * item 3 (line 42): no <guid>: ... [MissingGuid]}.
 *
 * <p>XML is parsed with the JDK, namespace-aware and hardened (a DOCTYPE is refused, so no entity
 * is ever expanded): a document that is not well-formed is a problem, not an exception. The checks
 * that need the feed's URL (the W3C's SelfDoesntMatchLocation) or the network are not made. All
 * methods are static and thread-safe.
 */
public final class FeedRules {

  private FeedRules() {}

  /**
   * Checks a feed and returns its problems, errors and warnings alike.
   *
   * @param format the format the feed claims to be
   * @param feed the feed's bytes, as served
   * @return one human-readable line per problem, in document order within each rule family; empty
   *     when the feed is clean
   */
  public static List<String> check(FeedFormat format, byte[] feed) {
    requireNonNull(format, "format");
    requireNonNull(feed, "feed");
    Report report = new Report();
    switch (format) {
      case RSS -> RssRules.check(feed, report);
      case ATOM -> AtomRules.check(feed, report);
      case JSON_FEED -> JsonFeedRules.check(feed, report);
      default -> throw new IllegalArgumentException("no rules for format " + format);
    }
    return report.problems();
  }

  /**
   * Fails the current test, listing every problem, unless the feed is clean.
   *
   * @param format the format the feed claims to be
   * @param feed the feed's bytes
   * @throws AssertionError when {@link #check} finds a problem
   */
  public static void assertValid(FeedFormat format, byte[] feed) {
    List<String> problems = check(format, feed);
    assertThat(problems)
        .withFailMessage(
            () ->
                format
                    + " feed is not valid: "
                    + problems.size()
                    + " problem(s)\n  "
                    + String.join("\n  ", problems))
        .isEmpty();
  }

  /** A set of words, written as one space-separated string to keep long vocabularies compact. */
  static Set<String> words(String words) {
    return Collections.unmodifiableSet(
        new LinkedHashSet<>(Arrays.asList(words.strip().split("\\s+"))));
  }

  /** Receives the problems found in one place. */
  @FunctionalInterface
  interface Sink {
    void add(String rule, String message);
  }

  /** The problems found so far, each with its place. */
  static final class Report {
    private final List<String> problems = new ArrayList<>();

    void add(String where, String rule, String message) {
      problems.add(where + ": " + message + " [" + rule + "]");
    }

    Sink at(Element element) {
      return (rule, message) -> add(Xml.where(element), rule, message);
    }

    Sink at(String where) {
      return (rule, message) -> add(where, rule, message);
    }

    List<String> problems() {
      return List.copyOf(problems);
    }
  }
}
