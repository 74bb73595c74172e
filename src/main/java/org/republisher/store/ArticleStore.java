package org.republisher.store;

import static org.republisher.internal.Checks.notNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.republisher.InvalidValueException;
import org.republisher.model.Publication;
import org.republisher.normalize.AttributionTemplate;
import org.republisher.normalize.ContentPolicy;

/**
 * The history of what a republisher has published: every article it has seen, by key, with the id
 * and dates of its first sighting, and the fetch state of every source. Thread-safe; close it when
 * done. Give it to {@link org.republisher.Republisher.Builder#store} and write feeds from it.
 *
 * <pre>{@code
 * try (ArticleStore store = ArticleStore.open("history.db")) {   // a SQLite file, made on first use
 *   ...
 * }
 * }</pre>
 *
 * <p>Locations: a file path, or {@code jdbc:sqlite:PATH}, opens a SQLite database (the embedded
 * default: one file, WAL mode, nothing to set up; needs {@code org.xerial:sqlite-jdbc}); {@code
 * jdbc:postgresql://host/db?user=…&password=…} opens a PostgreSQL database, which several
 * republisher instances can share (needs {@code org.postgresql:postgresql}). The schema is created
 * and migrated on open.
 *
 * <p>Not for implementing: the rules of the history are the library's, so that every store behaves
 * the same.
 */
public sealed interface ArticleStore extends AutoCloseable permits HistoryStore {

  /** How long a claim on a source lasts unless told otherwise: 5 minutes. */
  Duration DEFAULT_LEASE = Duration.ofMinutes(5);

  /**
   * Opens the store at a location with the default settings.
   *
   * @param location a SQLite file path, or a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
   * @return the open store
   * @throws StoreException when it cannot be opened or migrated, or its driver is missing
   */
  static ArticleStore open(String location) {
    return builder(location).build();
  }

  /**
   * Opens a SQLite store in a file, made on first use.
   *
   * @param file the database file
   * @return the open store
   * @throws StoreException when it cannot be opened or migrated
   */
  static ArticleStore open(Path file) {
    return builder(file.toString()).build();
  }

  /**
   * Returns a store kept in memory, forgotten when closed: the history of one process.
   *
   * @return a new, empty store
   */
  static ArticleStore inMemory() {
    return builder(Builder.IN_MEMORY).build();
  }

  /**
   * Returns a builder for a store at a location.
   *
   * @param location a SQLite file path, or a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
   * @return a new builder
   */
  static Builder builder(String location) {
    return new Builder(location);
  }

  /**
   * Returns the publications of the stored articles, one per name (as the first article of each
   * name gave it), sorted by name: what a feed per publication needs.
   *
   * @return the publications
   * @throws StoreException when the store cannot be read
   */
  List<Publication> publications();

  /**
   * Returns how many articles the history holds.
   *
   * @return the number of articles ever recorded
   * @throws StoreException when the store cannot be read
   */
  long articleCount();

  /** Closes the store: its connections and files. Calling it again does nothing. */
  @Override
  void close();

  /**
   * Builds an {@link ArticleStore}. Not thread-safe. {@link #build()} opens the database.
   */
  final class Builder {
    static final String IN_MEMORY = "memory:";

    final String location;
    ContentPolicy policy = ContentPolicy.DEFAULT;
    AttributionTemplate template = AttributionTemplate.LOCALIZED;
    Duration lease = DEFAULT_LEASE;

    private Builder(String location) {
      this.location = notNull(location, "location");
      if (location.isBlank()) {
        throw new InvalidValueException("store", location, "is blank");
      }
    }

    /**
     * Sets the length limits articles are normalized with when recorded; the default is {@link
     * ContentPolicy#DEFAULT}.
     *
     * @param policy the limits
     * @return this builder
     */
    public Builder contentPolicy(ContentPolicy policy) {
      this.policy = notNull(policy, "policy");
      return this;
    }

    /**
     * Sets the credit appended to each article's content when recorded; the default is {@link
     * AttributionTemplate#LOCALIZED}.
     *
     * @param template the template
     * @return this builder
     */
    public Builder attributionTemplate(AttributionTemplate template) {
      this.template = notNull(template, "template");
      return this;
    }

    /**
     * Sets how long this instance's claim on a due source lasts: another instance sharing the
     * database takes the source over once it has passed (the claimer crashed); the default is
     * {@link #DEFAULT_LEASE}. It must be longer than a fetch may take.
     *
     * @param lease a positive duration
     * @return this builder
     * @throws InvalidValueException when it is zero or negative
     */
    public Builder lease(Duration lease) {
      notNull(lease, "lease");
      if (lease.isNegative() || lease.isZero()) {
        throw new InvalidValueException("lease", lease, "is not positive");
      }
      this.lease = lease;
      return this;
    }

    /**
     * Opens the store.
     *
     * @return the open store
     * @throws StoreException when it cannot be opened or migrated, or its driver is missing
     */
    public ArticleStore build() {
      Backend backend =
          location.equals(IN_MEMORY) ? new MemoryBackend() : JdbcBackend.open(location);
      return new HistoryStore(backend, this);
    }
  }
}
