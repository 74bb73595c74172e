package org.republisher.examples;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.source.JsonLinesRecords;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedOutput;
import org.republisher.write.FeedWriter;
import org.republisher.write.WriteResult;

/**
 * Streams a large records file into an RSS and an Atom file in constant memory, and reports the
 * heap it took. Run it with a small heap to check that nothing on the way holds the whole feed:
 *
 * <pre>
 * mvn -q -Pbench test-compile exec:exec@large-feed      (java -Xmx256m, 100,000 articles)
 * LargeFeed                    100,000 articles, files in target/large-feed/
 * LargeFeed COUNT OUTPUT_DIR   COUNT articles, files in OUTPUT_DIR
 * </pre>
 *
 * <p>It first generates {@code records.jsonl}, COUNT article records (fr, ar, es, en; HTML bodies
 * of 2 to 4 KB; newest first, from a fixed seed), one line at a time. It then reads them back with
 * {@link JsonLinesRecords}' lazy stream and writes {@code large.rss.xml} and {@code large.atom.xml}
 * in one {@link FeedWriter} call, through its {@link Iterator} overload: one article at a time is
 * read, normalized and written to both files.
 *
 * <p>It reports the heap's peak use while writing (the sum of the heap pools' peaks, garbage
 * included) and what stays held as the write goes on: the heap after a full collection before the
 * first article and at each quarter of them (the last before the last article). {@code FeedWriter}
 * keeps, for the whole write, a 64-bit hash of the id and the updated second of every article
 * written (to leave out duplicates and to keep updated dates distinct), in two tables of
 * {@code long}s; that growth, per article, is the last figure. The tables take 21 to 43 bytes an
 * article (4 MB for 100,000: they have just doubled); the heap shows about 70 bytes, 7 MB, since
 * G1 gives each large array whole regions.
 *
 * <p>Exit status: 0 when both files are written with every article, 1 on an I/O failure or a
 * rejected article, 2 on bad arguments.
 */
public final class LargeFeed {
  static final String USAGE = "usage: LargeFeed [COUNT OUTPUT_DIR]";
  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  private LargeFeed() {}

  /**
   * Runs the check and exits with its status.
   *
   * @param args none, or the number of articles and the output folder
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    int count = 100_000;
    Path dir = Path.of("target", "large-feed");
    if (args.length == 2) {
      try {
        count = Integer.parseInt(args[0]);
      } catch (NumberFormatException e) {
        count = -1;
      }
      dir = Path.of(args[1]);
    }
    if ((args.length != 0 && args.length != 2) || count < 1) {
      err.println(USAGE);
      return 2;
    }
    try {
      Files.createDirectories(dir);
      Path records = dir.resolve("records.jsonl");
      long started = System.nanoTime();
      Records.write(records, count);
      out.printf(Locale.ROOT, "generated %,d records (%,d MB) in %.1f s%n", count,
          Files.size(records) >> 20, (System.nanoTime() - started) / 1e9);

      Heap heap = new Heap(count);
      heap.reset();
      started = System.nanoTime();
      Path rss = dir.resolve("large.rss.xml");
      Path atom = dir.resolve("large.atom.xml");
      FeedSpec spec =
          FeedSpec.builder("Archive de la revue de presse", "https://revue.example/feeds/archive.xml")
              .link("https://revue.example/")
              .limit(count)
              .build();
      FeedWriter writer = FeedWriter.builder(spec).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
      WriteResult result;
      List<String> problems = new ArrayList<>();
      try (Stream<Article> articles = JsonLinesRecords.read(records, p -> problems.add(p.getMessage()));
          OutputStream rssOut = new BufferedOutputStream(Files.newOutputStream(rss), 1 << 16);
          OutputStream atomOut = new BufferedOutputStream(Files.newOutputStream(atom), 1 << 16)) {
        result =
            writer.write(
                List.of(
                    FeedOutput.of(FeedFormat.RSS, rssOut, "https://revue.example/feeds/archive.rss.xml"),
                    FeedOutput.of(FeedFormat.ATOM, atomOut, "https://revue.example/feeds/archive.atom.xml")),
                heap.probe(articles.iterator()));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf(Locale.ROOT, "wrote %,d articles to %s (%,d MB) and %s (%,d MB) in %.1f s (%,.0f articles/s)%n",
          result.written(), rss.getFileName(), Files.size(rss) >> 20, atom.getFileName(),
          Files.size(atom) >> 20, seconds, result.written() / seconds);
      heap.report(out);
      if (result.written() != count || !result.rejected().isEmpty() || !problems.isEmpty()) {
        err.printf("expected %d articles, wrote %d; rejected %s; bad lines %s%n", count,
            result.written(), result.rejected(), problems);
        return 1;
      }
      return 0;
    } catch (IOException e) {
      err.println("LargeFeed: " + e);
      return 1;
    }
  }

  /** Heap measurements: the pools' peaks, the largest heap after a collection, and probes. */
  static final class Heap {
    private final int count;
    private final long[] held = new long[5];
    private int probes;

