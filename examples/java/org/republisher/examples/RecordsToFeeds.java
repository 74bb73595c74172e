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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidArticleException;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.source.InvalidRecordException;
import org.republisher.source.JsonLinesRecords;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedOutput;
import org.republisher.write.FeedWriter;
import org.republisher.write.WriteResult;

/**
 * A library example, one concept: article records (JSON Lines, see {@link JsonLinesRecords}) written
 * as feeds with {@link FeedWriter}, in memory and at once: one feed of all the articles, and one per
 * publication, each in RSS 2.0, Atom 1.0 and JSON Feed 1.1. (The main job is the {@code republisher}
 * command, which also remembers what it has published; see the README.)
 *
 * <pre>
 * RecordsToFeeds                           reads examples/data/articles.jsonl,
 *                                          writes to target/records-feeds/
 * RecordsToFeeds RECORDS OUTPUT_DIR        reads RECORDS, writes to OUTPUT_DIR
 * RecordsToFeeds RECORDS OUTPUT_DIR NOW    the same, with the clock fixed at NOW (an ISO instant)
 * </pre>
 *
 * <p>Files are named {@code <slug>.rss.xml}, {@code <slug>.atom.xml} and {@code <slug>.feed.json},
 * where the slug is {@code all} or the publication's name in lowercase ASCII ("Médias24" gives
 * {@code medias24}); a name with no Latin letter ("هسبريس") takes its home page's host instead
 * ({@code hespress}). Each file names itself as served from {@code
 * https://revue.example/feeds/<file>}.
 *
 * <p>The clock is the system's unless NOW is given: it is the latest date an article may carry
 * (later ones are set to it). The same records and the same NOW give the same bytes.
 *
 * <p>Rejected lines and articles are printed on standard error, one line each; they do not fail the
 * job. Exit status: 0 when the feeds are written, 1 when the records cannot be read or a file
 * cannot be written, 2 on bad arguments.
 */
public final class RecordsToFeeds {
  static final String SITE = "https://revue.example/";
  static final String USAGE = "usage: RecordsToFeeds [RECORDS.jsonl OUTPUT_DIR [NOW]]";

  private static final FeedFormat[] FORMATS = FeedFormat.values();

  private RecordsToFeeds() {}

  /**
   * Runs the job and exits with its status.
   *
   * @param args none; or the records file and the output folder, and optionally the instant to fix
   *     the clock at
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 0 && args.length != 2 && args.length != 3) {
      err.println(USAGE);
      return 2;
    }
    Clock clock = Clock.systemUTC();
    if (args.length == 3) {
      try {
        clock = Clock.fixed(Instant.parse(args[2]), ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        err.println(USAGE);
        return 2;
      }
    }
    Path records = Path.of(args.length >= 2 ? args[0] : "examples/data/articles.jsonl");
    Path folder = Path.of(args.length >= 2 ? args[1] : "target/records-feeds");
    try {
      List<InvalidRecordException> problems = new ArrayList<>();
      List<Article> articles;
      try (Stream<Article> stream =
          JsonLinesRecords.read(
              records,
              problem -> {
                problems.add(problem);
                err.println(problem.getMessage());
              })) {
        articles = stream.toList();
      }

      Files.createDirectories(folder);
      FeedJob job = new FeedJob(folder, clock, out, err);
      job.write("all", "tous les titres", articles);
      for (Map.Entry<String, List<Article>> publication : byPublication(articles).entrySet()) {
        List<Article> own = publication.getValue();
        job.write(slug(publication.getKey(), home(own)), publication.getKey(), own);
      }
      out.printf(
          "%d feeds (%d files) from %d articles; rejected: %d lines, %d articles%n",
          job.feeds, job.feeds * FORMATS.length, articles.size(), problems.size(), job.rejected);
      return 0;
    } catch (IOException | UncheckedIOException e) {
      err.println("RecordsToFeeds: " + e);
      return 1;
    }
  }

  /** Writes feeds into a folder, counting them, with one clock for all. */
  private static final class FeedJob {
    private final Path folder;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final Set<String> slugs = new HashSet<>();
    int feeds;
    int rejected;

