/**
 * The policies that repair articles before they are written: {@link
 * org.republisher.normalize.ContentPolicy} (length limits) and {@link
 * org.republisher.normalize.AttributionTemplate} (the visible credit). The repair rules themselves
 * are listed on {@link org.republisher.write.FeedWriter}.
 */
@NullMarked
package org.republisher.normalize;

import org.jspecify.annotations.NullMarked;
