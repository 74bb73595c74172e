package org.republisher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.write.FeedFile;
import org.republisher.write.FeedFormat;

class OutputTest {
  private static final URI SITE = URI.create("https://x.example/feeds/");
  private static final Instant UPDATED = Instant.parse("2026-12-01T08:00:00Z");

  @TempDir Path dir;

  @Test
  void everyFileLandsAtThePathItsUrlHasUnderTheSite() throws IOException {
    Output.Result result = output().write(List.of(
        file("all.atom.xml", "current"),
        file("all.rss.xml", "rss"),
        file("archive/all-3.atom.xml", "page 3"),
        file("lang/fr.feed.json", "{}"),
        file("lang/archive/fr-1.feed.json", "{\"page\":1}")), List.of("all", "lang/fr"));

    assertThat(result).isEqualTo(new Output.Result(5, 0, 0, List.of(SITE.resolve("all.atom.xml"),
        SITE.resolve("all.rss.xml"), SITE.resolve("archive/all-3.atom.xml"),
        SITE.resolve("lang/fr.feed.json"), SITE.resolve("lang/archive/fr-1.feed.json"))));
    assertThat(Files.readString(dir.resolve("all.atom.xml"))).isEqualTo("current");
    assertThat(Files.readString(dir.resolve("all.rss.xml"))).isEqualTo("rss");
    assertThat(Files.readString(dir.resolve("archive/all-3.atom.xml"))).isEqualTo("page 3");
    assertThat(Files.readString(dir.resolve("lang/fr.feed.json"))).isEqualTo("{}");
    assertThat(Files.readString(dir.resolve("lang/archive/fr-1.feed.json"))).isEqualTo("{\"page\":1}");
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void aFileWithTheSameBytesIsNotWrittenAgain() throws IOException {
    output().write(List.of(file("all.atom.xml", "one"), file("all.rss.xml", "two")), List.of("all"));
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(dir.resolve("all.atom.xml"), old);
    Files.setLastModifiedTime(dir.resolve("all.rss.xml"), old);

    Output.Result result = output().write(
        List.of(file("all.atom.xml", "one"), file("all.rss.xml", "changed")), List.of("all"));

    assertThat(result).isEqualTo(new Output.Result(1, 1, 0, List.of(SITE.resolve("all.rss.xml"))));
    assertThat(Files.getLastModifiedTime(dir.resolve("all.atom.xml"))).isEqualTo(old);
    assertThat(Files.getLastModifiedTime(dir.resolve("all.rss.xml"))).isNotEqualTo(old);
    assertThat(Files.readString(dir.resolve("all.rss.xml"))).isEqualTo("changed");
  }

  @Test
  void retiredArchivePagesOfTheWrittenFeedsAreRemovedAndNothingElse() throws IOException {
    Files.createDirectories(dir.resolve("archive"));
    for (String name : List.of("archive/all-1.atom.xml", "archive/all-1.rss.xml",
        "archive/all-2.feed.json", "archive/all-fr-1.atom.xml", "archive/other-1.atom.xml",
        "archive/all-1.atom.xml.bak", "archive/notes.txt")) {
      Files.writeString(dir.resolve(name), "old");
    }

    Output.Result result = output().write(
        List.of(file("all.atom.xml", "current"), file("archive/all-2.atom.xml", "page 2")),
        List.of("all"));

    assertThat(result).isEqualTo(new Output.Result(2, 0, 3,
        List.of(SITE.resolve("all.atom.xml"), SITE.resolve("archive/all-2.atom.xml"))));
    try (Stream<Path> left = Files.list(dir.resolve("archive"))) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "all-2.atom.xml", "all-fr-1.atom.xml", "other-1.atom.xml", "all-1.atom.xml.bak",
          "notes.txt");
    }
  }

  @Test
  void whenAFileCannotBeWrittenNoFileIsChangedAndNoTemporaryFileIsLeft() throws IOException {
    output().write(List.of(file("all.atom.xml", "good"), file("all.rss.xml", "good rss"),
        file("archive/all-1.atom.xml", "good page")), List.of("all"));
    // a folder in the way of one target: staging it fails after others were staged
    Files.createDirectories(dir.resolve("lang/fr.atom.xml"));

    assertThatThrownBy(() -> output().write(List.of(
            file("all.atom.xml", "new"),
            file("archive/all-1.atom.xml", "new page"),
            file("lang/fr.atom.xml", "blocked"),
            file("all.rss.xml", "new rss")), List.of("all")))
        .isInstanceOf(Output.OutputException.class)
        .hasMessageContaining("cannot write the feeds into " + dir)
        .hasMessageContaining("fr.atom.xml is in the way: not a regular file")
        .hasMessageEndingWith("no feed file was changed");

    assertThat(Files.readString(dir.resolve("all.atom.xml"))).isEqualTo("good");
    assertThat(Files.readString(dir.resolve("all.rss.xml"))).isEqualTo("good rss");
    assertThat(Files.readString(dir.resolve("archive/all-1.atom.xml"))).isEqualTo("good page");
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void anOutputThatIsAFileFailsWithoutWritingAnything() throws IOException {
    Path notAFolder = dir.resolve("feeds");
    Files.writeString(notAFolder, "a file");

    assertThatThrownBy(() -> new Output(notAFolder, SITE)
            .write(List.of(file("all.atom.xml", "x")), List.of("all")))
        .isInstanceOf(Output.OutputException.class)
        .hasMessageContaining("no feed file was changed");
    assertThat(Files.readString(notAFolder)).isEqualTo("a file");
  }

  @Test
  void aUrlOutsideTheSiteOrWithoutAFilePathIsRefused() {
    for (String url : List.of("https://y.example/feeds/all.atom.xml",
        "https://x.example/feeds/", "https://x.example/feeds/a/../../etc/passwd",
        "https://x.example/feeds/a//b.xml", "https://x.example/feeds/a.xml?x=1")) {
      assertThatThrownBy(() -> output().write(
              List.of(new FeedFile(URI.create(url), FeedFormat.ATOM, new byte[1], UPDATED)),
              List.of()))
          .as(url)
          .isInstanceOf(Output.OutputException.class);
    }
    assertThat(dir).isEmptyDirectory();
  }

  private Output output() {
    return new Output(dir, SITE);
  }

  private List<Path> tempFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  private static FeedFile file(String path, String text) {
    FeedFormat format = path.endsWith(".json") ? FeedFormat.JSON_FEED
        : path.contains("rss") ? FeedFormat.RSS : FeedFormat.ATOM;
    return new FeedFile(SITE.resolve(path), format, text.getBytes(UTF_8), UPDATED);
  }
}
