package org.republisher.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.republisher.store.Backend.ArticleRow;
import org.republisher.store.Backend.Changes;
import org.republisher.store.Backend.SourceRow;

/**
 * A republisher instance in a process of its own, for {@link BackendProcessesTest}: it opens a
 * store and does one thing, reporting on standard output, one line each.
 *
 * <ul>
 *   <li>{@code open LOCATION}: prints {@code opened}, or {@code error: MESSAGE};
 *   <li>{@code race LOCATION OWNER ROUNDS SIZE}: prints {@code ready}, waits for a line on standard
 *       input, then for each round claims the same SIZE sources ({@code claimed ID}), finishes each
 *       one claimed ({@code lost ID} when the lease was no longer its own), and inserts the round's
 *       SIZE articles ({@code inserted KEY} or {@code taken KEY}); then prints {@code done};
 *   <li>{@code hold LOCATION OWNER SIZE}: claims SIZE sources at {@link #T0} for 300 s, prints
 *       {@code claimed N}, and waits to be killed.
 * </ul>
 */
final class BackendChild {
  /** The instant every child claims at. */
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
  /** How long a child's leases last. */
  static final long LEASE_SECONDS = 300;

  private BackendChild() {}

  public static void main(String[] args) throws IOException {
    String location = args[1];
    switch (args[0]) {
      case "open":
        try {
          JdbcBackend.open(location).close();
          System.out.println("opened");
        } catch (StoreException e) {
          System.out.println("error: " + e.getMessage());
        }
        break;
      case "race":
        race(location, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        break;
      case "hold":
        hold(location, args[2], Integer.parseInt(args[3]));
        break;
      default:
        throw new IllegalArgumentException("usage: open|race|hold LOCATION ...");
    }
    System.out.flush();
  }

  /** The ids of the sources of a round. */
  static List<String> sources(int round, int size) {
    List<String> ids = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      ids.add("round" + round + "-source" + i);
    }
    return ids;
  }

  private static void race(String location, String owner, int rounds, int size)
      throws IOException {
    try (Backend backend = JdbcBackend.open(location)) {
      System.out.println("ready");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      StringBuilder out = new StringBuilder();
      for (int round = 0; round < rounds; round++) {
        for (String id : backend.claim(
            sources(0, size), T0, T0.plusSeconds(LEASE_SECONDS), owner)) {
          out.append("claimed ").append(id).append('\n');
          SourceRow state = new SourceRow(id, owner + round, null, null, T0, T0, 0, T0, 200, null,
              null, null);
          if (!backend.finish(state, owner)) {
            out.append("lost ").append(id).append('\n');
          }
        }
        List<ArticleRow> rows = new ArrayList<>(size);
        Map<String, String> sightings = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
          String key = "https://news.example/round" + round + "/article" + i;
          rows.add(new ArticleRow(key, owner + ":" + key, owner, T0, T0, T0, owner, null, null,
              List.of(), "{}", "{}", "p"));
          sightings.put(key, owner);
        }
        Set<String> taken = backend.apply(new Changes(owner, rows, List.of(), sightings));
        for (ArticleRow row : rows) {
          out.append(taken.contains(row.key()) ? "taken " : "inserted ").append(row.key())
              .append('\n');
        }
      }
      System.out.print(out);
      System.out.println("done");
    }
  }

  private static void hold(String location, String owner, int size) throws IOException {
    Backend backend = JdbcBackend.open(location);
    List<String> claimed =
        backend.claim(sources(0, size), T0, T0.plusSeconds(LEASE_SECONDS), owner);
    System.out.println("claimed " + claimed.size());
    System.out.flush();
    System.in.read(); // killed here
    backend.close();
  }
}