    Heap(int count) {
      this.count = count;
    }

    void reset() {
      System.gc();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          pool.resetPeakUsage();
        }
      }
    }

    /**
     * Passes the articles through, measuring the heap held after a full collection before the
     * first article and at each quarter, the last one before the last article.
     */
    Iterator<Article> probe(Iterator<Article> articles) {
      return new Iterator<>() {
        private int given;

        @Override
        public boolean hasNext() {
          return articles.hasNext();
        }

        @Override
        public Article next() {
          if (probes < held.length
              && given == Math.min(count - 1, (long) count * probes / (held.length - 1))) {
            held[probes++] = heldNow();
          }
          given++;
          return articles.next();
        }
      };
    }

    private static long heldNow() {
      System.gc();
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    void report(PrintStream out) {
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      long collections = 0;
      long millis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        collections += Math.max(0, gc.getCollectionCount());
        millis += Math.max(0, gc.getCollectionTime());
      }
      out.printf(Locale.ROOT, "max heap %,d MB; peak heap use while writing %,d MB (the pools' peaks,"
          + " garbage included); %,d collections in all, %,d ms%n",
          Runtime.getRuntime().maxMemory() >> 20, peak >> 20, collections, millis);
      StringBuilder line = new StringBuilder("heap held after a full collection at 0/25/50/75/100 %:");
      long most = 0;
      for (int i = 0; i < probes; i++) {
        line.append(String.format(Locale.ROOT, " %.1f", held[i] / 1048576.0));
        most = Math.max(most, held[i]);
      }
      out.println(line.append(" MB"));
      if (probes == held.length && count > 1) {
        out.printf(Locale.ROOT, "held per article written (the writer's duplicate checks): %.0f bytes,"
            + " %.1f MB for these %,d articles%n",
            (double) (held[held.length - 1] - held[0]) / (count - 1),
            (held[held.length - 1] - held[0]) / 1048576.0, count);
      }
    }
  }

  /** Generates article records, one line at a time, newest first, from a fixed seed. */
  static final class Records {
    private static final String[][] PUBLICATIONS = {
      {"2M", "https://www.2m.ma", "fr"}, {"Le360", "https://fr.le360.ma", "fr"},
      {"Médias24", "https://medias24.com", "fr"}, {"TelQuel", "https://telquel.ma", "fr"},
      {"L'Économiste", "https://www.leconomiste.com", "fr"}, {"Le Matin", "https://lematin.ma", "fr"},
      {"هسبريس", "https://www.hespress.com", "ar"}, {"اليوم 24", "https://alyaoum24.com", "ar"},
      {"العمق المغربي", "https://al3omk.com", "ar"}, {"المساء", "https://almassae.press.ma", "ar"},
      {"Atalayar", "https://www.atalayar.com", "es"}, {"Europa Press", "https://www.europapress.es", "es"},
      {"El Español", "https://www.elespanol.com", "es"}, {"Le360 Español", "https://es.le360.ma", "es"},
      {"Morocco World News", "https://www.moroccoworldnews.com", "en"},
      {"Hespress English", "https://en.hespress.com", "en"}, {"North Africa Post", "https://northafricapost.com", "en"},
      {"SNRTnews", "https://snrtnews.com", "fr"}, {"Yabiladi", "https://www.yabiladi.com", "fr"},
      {"Maroc Diplomatique", "https://maroc-diplomatique.net", "fr"},
    };
    private static final String[] FR = {
      "Le Maroc plaide pour une mobilisation accrue de la coalition", "le gouvernement dévoile",
      "un plan d'investissement de 12 milliards de dirhams", "la réforme du système de santé",
      "l'accord de pêche avec l'Union européenne", "malgré la sécheresse", "à Rabat et à Marrakech",
      "selon un rapport du Haut-Commissariat au Plan", "la stratégie énergétique à l'horizon 2030",
    };
    private static final String[] AR = {
      "المغرب يدعو إلى تعبئة أكبر للتحالف", "الحكومة تكشف", "مخطط استثماري بقيمة 12 مليار درهم",
      "إصلاح المنظومة الصحية", "اتفاق الصيد البحري مع الاتحاد الأوروبي", "رغم الجفاف", "بالرباط ومراكش",
      "حسب تقرير للمندوبية السامية للتخطيط", "الاستراتيجية الطاقية في أفق 2030",
    };
    private static final String[] ES = {
      "Marruecos defiende una mayor cooperación", "el Gobierno presenta",
      "un plan de inversión de 3.000 millones de euros", "la reapertura de las aduanas de Ceuta",
      "el acuerdo pesquero con la Unión Europea", "pese a la sequía", "en Tánger y en Madrid",
      "según un informe oficial", "la candidatura conjunta al Mundial 2030",
    };
    private static final String[] EN = {
      "Morocco calls for a stronger coalition effort", "the government unveils",
      "a MAD 12 billion investment plan", "the reform of the health system",
      "the fisheries agreement with the European Union", "despite the drought", "in Rabat and Marrakech",
      "according to an official report", "the 2030 energy strategy",
    };

    private Records() {}

    static void write(Path file, int count) throws IOException {
      JsonFactory json = new JsonFactory();
      SplittableRandom random = new SplittableRandom(20261129);
      long step = 2L * 365 * 86_400 / count; // two years, newest first
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        for (int i = 0; i < count; i++) {
          try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            record(g, i, NOW.minusSeconds(600 + i * step), random);
          }
          out.write('\n');
        }
      }
    }

    private static void record(JsonGenerator g, int i, Instant published, SplittableRandom r)
        throws IOException {
      String[] pub = PUBLICATIONS[r.nextInt(PUBLICATIONS.length)];
      String[] words = switch (pub[2]) {
        case "ar" -> AR;
        case "es" -> ES;
        case "en" -> EN;
        default -> FR;
      };
      String title = words[0] + " : " + words[2 + r.nextInt(words.length - 2)] + " " + words[5 + r.nextInt(4)];
      g.writeStartObject();
      g.writeStringField("title", title.length() > 120 ? title.substring(0, 120) : title);
      g.writeStringField("link", "https://revue.example/" + pub[2] + "/" + i);
      g.writeStringField("sourceLink", pub[1] + "/article-" + i + ".html");
      g.writeObjectFieldStart("publication");
      g.writeStringField("name", pub[0]);
      g.writeStringField("url", pub[1] + "/");
      g.writeStringField("language", pub[2]);
      g.writeEndObject();
      g.writeStringField("published", published.toString());
      g.writeArrayFieldStart("categories");
      for (int c = 1 + r.nextInt(3); c > 0; c--) {
        g.writeString(words[2 + r.nextInt(3)].split(" ")[1]);
      }
      g.writeEndArray();
      StringBuilder html = new StringBuilder(4200);
      int size = 2048 + r.nextInt(1800);
      while (html.length() < size) {
        html.append("<p>").append(words[r.nextInt(words.length)]).append(' ')
            .append(words[r.nextInt(words.length)]).append(", ");
        if (r.nextInt(4) == 0) {
          html.append("<a href=\"/article-").append(r.nextInt(i + 1)).append(".html\">")
              .append(words[2 + r.nextInt(3)]).append("</a>");
        } else {
          html.append("<strong>").append(words[1]).append("</strong> &amp; ")
              .append(words[r.nextInt(words.length)]);
        }
        html.append("&nbsp;: ").append(words[r.nextInt(words.length)]).append(".</p>\n");
        if (r.nextInt(8) == 0) {
          html.append("<figure><img src=\"/img/").append(i).append(".jpg\" alt=\"\" style=\"width:100%\">")
              .append("<figcaption>© ").append(pub[0]).append("</figcaption></figure>\n");
        }
      }
      g.writeStringField("contentHtml", html.toString());
      if (r.nextInt(10) < 8) {
        g.writeStringField("image", "/img/" + i + ".jpg");
      }
      g.writeEndObject();
    }
  }
}
