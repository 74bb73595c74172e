package org.republisher.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.Republisher;
import org.republisher.Snapshot;
import org.republisher.SourceReport;
import org.republisher.model.FeedSpec;
import org.republisher.model.Publication;
import org.republisher.model.Selection;
import org.republisher.source.SourceException;
import org.republisher.store.ArticleStore;
import org.republisher.store.StoreException;
import org.republisher.write.FeedArchive;
import org.republisher.write.FeedFile;
import org.republisher.write.FeedFormat;

/**
 * One configuration at work: its store open, its republisher built. {@link #round()} is one pass:
 * the due sources fetched and recorded, every feed rendered from the store. {@code run} makes one
 * round; a long-running command makes one at each due time. Not thread-safe: one round at a time.
 */
final class Job implements AutoCloseable {
  private final Config config;
  private final ArticleStore store;
  private final Republisher republisher;

  private Job(Config config, ArticleStore store, Republisher republisher) {
    this.config = config;
    this.store = store;
    this.republisher = republisher;
  }

  /**
   * Checks the sources with their providers, then opens the store and builds the republisher.
   *
   * @param config the configuration
   * @param clock the clock of the whole job
   * @return the job
   * @throws ConfigException when a provider rejects a source (nothing is opened then)
   * @throws StoreException when the store cannot be opened
   */
  static Job open(Config config, Clock clock) {
    Republisher.Builder builder =
        Republisher.builder()
            .discoverProviders()
            .clock(clock)
            .interval(config.interval())
            .deadline(config.deadline());
    for (Config.Source source : config.sources()) {
      builder.source(source.config());
      if (source.interval() != null) {
        builder.interval(source.config().id(), source.interval());
      }
    }
    // the providers check the sources before anything is opened, so a bad config changes nothing
    build(builder, config).close();
    ArticleStore store = open(config.store());
    try {
      return new Job(config, store, build(builder.store(store), config));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static Republisher build(Republisher.Builder builder, Config config) {
    try {
      return builder.build();
    } catch (SourceException e) {
      for (Config.Source source : config.sources()) {
        if (source.config().id().equals(e.sourceId())) {
          throw new ConfigException(source.where() + ": " + e.getMessage());
        }
      }
      throw new ConfigException(config.file() + ": " + e.getMessage());
    } catch (InvalidValueException e) {
      throw new ConfigException(config.file() + ": " + e.getMessage());
    }
  }

  private static ArticleStore open(String location) {
    if (location.equals(ConfigReader.MEMORY_STORE)) {
      return ArticleStore.inMemory();
    }
    if (!location.regionMatches(true, 0, "jdbc:", 0, 5)) {
      Path parent = Path.of(location).getParent();
      try {
        if (parent != null) {
          Files.createDirectories(parent);
        }
      } catch (IOException e) {
        throw new StoreException(location, "its folder cannot be made: " + e, e);
      }
    }
    return ArticleStore.open(location);
  }

  /**
   * What one round did.
   *
   * @param taken when the refresh finished, by the job's clock: the feeds' now
   * @param sources what each source did, in configuration order
   * @param total the articles in the store after the round
   * @param files the files rendered; empty until {@link #render rendered}, and in {@link #round()}
   *     when every source failed
   * @param feeds the names of the feeds rendered, relative to the site's URL
   * @param current the URLs of the current documents among the files (not the archive pages):
   *     what a WebSub hub is told of
   */
  record Round(
      Instant taken,
      List<SourceReport> sources,
      long total,
      List<FeedFile> files,
      List<String> feeds,
      Set<URI> current) {

    /** Returns true when every source failed: the feeds are then not rendered. */
    boolean allFailed() {
      return sources.stream().allMatch(s -> s.outcome() == SourceReport.Outcome.FAILED);
    }
  }

  /**
   * Fetches the due sources, records them, and renders every feed and archive page from the store,
   * unless every source failed.
   *
   * @return what it did
   * @throws StoreException when the store cannot be read or written
   */
  Round round() {
    Round fetched = refresh();
    return fetched.allFailed() ? fetched : render(fetched);
  }

  /**
   * Fetches the due sources and records them: a round not rendered yet.
   *
   * @return what the sources did
   * @throws StoreException when the store cannot be read or written
   * @throws org.republisher.RepublisherException when the thread is interrupted: the fetches under
   *     way are cancelled, what the sources before them recorded stays recorded
   */
  Round refresh() {
    Snapshot snapshot = republisher.refresh();
    return new Round(snapshot.taken(), snapshot.reports(), store.articleCount(), List.of(),
        List.of(), Set.of());
  }

  /**
   * Renders every feed and archive page from the store, as of a refresh.
   *
   * @param fetched the refresh
   * @return the refresh with its files
   * @throws StoreException when the store cannot be read
   */
  Round render(Round fetched) {
    List<FeedFile> files = new ArrayList<>();
    List<String> feeds = new ArrayList<>();
    Set<URI> current = new LinkedHashSet<>();
    for (Named archive : archives(store.publications())) {
      files.addAll(archive.archive.render(store, fetched.taken()));
      feeds.add(archive.name);
      for (FeedFormat format : archive.formats) {
        current.add(config.site().resolve(archive.name + "." + format.fileName()));
      }
    }
    return new Round(fetched.taken(), fetched.sources(), fetched.total(), files, feeds, current);
  }

  /** A feed's archive and its name relative to the site's URL. */
  private record Named(String name, FeedArchive archive, Set<FeedFormat> formats) {}

  /**
   * Expands the configured feeds: a plain feed is itself, a feed per publication one feed for each
   * publication of the store, sorted by name, named by the {@linkplain Slugs slug rule}.
   */
  private List<Named> archives(List<Publication> publications) {
    Set<String> names = new HashSet<>();
    for (Config.Feed feed : config.feeds()) {
      if (!feed.perPublication()) {
        names.add(feed.name());
      }
    }
    List<Named> archives = new ArrayList<>();
    for (Config.Feed feed : config.feeds()) {
      if (!feed.perPublication()) {
        archives.add(named(feed, feed.name(), feed.title(), feed.language(), feed.selection()));
        continue;
      }
      for (Publication publication : publications) {
        String slug = Slugs.slug(publication.name(), publication.url());
        String name = feed.name().replace("{slug}", slug);
        for (int n = 2; !names.add(name); n++) {
          name = feed.name().replace("{slug}", slug + "-" + n);
        }
        Selection selection =
            new Selection(
                Set.of(publication.name()),
                feed.selection().categories(),
                feed.selection().languages());
        String language = feed.language();
        if (language == null && feed.selection().languages().isEmpty()) {
          language = publication.language();
        }
        archives.add(
            named(feed, name, feed.title().replace("{publication}", publication.name()), language,
                selection));
      }
    }
    return archives;
  }

  private Named named(
      Config.Feed feed,
      String name,
      String title,
      @Nullable String language,
      Selection selection) {
    URI self = config.site().resolve(name + ".atom.xml");
    FeedSpec.Builder spec = FeedSpec.builder(title, self.toString()).language(language)
        .limit(feed.limit());
    if (config.siteLink() != null) {
      spec.link(config.siteLink().toString());
    }
    if (config.hub() != null) {
      spec.hub(config.hub().toString());
    }
    if (feed.description() != null) {
      spec.description(feed.description());
    }
    FeedArchive.Builder archive =
        FeedArchive.builder(spec.build())
            .selection(selection)
            .retention(config.retention())
            .formats(feed.formats());
    if (feed.pageSize() != null) {
      archive.pageSize(feed.pageSize());
    }
    return new Named(name, archive.build(), feed.formats());
  }

  /** Closes the republisher, then the store. */
  @Override
  public void close() {
    try {
      republisher.close();
    } finally {
      store.close();
    }
  }
}
