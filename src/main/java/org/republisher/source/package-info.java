/**
 * Where articles come from: the sources that turn some input into {@link
 * org.republisher.model.Article}s. Everything after a source (normalization, selection, writing)
 * is shared, so a source only produces articles.
 *
 * <p>The service-provider interface is {@link org.republisher.source.ArticleSource} (what a source
 * does, with its threading, blocking and failure contract) and {@link
 * org.republisher.source.SourceProvider} (how a source is created from a {@link
 * org.republisher.source.SourceConfig}, found by key with {@link java.util.ServiceLoader}). Built
 * in:
 *
 * <ul>
 *   <li>{@link org.republisher.source.FeedSource}: the publications' own RSS and Atom feeds, parsed
 *       with Rome, fetched over HTTP with conditional GET, size limits and timeouts, or read from
 *       files (keys {@code http}, {@code https}, {@code file});
 *   <li>{@link org.republisher.source.PageSource}: HTML pages read with jsoup through a {@link
 *       org.republisher.source.PageProfile} of selectors, the aggregator page shape built in (key
 *       {@code page});
 *   <li>{@link org.republisher.source.HostSource}: the host application's own objects and a mapping
 *       function;
 *   <li>{@link org.republisher.source.JsonLinesRecords}: the records file, one JSON article per
 *       line (key {@code records}).
 * </ul>
 */
@NullMarked
package org.republisher.source;

import org.jspecify.annotations.NullMarked;
