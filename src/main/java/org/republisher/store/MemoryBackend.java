package org.republisher.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.republisher.internal.History.Entry;

/** The history in this process's memory: the backend of {@link ArticleStore#inMemory()}. */
final class MemoryBackend implements Backend {
  private final Map<String, StoredArticle> byKey = new HashMap<>();
  private final TreeMap<Long, StoredArticle> bySeq = new TreeMap<>();
  private final Map<String, Map<String, String>> sightings = new HashMap<>();
  private final Map<String, SourceRow> sources = new HashMap<>();
  private long nextSeq = 1;

  @Override
  public synchronized Map<String, Map<String, String>> sightings(Collection<String> sourceIds) {
    Map<String, Map<String, String>> found = new HashMap<>();
    for (String id : sourceIds) {
      Map<String, String> mine = sightings.get(id);
      if (mine != null) {
        found.put(id, Map.copyOf(mine));
      }
    }
    return found;
  }

  @Override
  public synchronized Map<String, StoredArticle> articles(Collection<String> keys) {
    Map<String, StoredArticle> found = new LinkedHashMap<>();
    for (String key : keys) {
      StoredArticle article = byKey.get(key);
      if (article != null) {
        found.put(key, article);
      }
    }
    return found;
  }

  @Override
  public synchronized Set<String> apply(List<Changes> all) {
    Set<String> taken = new HashSet<>();
    for (Changes changes : all) {
      apply(changes, taken);
    }
    return taken;
  }

  private void apply(Changes changes, Set<String> taken) {
    for (ArticleRow row : changes.inserts()) {
      if (byKey.containsKey(row.key())) {
        taken.add(row.key());
        continue;
      }
      StoredArticle stored = stored(nextSeq++, row);
      byKey.put(row.key(), stored);
      bySeq.put(stored.seq(), stored);
    }
    for (ArticleRow row : changes.updates()) {
      StoredArticle old = byKey.get(row.key());
      if (old == null) {
        continue;
      }
      StoredArticle stored =
          new StoredArticle(old.seq(), old.key(), old.id(), old.sourceId(), old.firstSeen(),
              old.published(), row.updated(), row.hash(), row.publication(), row.language(),
              List.copyOf(row.categories()), row.articleJson(), row.normalizedJson(),
              row.normalizedWith());
      byKey.put(row.key(), stored);
      bySeq.put(stored.seq(), stored);
    }
    Map<String, String> mine = sightings.computeIfAbsent(changes.sourceId(), id -> new HashMap<>());
    changes.sightings().forEach((key, hash) -> {
      if (!taken.contains(key)) {
        mine.put(key, hash);
      }
    });
  }

  private static StoredArticle stored(long seq, ArticleRow row) {
    return new StoredArticle(seq, row.key(), row.id(), row.sourceId(), row.firstSeen(),
        row.published(), row.updated(), row.hash(), row.publication(), row.language(),
        List.copyOf(row.categories()), row.articleJson(), row.normalizedJson(),
        row.normalizedWith());
  }

  @Override
  public synchronized List<Entry> catalog() {
    List<Entry> rows = new ArrayList<>(bySeq.size());
    for (StoredArticle a : bySeq.values()) {
      rows.add(new Entry(a.seq(), a.publication(), a.language(), a.categories(),
          a.firstSeen(), a.updated()));
    }
    return rows;
  }

  @Override
  public synchronized List<StoredArticle> bySeq(long[] seqs) {
    List<StoredArticle> found = new ArrayList<>(seqs.length);
    for (long seq : seqs) {
      StoredArticle article = bySeq.get(seq);
      if (article != null) {
        found.add(article);
      }
    }
    return found;
  }

  @Override
  public synchronized List<NormalizedRow> normalizedBySeq(long[] seqs) {
    List<NormalizedRow> found = new ArrayList<>(seqs.length);
    for (StoredArticle a : bySeq(seqs)) {
      found.add(new NormalizedRow(a.seq(), a.normalizedJson(), a.normalizedWith()));
    }
    return found;
  }

  @Override
  public synchronized Optional<SourceRow> source(String sourceId) {
    return Optional.ofNullable(sources.get(sourceId));
  }

  @Override
  public synchronized List<String> claim(
      List<String> sourceIds, Instant now, Instant leaseUntil, String owner) {
    List<String> claimed = new ArrayList<>();
    for (String id : sourceIds) {
      SourceRow row = sources.get(id);
      if (row == null) {
        row = new SourceRow(id, null, null, null, null, null, 0, null, -1, null, null, null);
      }
      boolean due = row.nextFetch() == null || !row.nextFetch().isAfter(now);
      boolean free = row.leaseOwner() == null || owner.equals(row.leaseOwner())
          || row.leaseUntil() == null || !row.leaseUntil().isAfter(now);
      if (due && free) {
        sources.put(id, leased(row, owner, leaseUntil));
        claimed.add(id);
      } else {
        sources.putIfAbsent(id, row);
      }
    }
    return claimed;
  }

  @Override
  public synchronized Set<String> finish(List<SourceRow> rows, String owner) {
    Set<String> saved = new HashSet<>();
    for (SourceRow row : rows) {
      SourceRow old = sources.get(row.sourceId());
      if (old != null && old.leaseOwner() != null && !owner.equals(old.leaseOwner())) {
        continue;
      }
      sources.put(row.sourceId(), leased(row, null, null));
      saved.add(row.sourceId());
    }
    return saved;
  }

  private static SourceRow leased(SourceRow row, String owner, Instant until) {
    return new SourceRow(row.sourceId(), row.etag(), row.lastModified(), row.bodyHash(),
        row.lastAttempt(), row.lastSuccess(), row.failures(), row.nextFetch(), row.lastStatus(),
        row.lastError(), owner, until);
  }

  @Override
  public void close() {}
}
