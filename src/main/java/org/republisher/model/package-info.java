/**
 * The values that flow through republisher: {@link org.republisher.model.Article} and its {@link
 * org.republisher.model.Publication}, {@link org.republisher.model.Attribution}, {@link
 * org.republisher.model.Author} and {@link org.republisher.model.Enclosure}, and the {@link
 * org.republisher.model.FeedSpec} of an output feed.
 *
 * <p>All are immutable records with builders; a bad value is rejected with an {@link
 * org.republisher.InvalidValueException} that names the field and the value.
 */
@NullMarked
package org.republisher.model;

import org.jspecify.annotations.NullMarked;
