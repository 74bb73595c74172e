/**
 * republisher maps news article records, with their attribution and source link, into valid RSS
 * 2.0, Atom 1.0 and JSON Feed 1.1 feeds.
 *
 * <p>This package holds the facade, {@link org.republisher.Republisher}, with its results ({@link
 * org.republisher.Snapshot}, {@link org.republisher.SourceFailure}), and the exception family. The flow lives in the sub-packages: {@link
 * org.republisher.model} (the values), {@link org.republisher.source} (where articles come from),
 * {@link org.republisher.normalize} (the repair policies) and {@link org.republisher.write} (the
 * feed writers).
 */
@NullMarked
package org.republisher;

import org.jspecify.annotations.NullMarked;