    FeedJob(Path folder, Clock clock, PrintStream out, PrintStream err) {
      this.folder = folder;
      // one instant for every feed of the run, so they all agree
      this.clock = Clock.fixed(clock.instant(), ZoneOffset.UTC);
      this.out = out;
      this.err = err;
    }

    /** Writes one feed in every format: the articles are normalized once, for the three files. */
    void write(String slug, String name, List<Article> articles) throws IOException {
      String unique = slug;
      for (int n = 2; !slugs.add(unique); n++) {
        unique = slug + "-" + n;
      }
      FeedSpec spec =
          FeedSpec.builder("Revue de presse — " + name, selfUrl(unique, FeedFormat.RSS))
              .link(SITE)
              .description("La presse marocaine, " + name + " : chaque article avec sa source")
              .language(singleLanguage(articles))
              .limit(Math.max(1, articles.size()))
              .build();
      FeedWriter writer = FeedWriter.builder(spec).clock(clock).build();
      WriteResult result;
      // one call for the three formats, each file with its own rel="self" URL
      try (OutputStream rss = open(unique, FeedFormat.RSS);
          OutputStream atom = open(unique, FeedFormat.ATOM);
          OutputStream json = open(unique, FeedFormat.JSON_FEED)) {
        result =
            writer.write(
                List.of(
                    output(unique, FeedFormat.RSS, rss),
                    output(unique, FeedFormat.ATOM, atom),
                    output(unique, FeedFormat.JSON_FEED, json)),
                articles);
      }
      for (FeedFormat format : FORMATS) {
        out.printf("wrote %s (%d items)%n", file(unique, format), result.written());
      }
      for (InvalidArticleException e : result.rejected()) {
        err.println("rejected from " + unique + ": " + e.getMessage());
      }
      feeds++;
      rejected += result.rejected().size();
    }

    private Path file(String slug, FeedFormat format) {
      return folder.resolve(slug + "." + format.fileName());
    }

    private OutputStream open(String slug, FeedFormat format) throws IOException {
      return new BufferedOutputStream(Files.newOutputStream(file(slug, format)));
    }

    private static FeedOutput output(String slug, FeedFormat format, OutputStream stream) {
      return FeedOutput.of(format, stream, selfUrl(slug, format));
    }
  }

  static String selfUrl(String slug, FeedFormat format) {
    return SITE + "feeds/" + slug + "." + format.fileName();
  }

  /** Groups articles by publication name, in the order the names first appear. */
  static Map<String, List<Article>> byPublication(List<Article> articles) {
    Map<String, List<Article>> groups = new LinkedHashMap<>();
    for (Article article : articles) {
      if (article.publication() != null) {
        groups
            .computeIfAbsent(article.publication().name().strip(), name -> new ArrayList<>())
            .add(article);
      }
    }
    return groups;
  }

  /** Returns the feed's language when every article has the same one, else null. */
  static @Nullable String singleLanguage(List<Article> articles) {
    List<String> languages = articles.stream().map(Article::effectiveLanguage).distinct().toList();
    return languages.size() == 1 ? languages.get(0) : null;
  }

  /** Returns the first home page, else source link, of a publication's articles. */
  static @Nullable URI home(List<Article> articles) {
    for (Article article : articles) {
      if (article.publication() != null && article.publication().url() != null) {
        return article.publication().url();
      }
    }
    return articles.stream()
        .map(a -> a.sourceLink() != null ? a.sourceLink() : a.link())
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  /**
   * Returns a file-name slug for a publication: its name in lowercase ASCII, accents stripped,
   * other characters turned into hyphens; for a name without Latin letters or digits, the first
   * label of its home page's host (www. left out); else a stable hash of the name.
   */
  static String slug(String name, @Nullable URI home) {
    String slug = ascii(name);
    if (slug.isEmpty() && home != null && home.getHost() != null) {
      String host = home.getHost().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
      slug = ascii(host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
    }
    if (slug.isEmpty()) {
      UUID hash = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
      slug = "p-" + hash.toString().substring(0, 8);
    }
    return slug;
  }

  private static String ascii(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKD)
        .replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
  }
}
