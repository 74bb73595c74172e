/**
 * The {@code republisher} command: a runnable jar over the library. {@link
 * org.republisher.cli.Main} reads a YAML configuration (sources, feeds, {@code site.url}, {@code
 * output}, {@code store}; sources also from OPML), fetches the due sources into the history store,
 * and writes every feed and archive page at the path its URL has under {@code site.url}, each file
 * renamed into place whole ({@code run}, one round); {@code serve} does the same on the sources'
 * schedule and serves the files over HTTP from memory, telling a WebSub hub which feeds changed.
 * Only {@code Main} is public; picocli, jackson-dataformat-yaml, the JDBC
 * drivers and the SLF4J binding it needs are optional dependencies of the library, bundled in
 * {@code republisher-cli.jar}.
 */
@NullMarked
package org.republisher.cli;

import org.jspecify.annotations.NullMarked;
