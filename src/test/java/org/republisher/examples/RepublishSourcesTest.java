package org.republisher.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.testing.FeedRules;
import org.republisher.write.FeedFormat;

class RepublishSourcesTest {
  private static final Path FEEDS = RepublishSources.DATA.resolve("feeds");
  private static final Path PAGES = RepublishSources.DATA.resolve("pages/index.html");

  @TempDir Path out;

  @Test
  void theDefaultDataHasFeedsAndPages() throws IOException {
    try (Stream<Path> files = Files.list(FEEDS)) {
      assertThat(files.count()).as("feed files in " + FEEDS).isGreaterThanOrEqualTo(2);
    }
    assertThat(PAGES).isRegularFile();
  }

  @Test
  void republishesEverySourceIntoValidFeeds() throws Exception {
    Run run = run(RepublishSources.DATA);

    assertThat(run.status).isZero();
    assertThat(run.err).as("no source failed").isEmpty();
    Map<String, byte[]> files = files(out);
    assertThat(files).containsKeys("all.rss.xml", "all.atom.xml", "all.feed.json");
    assertThat(files.size()).as("the combined feed and one per publication").isGreaterThan(3);
    assertThat(files.size() % 3).isZero();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      FeedFormat format = format(file.getKey());
      FeedRules.assertValid(format, file.getValue());
      if (format != FeedFormat.JSON_FEED) {
        assertThat(rome(file.getValue()).getEntries()).as(file.getKey()).isNotEmpty();
      }
    }
    List<String> lines = run.out.lines().toList();
    assertThat(lines).hasSize(files.size() + 1);
    for (String name : files.keySet()) {
      assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("wrote ").contains(name));
    }
    assertThat(lines.get(lines.size() - 1)).endsWith("; 0 sources failed");
  }

  @Test
  void theCombinedFeedHoldsTheArticlesOfTheFeedsAndOfThePages() throws Exception {
    run(RepublishSources.DATA);

    List<SyndEntry> entries = rome(Files.readAllBytes(out.resolve("all.atom.xml"))).getEntries();
    List<String> links = new ArrayList<>();
    for (SyndEntry entry : entries) {
      links.add(entry.getLink());
    }
    assertThat(links)
        .as("own pages of the aggregator's articles, from the page source")
        .anySatisfy(link -> assertThat(link).startsWith(RepublishSources.SITE + "pages/"));
    assertThat(links)
        .as("articles of the upstream feeds, linked to their publication")
        .anySatisfy(link -> assertThat(link).doesNotStartWith(RepublishSources.SITE));
  }

  @Test
  void aPublicationsFeedHoldsOnlyItsArticles() throws Exception {
    run(RepublishSources.DATA);

    String twoM = Files.readString(out.resolve("2m.atom.xml"), UTF_8);
    assertThat(rome(twoM.getBytes(UTF_8)).getEntries()).isNotEmpty();
    assertThat(twoM)
        .contains("2m.ma")
        .doesNotContain("hespress.com")
        .doesNotContain("atalayar.com");
  }

  @Test
  void theSameDataGivesTheSameBytes(@TempDir Path again) throws Exception {
    run(RepublishSources.DATA);
    Path first = out;
    out = again;
    run(RepublishSources.DATA);

    Map<String, byte[]> one = files(first);
    Map<String, byte[]> two = files(again);
    assertThat(two.keySet()).isEqualTo(one.keySet());
    for (String name : one.keySet()) {
      assertThat(two.get(name)).as(name).isEqualTo(one.get(name));
    }
  }

  @Test
  void aBrokenSourceIsPrintedAndTheOthersArePublished(@TempDir Path data) throws Exception {
    Files.createDirectories(data.resolve("feeds"));
    try (Stream<Path> feeds = Files.list(FEEDS)) {
      for (Path feed : feeds.toList()) {
        Files.copy(feed, data.resolve("feeds").resolve(feed.getFileName()));
      }
    }
    Files.writeString(data.resolve("feeds/broken.rss.xml"), "<rss><channel><title>cut", UTF_8);

    Run run = run(data);

    assertThat(run.status).isZero();
    assertThat(run.err.lines())
        .singleElement()
        .asString()
        .startsWith("source broken.rss.xml failed: ");
    assertThat(run.out).contains("; 1 sources failed");
    byte[] all = Files.readAllBytes(out.resolve("all.rss.xml"));
    FeedRules.assertValid(FeedFormat.RSS, all);
    assertThat(rome(all).getEntries()).isNotEmpty();
  }

  @Test
  void printsTheUsageOnBadArguments() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        RepublishSources.run(
            new String[] {"a", "b"},
            new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
            new PrintStream(err, true, UTF_8));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(UTF_8)).isEqualTo(RepublishSources.USAGE + System.lineSeparator());
  }

  private record Run(int status, String out, String err) {}

  private Run run(Path data) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int status =
        RepublishSources.run(
            data, out, new PrintStream(stdout, true, UTF_8), new PrintStream(stderr, true, UTF_8));
    return new Run(status, stdout.toString(UTF_8), stderr.toString(UTF_8));
  }

  private static Map<String, byte[]> files(Path folder) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(folder)) {
      for (Path file : list.toList()) {
        files.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }

  private static FeedFormat format(String fileName) {
    for (FeedFormat format : FeedFormat.values()) {
      if (fileName.endsWith("." + format.fileName())) {
        return format;
      }
    }
    throw new AssertionError("not a feed file: " + fileName);
  }

  private static SyndFeed rome(byte[] xml) throws Exception {
    return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(xml)));
  }
}
