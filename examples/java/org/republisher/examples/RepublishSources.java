package org.republisher.examples;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.republisher.Republisher;
import org.republisher.RepublisherException;
import org.republisher.Snapshot;
import org.republisher.SourceFailure;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.model.Publication;
import org.republisher.source.SourceConfig;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedOutput;
import org.republisher.write.WriteResult;

/**
 * Republishes sources: upstream feed files and an aggregator's pages, offline, into one feed per
 * publication and one feed of everything, each in RSS 2.0, Atom 1.0 and JSON Feed 1.1.
 *
 * <pre>
 * RepublishSources               reads examples/data/, writes to target/sources-feeds/
 * RepublishSources OUTPUT_DIR    reads examples/data/, writes to OUTPUT_DIR
 * </pre>
 *
 * <p>The sources, each a {@link SourceConfig} resolved by a built-in provider:
 *
 * <ul>
 *   <li>every file of {@code examples/data/feeds/}, an upstream RSS or Atom feed read from its
 *       {@code file:} URI (key {@code file}); the source's id is the file name;
 *   <li>{@code examples/data/pages/index.html}, an aggregator's listing page, and the article pages
 *       it links to (key {@code page}); the files stand for the site at {@code
 *       https://revue.example/pages/}, which the articles link to as their own pages.
 * </ul>
 *
 * <p>The sources are fetched in parallel; a source that fails is printed, one line, and the feeds
 * are written from the others. A publication's feed gathers its articles from every source,
 * whatever name the source gave it ("2M" on a page, "2M.ma - Actualités" in a feed's channel): a
 * publication is known by its home page's host, and its feed is named after the host ({@code
 * 2m.rss.xml} for {@code www.2m.ma}). Files are named {@code <slug>.rss.xml}, {@code
 * <slug>.atom.xml} and {@code <slug>.feed.json}, with the slug {@code all} for the feed of
 * everything, and name themselves as served from {@code https://revue.example/feeds/<file>}.
 *
 * <p>The clock is fixed at {@link #NOW}, so the same data gives the same bytes at every run.
 *
 * <p>Exit status: 0 when the feeds are written, even when a source failed; 1 when a file cannot be
 * written, or the data cannot be listed or holds no source; 2 on bad arguments.
 */
public final class RepublishSources {
  /** The instant the output is made at: 2026-11-29T12:00:00Z. */
  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  static final Path DATA = Path.of("examples/data");
  static final String SITE = "https://revue.example/";
  static final String USAGE = "usage: RepublishSources [OUTPUT_DIR]";

  private RepublishSources() {}

  /**
   * Runs the example and exits with its status.
   *
   * @param args none, or the output folder
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 1) {
      err.println(USAGE);
      return 2;
    }
    return run(DATA, Path.of(args.length == 1 ? args[0] : "target/sources-feeds"), out, err);
  }

  /** Republishes the sources of a data folder laid out as {@code examples/data/}. */
  static int run(Path data, Path folder, PrintStream out, PrintStream err) {
    try {
      Snapshot snapshot;
      try (Republisher republisher = republisher(data)) {
        snapshot = republisher.refresh();
      }
      for (SourceFailure failure : snapshot.failures()) {
        err.printf(
            "source %s failed%s: %s%n",
            failure.sourceId(),
            failure.stale() ? " (its last good articles kept)" : "",
            failure.cause().getMessage());
      }
      Files.createDirectories(folder);
      Set<String> slugs = new HashSet<>(Set.of("all"));
      int files = write(snapshot, "all", "tous les titres", article -> true, folder, out);
      for (Map.Entry<String, String> publication : publications(snapshot).entrySet()) {
        String host = publication.getKey();
        String slug = slug(host);
        for (int n = 2; !slugs.add(slug); n++) {
          slug = slug(host) + "-" + n;
        }
        files +=
            write(
                snapshot,
                slug,
                publication.getValue(),
                article -> host.equals(host(article.publication())),
                folder,
                out);
      }
      out.printf(
          "%d files from %d articles of %d sources; %d sources failed%n",
          files, snapshot.articles().size(), snapshot.counts().size(), snapshot.failures().size());
      return 0;
    } catch (IOException | UncheckedIOException | RepublisherException e) {
      // RepublisherException: no source in the data folder, or one that cannot be configured
      err.println("RepublishSources: " + e.getMessage());
      return 1;
    }
  }

