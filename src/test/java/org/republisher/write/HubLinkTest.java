package org.republisher.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.republisher.InvalidValueException;
import org.republisher.model.FeedSpec;
import org.republisher.testing.FeedRules;

/** A feed spec's WebSub hub is written in every format, validly, and nothing when there is none. */
class HubLinkTest {
  static final String HUB = "https://hub.example/websub";

  static String write(FeedFormat format, FeedSpec spec) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FeedWriter.builder(spec).clock(Fixtures.CLOCK).build().write(format, Fixtures.articles(), out);
    byte[] feed = out.toByteArray();
    FeedRules.assertValid(format, feed);
    return new String(feed, StandardCharsets.UTF_8);
  }

  static FeedSpec withHub() {
    return Fixtures.spec().toBuilder().hub(HUB).build();
  }

  @Test
  void atomCarriesAHubLink() throws Exception {
    String feed = write(FeedFormat.ATOM, withHub());
    assertThat(feed).contains("<link rel=\"hub\" href=\"" + HUB + "\"/>");
    Feed parsed = (Feed) RomeRoundTripTest.parse(feed.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.getOtherLinks())
        .extracting(Link::getRel, Link::getHref)
        .contains(tuple("hub", HUB));
  }

  @Test
  void rssCarriesAnAtomHubLink() throws Exception {
    String feed = write(FeedFormat.RSS, withHub());
    assertThat(feed).contains("<atom:link href=\"" + HUB + "\" rel=\"hub\"/>");
    assertThat(RomeRoundTripTest.parse(feed.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(Channel.class);
  }

  @Test
  void jsonFeedCarriesAWebSubHub() throws Exception {
    String feed = write(FeedFormat.JSON_FEED, withHub());
    assertThat(feed.replaceAll("\\s+", ""))
        .contains("\"hubs\":[{\"type\":\"WebSub\",\"url\":\"" + HUB + "\"}]");
  }

  @ParameterizedTest
  @EnumSource(FeedFormat.class)
  void noHubNoLink(FeedFormat format) throws IOException {
    assertThat(write(format, Fixtures.spec())).doesNotContain("rel=\"hub\"", "\"hubs\"");
  }

  @Test
  void theHubSurvivesToBuilder() {
    assertThat(withHub().toBuilder().build().hub()).hasToString(HUB);
    assertThat(withHub().toBuilder().hub(null).build().hub()).isNull();
  }

  @Test
  void aRelativeOrScriptHubIsRefusedByName() {
    assertThatThrownBy(() -> Fixtures.spec().toBuilder().hub("/websub"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("feed.hub");
    assertThatThrownBy(() -> Fixtures.spec().toBuilder().hub("javascript:alert(1)"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("feed.hub");
  }
}
