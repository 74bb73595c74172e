/**
 * Test support shared by every test package: {@link org.republisher.testing.FeedRules}, the
 * project's own feed validity checker (the W3C Feed Validation Service's rules, the RFC 4287 schema
 * and the JSON Feed 1.1 rules), so that tests and CI need no external validator.
 */
@NullMarked
package org.republisher.testing;

import org.jspecify.annotations.NullMarked;
