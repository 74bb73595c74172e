package org.republisher.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeFeedTest {
  @TempDir Path out;

  @Test
  void streamsEveryRecordIntoRssAndAtomAndReportsTheHeap() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    int status =
        LargeFeed.run(
            new String[] {"400", out.toString()},
            new PrintStream(stdout, true, UTF_8),
            new PrintStream(stderr, true, UTF_8));

    assertThat(stderr.toString(UTF_8)).isEmpty();
    assertThat(status).isZero();
    assertThat(Files.readAllLines(out.resolve("records.jsonl"), UTF_8)).hasSize(400);
    WireFeedInput input = new WireFeedInput();
    Channel rss = (Channel) input.build(out.resolve("large.rss.xml").toFile());
    Feed atom = (Feed) input.build(out.resolve("large.atom.xml").toFile());
    assertThat(rss.getItems()).hasSize(400);
    assertThat(atom.getEntries()).hasSize(400);
    assertThat(rss.getItems().get(0).getPubDate()).isAfter(rss.getItems().get(399).getPubDate());
    assertThat(stdout.toString(UTF_8))
        .contains("wrote 400 articles")
        .contains("peak heap use while writing")
        .contains("heap held after a full collection at 0/25/50/75/100 %:")
        .contains("held per article written");
  }

  @Test
  void badArgumentsPrintTheUsage() {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    int status =
        LargeFeed.run(
            new String[] {"many", out.toString()},
            new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
            new PrintStream(stderr, true, UTF_8));

    assertThat(status).isEqualTo(2);
    assertThat(stderr.toString(UTF_8)).contains(LargeFeed.USAGE);
  }
}
