/**
 * Test support shared by every test package: {@link org.republisher.testing.FeedRules}, the
 * project's own feed validity checker (the W3C Feed Validation Service's rules, the RFC 4287 schema
 * and the JSON Feed 1.1 rules), so that tests and CI need no external validator.
 *
 * <p>{@code FeedRules} is the only entry point and holds the problem report. Each format's rules
 * are in {@code RssRules}, {@code AtomRules} (with the RFC 4287 schema) and {@code JsonFeedRules};
 * {@code Xml}, {@code Namespaces} and {@code XmlRules} are the XML parsing and the rules RSS and
 * Atom share; {@code Markup} checks plain text and HTML, and {@code Values} dates, URIs, e-mail
 * addresses and languages.
 */
@NullMarked
package org.republisher.testing;

import org.jspecify.annotations.NullMarked;
