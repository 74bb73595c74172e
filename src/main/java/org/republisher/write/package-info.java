/**
 * The feed writers: {@link org.republisher.write.FeedWriter} streams articles into any {@link
 * org.republisher.write.FeedFormat}, normalizing each article once. RSS and Atom are written with
 * the JDK's StAX, JSON Feed with jackson-core.
 */
@NullMarked
package org.republisher.write;

import org.jspecify.annotations.NullMarked;
