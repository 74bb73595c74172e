package org.republisher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.write.FeedFormat;

/** The main job's command in this process, on a copy of the example configuration and data. */
class RunCommandTest {
  static final String NOW = "2026-12-01T08:00:00Z";
  static final String LATER = "2026-12-01T09:00:00Z";

  @TempDir Path dir;
  Workspace ws;

  @BeforeEach
  void copyTheExample() throws IOException {
    ws = Workspace.ofExample(dir);
  }

  @Test
  void theMainJobWritesEveryFeedAndArchivePageAtItsPathAllValid() throws Exception {
    Workspace.Run run = ws.run("--now", NOW);

    assertThat(run.status()).as(run.toString()).isZero();
    Map<String, byte[]> files = ws.files();
    Set<String> stems = new HashSet<>();
    files.keySet().forEach(path -> stems.add(Workspace.stem(path)));
    assertThat(stems).contains("all", "lang/fr", "lang/ar", "lang/es", "lang/en", "2m",
        "medias24", "le360", "le360-espanol", "morocco-world-news", "archive/all-1",
        "archive/all-2");
    for (String stem : stems) {
      for (FeedFormat format : FeedFormat.values()) {
        assertThat(files).containsKey(stem + "." + format.fileName());
      }
    }
    assertThat(stems).allMatch(s -> s.matches("[a-z0-9-]+|lang/[a-z]{2}|archive/all-[0-9]+"));
    Workspace.assertEveryFileValid(files);
    assertThat(Workspace.rome(files.get("medias24.atom.xml")).getTitle())
        .isEqualTo("Revue de presse — Médias24");
    assertThat(Workspace.rome(files.get("lang/ar.rss.xml")).getLanguage()).isEqualTo("ar");
    assertThat(Workspace.rome(files.get("all.atom.xml")).getEntries()).hasSize(20);
  }

