package org.republisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.source.InvalidRecordException;
import org.republisher.source.JsonLinesRecords;
import org.republisher.testing.FeedRules;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedWriter;
import org.republisher.write.WriteResult;

/**
 * The records of issue #10's "Why" list, end to end: read, repaired, written in every format, valid,
 * each with what it says, none lost; every repair logged on one line.
 */
class HostileRecordsTest {
  private static final Instant NOW = Instant.parse("2026-03-22T12:00:00Z");

  /** One record per case of the list, quoted as the issue gives it. */
  private static final String RECORDS =
      String.join(
          "\n",
          "{\"id\": \"blank-author\", \"title\": \"Un auteur vide\", \"link\": \"https://r.example/1\","
              + " \"published\": \"2026-03-20\", \"authors\": [\" \", \"MAP\", \"map\"]}",
          "{\"id\": \"idn\", \"title\": \"Un lien IDN\", \"published\": \"2026-03-20\","
              + " \"sourceLink\": \"https://www.médias24.ma/actualité/un article.html\"}",
          "{\"id\": \"ar-month\", \"title\": \"خبر\", \"link\": \"https://r.example/3\","
              + " \"attribution\": \"نشر في هسبريس يوم 15 - غشت - 2019\"}",
          "{\"id\": \"fr-month\", \"title\": \"Une brève\", \"link\": \"https://r.example/4\","
              + " \"attribution\": \"Publié dans Le360 le 21 - mars - 2026\"}",
          "{\"id\": \"no-date\", \"title\": \"Sans date\", \"link\": \"https://r.example/5\"}",
          "{\"id\": \"blink\", \"title\": \"History of the &lt;blink&gt; tag\","
              + " \"link\": \"https://r.example/6\", \"published\": \"2026-03-20\"}",
          "{\"id\": \"template\", \"title\": \"C++ templates &lt;T&gt;\","
              + " \"link\": \"https://r.example/7\", \"published\": \"2026-03-20\"}",
          "{\"id\": \"double\", \"title\": \"Résumé échappé deux fois\","
              + " \"link\": \"https://r.example/8\", \"published\": \"2026-03-20\","
              + " \"summary\": \"&amp;lt;b&amp;gt;gras&amp;lt;/b&amp;gt;\"}",
          "{\"id\": \"impossible\", \"title\": \"Date impossible\", \"link\": \"https://r.example/9\","
              + " \"attribution\": \"Publié dans 2M le 31 - 02 - 2020\"}",
          "{\"id\": \"forged\", \"title\": \"Titre\\nWARN forged: line\", \"link\": \"javascript:x()\","
              + " \"sourceLink\": \"https://r.example/10\", \"published\": \"2026-03-20\"}",
          "{\"id\": \"empty-path\", \"title\": \"Chemin vide\", \"sourceLink\": \"https://www.2m.ma\","
              + " \"published\": \"2026-03-20\"}",
          "{\"id\": \"no-link\", \"title\": \"Sans lien\", \"published\": \"2026-03-20\","
              + " \"publication\": {\"name\": \"Yabiladi\", \"url\": \"https://www.yabiladi.com\"}}");

  @ParameterizedTest
  @EnumSource(FeedFormat.class)
  void nothingIsLostNothingLeaks(FeedFormat format) throws IOException {
    List<InvalidRecordException> problems = new ArrayList<>();
    List<Article> articles;
    List<String> log;
    try (LogCapture capture = new LogCapture();
        Stream<Article> stream =
            JsonLinesRecords.read(new StringReader(RECORDS), "why.jsonl", problems::add)) {
      articles = stream.toList();
      log = capture.lines();
    }
    FeedWriter writer =
        FeedWriter.builder(FeedSpec.builder("Revue", "https://revue.example/why.xml").build())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WriteResult result = writer.write(format, articles, out);
    String feed = out.toString(StandardCharsets.UTF_8);

    assertThat(problems).isEmpty();
    assertThat(result.rejected()).isEmpty();
    assertThat(result.written()).isEqualTo(12);
    FeedRules.assertValid(format, out.toByteArray());
    assertThat(feed)
        .contains("MAP")
        .doesNotContain("map<", "\"map\"")
        .contains("https://www.xn--mdias24-bya.ma/actualit%C3%A9/un%20article.html")
        .contains("15 - 08 - 2019", "21 - 03 - 2026")
        .contains("https://www.2m.ma/")
        .doesNotContain("https://www.2m.ma<", "https://www.2m.ma\"") // an empty path is "/"
        .contains("https://www.yabiladi.com/")
        .doesNotContain("javascript:");
    if (format == FeedFormat.JSON_FEED) {
      assertThat(feed)
          .contains("\"title\":\"History of the <blink> tag\"")
          .contains("\"title\":\"C++ templates <T>\"")
          .contains("\"summary\":\"&lt;b&gt;gras&lt;/b&gt;\"")
          .contains("\"date_published\":\"2026-03-22T12:00:00Z\""); // undated: first seen now
    }
    assertThat(log)
        .noneMatch(line -> line.startsWith("WARN forged"))
        .anySatisfy(line -> assertThat(line).contains("why.jsonl:10: link has a scheme other"))
        .anySatisfy(line -> assertThat(line).contains("why.jsonl:9: attribution has a date that does not exist"));
  }
}