  /** Configures a source for each feed file and one for the pages. */
  static Republisher republisher(Path data) throws IOException {
    Republisher.Builder builder = Republisher.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC));
    Path feeds = data.resolve("feeds");
    if (Files.isDirectory(feeds)) {
      try (Stream<Path> files = Files.list(feeds)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          builder.source(SourceConfig.of(file.getFileName().toString(), file.toUri()));
        }
      }
    }
    Path index = data.resolve("pages/index.html");
    if (Files.isRegularFile(index)) {
      builder.source(
          new SourceConfig(
              "pages",
              index.toUri(),
              "page",
              null,
              Map.of("publicUrl", SITE + "pages/index.html")));
    }
    return builder.build();
  }

  /** Writes one feed in the three formats; returns the number of files written. */
  private static int write(
      Snapshot snapshot,
      String slug,
      String name,
      Predicate<Article> selection,
      Path folder,
      PrintStream out)
      throws IOException {
    FeedSpec spec =
        FeedSpec.builder("Revue de presse — " + name, selfUrl(slug, FeedFormat.RSS))
            .link(SITE)
            .description("Revue de presse — " + name + ", avec la source de chaque article")
            .build();
    WriteResult result;
    try (OutputStream rss = open(folder, slug, FeedFormat.RSS);
        OutputStream atom = open(folder, slug, FeedFormat.ATOM);
        OutputStream json = open(folder, slug, FeedFormat.JSON_FEED)) {
      result =
          snapshot.write(
              spec,
              selection,
              List.of(
                  FeedOutput.of(FeedFormat.RSS, rss, selfUrl(slug, FeedFormat.RSS)),
                  FeedOutput.of(FeedFormat.ATOM, atom, selfUrl(slug, FeedFormat.ATOM)),
                  FeedOutput.of(FeedFormat.JSON_FEED, json, selfUrl(slug, FeedFormat.JSON_FEED))));
    }
    for (FeedFormat format : FeedFormat.values()) {
      out.printf("wrote %s (%d items)%n", file(folder, slug, format), result.written());
    }
    return FeedFormat.values().length;
  }

  /**
   * Returns each publication's host, in the order of the snapshot's articles, with the shortest
   * name its sources give it ("2M" rather than "2M.ma - Actualités").
   */
  static Map<String, String> publications(Snapshot snapshot) {
    Map<String, String> names = new LinkedHashMap<>();
    for (Article article : snapshot.articles()) {
      String host = host(article.publication());
      if (host != null) {
        names.merge(host, article.publication().name().strip(), RepublishSources::shorter);
      }
    }
    return names;
  }

  private static String shorter(String a, String b) {
    int order = Integer.compare(a.length(), b.length());
    return order < 0 || order == 0 && a.compareTo(b) <= 0 ? a : b;
  }

  /** Returns the host of a publication's home page, without {@code www.}, else its name. */
  static String host(Publication publication) {
    if (publication == null) {
      return null;
    }
    URI url = publication.url();
    if (url != null && url.getHost() != null) {
      return url.getHost().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
    }
    return publication.name().strip();
  }

  /**
   * Returns a file-name slug for a host ({@code 2m.ma} gives {@code 2m}) or a name, in lowercase
   * ASCII; a name with no Latin letter or digit gets a stable hash.
   */
  static String slug(String host) {
    String label = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
    String slug =
        Normalizer.normalize(label, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (slug.isEmpty()) {
      byte[] bytes = host.getBytes(StandardCharsets.UTF_8);
      slug = "p-" + UUID.nameUUIDFromBytes(bytes).toString().substring(0, 8);
    }
    return slug;
  }

  static String selfUrl(String slug, FeedFormat format) {
    return SITE + "feeds/" + slug + "." + format.fileName();
  }

  private static Path file(Path folder, String slug, FeedFormat format) {
    return folder.resolve(slug + "." + format.fileName());
  }

  private static OutputStream open(Path folder, String slug, FeedFormat format) throws IOException {
    return new BufferedOutputStream(Files.newOutputStream(file(folder, slug, format)));
  }
}
