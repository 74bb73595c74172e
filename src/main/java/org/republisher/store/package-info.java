/**
 * The history store: what a republisher has published, so that it remembers across runs. An
 * article keeps the id and dates of its first sighting for ever, is found again under another
 * source or with tracking parameters, stays published after it leaves its upstream's window, and
 * each source's fetch state (validators, failures, next due time) survives restarts.
 *
 * <p>{@link org.republisher.store.ArticleStore} is the one type to know: open one on a SQLite file
 * (the embedded default) or a PostgreSQL database (several instances sharing one history), or keep
 * it in memory, and give it to {@link org.republisher.Republisher.Builder#store}. The JDBC drivers
 * are optional dependencies of the library: add the driver of the database you use.
 */
@NullMarked
package org.republisher.store;

import org.jspecify.annotations.NullMarked;