  @Test
  void itPrintsALinePerSourceAndTheSummary() throws IOException {
    Workspace.Run run = ws.run("--now", NOW);

    assertThat(run.status()).as(run.toString()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(5 + 4);
    // the records, the pages, then the feeds of the OPML file, each fetched
    for (int i = 0; i < 5; i++) {
      assertThat(lines.get(i)).as(run.toString()).matches(
          "ok +" + List.of("desk", "pages", "2m", "hespress", "atalayar").get(i)
              + " +[1-9][0-9]* articles, [1-9][0-9]* new, 0 updated; next at 2026-12-01T08:15:00Z");
    }
    int total = ws.files().size();
    assertThat(lines.get(5)).isEqualTo("sources   5 ok, 0 failed, 0 not due");
    assertThat(lines.get(6)).matches("articles  ([0-9]+) new, 0 updated, \\1 total");
    assertThat(lines.get(7)).isEqualTo("files     " + total + " written, 0 unchanged, 0 removed in "
        + ws.feeds());
    assertThat(lines.get(8)).matches("time      [0-9]+\\.[0-9]{2} s");
  }

  @Test
  void walkingBackFromTheCurrentFeedSeesEveryArticleOnce() throws Exception {
    Workspace.Run run = ws.run("--now", NOW);
    Map<String, byte[]> files = ws.files();

    Set<String> ids = new HashSet<>();
    int seen = 0;
    String path = "all.atom.xml";
    while (path != null) {
      SyndFeed feed = Workspace.rome(files.get(path));
      for (SyndEntry entry : feed.getEntries()) {
        assertThat(ids.add(entry.getUri())).as(entry.getUri() + " twice").isTrue();
        seen++;
      }
      path = feed.getLinks().stream().filter(l -> "prev-archive".equals(l.getRel()))
          .map(SyndLink::getHref).findFirst()
          .map(href -> Workspace.SITE.relativize(java.net.URI.create(href)).toString())
          .orElse(null);
    }
    Matcher total = Pattern.compile("articles  [0-9]+ new, [0-9]+ updated, ([0-9]+) total")
        .matcher(run.out());
    assertThat(total.find()).isTrue();
    assertThat(seen).isEqualTo(Integer.parseInt(total.group(1)));
  }

  @Test
  void theSameInstantGivesTheSameBytesWhetherFromNowOrSourceDateEpoch(@TempDir Path other)
      throws Exception {
    Workspace second = Workspace.ofExample(other);

    assertThat(ws.run("--now", NOW).status()).isZero();
    Workspace.Run byEpoch = second.run(
        Map.of(RunCommand.SOURCE_DATE_EPOCH, Long.toString(Instant.parse(NOW).getEpochSecond())),
        "run", "--config", second.config().toString());

    assertThat(byEpoch.status()).as(byEpoch.toString()).isZero();
    assertThat(byEpoch.out()).contains("next at 2026-12-01T08:15:00Z");
    assertSameFiles(second.files(), ws.files());
  }

  @Test
  void aRecordsFileOfBadLinesFailsTheRunAndLeavesTheFeedsAsTheyWere() throws Exception {
    ws.recordsOnly();
    assertThat(ws.run("--now", NOW).status()).isZero();
    Map<String, byte[]> before = ws.files();
    assertThat(before).isNotEmpty();
    Files.writeString(ws.data("articles.jsonl"), "{\"title\": \" \"}\nnot json\n", UTF_8);

    Workspace.Run run = ws.run("--now", LATER);

    assertThat(run.status()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).containsPattern("FAILED +desk +source desk \\(file:.*articles\\.jsonl\\):"
        + " no line of articles\\.jsonl is a valid record \\(2 bad\\)");
    assertThat(run.out()).contains("sources   0 ok, 1 failed, 0 not due")
        .contains("files     none written, " + ws.feeds() + " left as it was");
    assertThat(run.err()).contains("every source failed: the feeds in " + ws.feeds()
        + " are left as they were");
    assertSameFiles(ws.files(), before);
  }

  @Test
  void aFailedSourceIsReportedAndTheOthersAreWritten() throws IOException {
    Files.delete(ws.data("feeds/hespress-ar.rss.xml"));

    Workspace.Run run = ws.run("--now", NOW);

    assertThat(run.status()).as(run.toString()).isZero();
    assertThat(run.out()).containsPattern("FAILED +hespress +source hespress .*no such file|"
        + "FAILED +hespress +source hespress .*NoSuchFile|FAILED +hespress +.*hespress-ar")
        .contains("sources   4 ok, 1 failed, 0 not due");
    assertThat(ws.files()).containsKey("all.atom.xml");
  }

  @Test
  void anOutputFolderThatCannotBeWrittenExitsOne() throws IOException {
    Files.createDirectories(ws.root.resolve("target"));
    Files.writeString(ws.feeds(), "a file where the folder should be");

    Workspace.Run run = ws.run("--now", NOW);

    assertThat(run.status()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("republisher: cannot write the feeds into " + ws.feeds())
        .contains("no feed file was changed");
    assertThat(Files.readString(ws.feeds())).isEqualTo("a file where the folder should be");
  }

  @Test
  void aStoreThatCannotBeOpenedExitsOne() throws IOException {
    Files.writeString(ws.root.resolve("blocker"), "a file where a folder should be");
    ws.store("../blocker/republisher.db");

    Workspace.Run run = ws.run("--now", NOW);

    assertThat(run.status()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).startsWith("republisher: history store ");
    assertThat(ws.feeds()).doesNotExist();
  }

  @Test
  void theSecondRunFindsNothingNewAndWritesTheSameBytes() throws Exception {
    assertThat(ws.run("--now", NOW).status()).isZero();
    Map<String, byte[]> first = ws.files();

    Workspace.Run notDue = ws.run("--now", NOW);
    Workspace.Run due = ws.run("--now", LATER);

    for (Workspace.Run run : List.of(notDue, due)) {
      assertThat(run.status()).as(run.toString()).isZero();
      assertThat(run.out()).contains(" 0 new, 0 updated, ")
          .containsPattern("files     0 written, [0-9]+ unchanged, 0 removed");
      assertSameFiles(ws.files(), first);
    }
    assertThat(notDue.out()).contains("sources   0 ok, 0 failed, 5 not due");
    assertThat(due.out()).contains("sources   5 ok, 0 failed, 0 not due");
  }

  @Test
  void anArticleAddedToTheRecordsIsNewOnTheNextDueRun() throws Exception {
    assertThat(ws.run("--now", NOW).status()).isZero();
    Files.writeString(ws.data("articles.jsonl"),
        "{\"title\": \"Un nouvel article\", \"sourceLink\": \"https://medias24.com/nouveau\","
            + " \"attribution\": \"Publié dans Médias24 le 30 - 11 - 2026\"}\n",
        UTF_8, java.nio.file.StandardOpenOption.APPEND);

    Workspace.Run run = ws.run("--now", LATER);

    assertThat(run.status()).as(run.toString()).isZero();
    assertThat(run.out()).contains("articles  1 new, 0 updated, ");
    assertThat(new String(ws.files().get("medias24.atom.xml"), UTF_8)).contains("Un nouvel article");
    Workspace.assertEveryFileValid(ws.files());
  }

  @Test
  void aMemoryStoreKeepsNothingFromOneRunToTheNext() throws Exception {
    ws.store("\"memory:\"");

    Workspace.Run first = ws.run("--now", NOW);
    Workspace.Run second = ws.run("--now", NOW);

    assertThat(first.status()).as(first.toString()).isZero();
    assertThat(second.status()).as(second.toString()).isZero();
    assertThat(second.out()).contains("sources   5 ok, 0 failed, 0 not due")
        .doesNotContain(" 0 new, ");
    assertThat(ws.root.resolve("target/republisher.db")).doesNotExist();
  }

  @Test
  void aHubThatRefusesIsReportedAsSuchAndTheRunStillSucceeds() throws Exception {
    try (FakeHub hub = new FakeHub()) {
      hub.refuse();
      ws.append("websub:\n  hub: " + hub.url() + "\n");

      Workspace.Run run = ws.run("--now", NOW);

      assertThat(run.status()).as(run.toString()).isZero();
      int current = ServingTest.currentDocuments(ws.files().keySet()).size();
      assertThat(hub.drain()).hasSize(current);
      assertThat(run.out()).contains("websub    " + current + " changed feeds, " + current
          + " not announced to " + hub.url() + " (see the log)");
    }
  }

  @Test
  void withAHubTheFeedsNameItAndRunAnnouncesTheCurrentFeedsWhoseBytesChanged() throws Exception {
    try (FakeHub hub = new FakeHub()) {
      ws.append("websub:\n  hub: " + hub.url() + "\n");

      Workspace.Run first = ws.run("--now", NOW);

      assertThat(first.status()).as(first.toString()).isZero();
      Set<java.net.URI> current = ServingTest.currentDocuments(ws.files().keySet());
      // run waits for the publisher: what it announced has reached the hub when it returns
      List<java.net.URI> announced = hub.drain();
      assertThat(announced).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(current);
      assertThat(first.out()).contains("websub    " + current.size() + " changed feeds announced to "
          + hub.url());
      Map<String, byte[]> files = ws.files();
      assertThat(new String(files.get("all.atom.xml"), UTF_8))
          .contains("<link rel=\"hub\" href=\"" + hub.url() + "\"/>");
      assertThat(new String(files.get("lang/fr.rss.xml"), UTF_8))
          .contains("<atom:link href=\"" + hub.url() + "\" rel=\"hub\"/>");
      assertThat(new String(files.get("2m.feed.json"), UTF_8))
          .containsPattern("\"hubs\":\\[\\s*\\{\\s*\"type\":\"WebSub\",\\s*\"url\":\""
              + Pattern.quote(hub.url()) + "\"\\s*}\\s*]");
      Workspace.assertEveryFileValid(files);

      Workspace.Run unchanged = ws.run("--now", LATER);

      assertThat(unchanged.out()).contains("websub    0 changed feeds announced to ");
      assertThat(hub.drain()).isEmpty();

      ws.addArticle("Un article annoncé", "annonce");
      Workspace.Run changed = ws.run("--now", "2026-12-01T10:00:00Z");

      Set<java.net.URI> expected = ServingTest.changedDocuments(files, ws.files());
      assertThat(expected).contains(Workspace.SITE.resolve("medias24.feed.json"))
          .hasSizeLessThan(current.size());
      assertThat(changed.out()).contains("websub    " + expected.size() + " changed feeds");
      assertThat(hub.drain()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  static void assertSameFiles(Map<String, byte[]> actual, Map<String, byte[]> expected) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    for (String path : expected.keySet()) {
      assertThat(actual.get(path)).as(path).isEqualTo(expected.get(path));
    }
  }
}
