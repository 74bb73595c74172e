/**
 * Where articles come from: the sources that turn some input into {@link
 * org.republisher.model.Article}s. Everything after a source (normalization, selection, writing) is
 * shared, so a source only produces articles.
 *
 * <p>Built in today: {@link org.republisher.source.JsonLinesRecords}, the records file, one JSON
 * article per line (the public contract the examples and the command line read). A service provider
 * interface for pluggable sources (upstream feeds, HTML pages) will come later.
 */
@NullMarked
package org.republisher.source;

import org.jspecify.annotations.NullMarked;
