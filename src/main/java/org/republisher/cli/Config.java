package org.republisher.cli;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.republisher.http.FeedServer;
import org.republisher.model.Selection;
import org.republisher.source.SourceConfig;
import org.republisher.write.FeedFormat;
import org.republisher.write.Retention;

/**
 * The command's configuration, as {@link ConfigReader} reads it from YAML: every path absolute,
 * every default applied. Immutable.
 *
 * @param file the configuration file, as named on the command line
 * @param site where the feeds are served from ({@code site.url}): absolute http(s), ending in
 *     {@code /}; a feed's files are at the same paths under it as under the output folder
 * @param siteLink the web page the feeds belong to ({@code site.link}), or {@code null} for the root
 *     of the site's URL
 * @param output the folder the files are written to
 * @param store the history store: a SQLite file's absolute path, a JDBC URL, or {@code memory:}
 * @param interval how often a source is fetched unless its own interval says otherwise
 * @param deadline how long a source has to return its articles
 * @param retention how long archive pages are kept
 * @param sources the sources, those of {@code sources} then those of {@code opml}
 * @param feeds the feeds, in the order of the file
 * @param serve where {@code serve} listens ({@code serve})
 * @param hub the WebSub hub the feeds name and changes are announced to ({@code websub.hub}), or
 *     {@code null} for none
 */
record Config(
    Path file,
    URI site,
    @Nullable URI siteLink,
    Path output,
    String store,
    Duration interval,
    Duration deadline,
    Retention retention,
    List<Source> sources,
    List<Feed> feeds,
    Serve serve,
    @Nullable URI hub) {

  Config {
    requireNonNull(file, "file");
    requireNonNull(site, "site");
    requireNonNull(output, "output");
    requireNonNull(store, "store");
    requireNonNull(interval, "interval");
    requireNonNull(deadline, "deadline");
    requireNonNull(retention, "retention");
    requireNonNull(serve, "serve");
    sources = List.copyOf(sources);
    feeds = List.copyOf(feeds);
  }

  /**
   * Where {@code serve} listens.
   *
   * @param address the host name or IP address to bind ({@code serve.address})
   * @param port the port ({@code serve.port}); 0 takes a free one
   * @param threads the threads answering requests ({@code serve.threads})
   */
  record Serve(String address, int port, int threads) {
    /** Loopback unless configured: a reverse proxy or CDN in front is the usual set-up. */
    static final String DEFAULT_ADDRESS = "127.0.0.1";

    static final int DEFAULT_PORT = 8080;

    static final Serve DEFAULT =
        new Serve(DEFAULT_ADDRESS, DEFAULT_PORT, FeedServer.DEFAULT_THREADS);

    Serve {
      requireNonNull(address, "address");
    }
  }

  /**
   * One source.
   *
   * @param config what the library's providers read
   * @param interval its own interval, or {@code null} for the configuration's
   * @param where where it is configured, for messages: {@code republisher.yaml:12: sources[2]}
   */
  record Source(SourceConfig config, @Nullable Duration interval, String where) {}

  /**
   * One entry of {@code feeds}: a feed, or a feed per publication.
   *
   * @param name the feed's name, which names its files ({@code all} gives {@code all.rss.xml}, …);
   *     for a feed per publication, a template holding {@code {slug}}
   * @param title its title; for a feed per publication, a template that may hold {@code
   *     {publication}}
   * @param description its description, or {@code null} for the title
   * @param language its language, or {@code null}: the filter's one language, else none
   * @param limit the articles of its current document
   * @param pageSize the articles of an archive page, or {@code null} for the limit
   * @param selection which articles it takes
   * @param perPublication true for one feed per publication of the store
   * @param formats the formats written
   * @param where where it is configured, for messages
   */
  record Feed(
      String name,
      String title,
      @Nullable String description,
      @Nullable String language,
      int limit,
      @Nullable Integer pageSize,
      Selection selection,
      boolean perPublication,
      Set<FeedFormat> formats,
      String where) {

    Feed {
      formats = Set.copyOf(formats);
    }
  }
}
