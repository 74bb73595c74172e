package org.republisher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the suite with JMH's command line (any JMH option works) and then prints the README's
 * table: items/s with JMH's 99.9% confidence half-widths, and ratios against the two baselines of
 * the same run, their error propagated from both scores. The table also goes to {@code
 * target/jmh-report.md}.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cmd = new CommandLineOptions(args);
    if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams()
        || cmd.shouldListProfilers() || cmd.shouldListResultFormats()) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    Collection<RunResult> results;
    try {
      results = new Runner(cmd).run();
    } catch (RunnerException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    String report = report(results);
    System.out.println();
    System.out.println(report);
    Path out = Path.of("target", "jmh-report.md");
    try {
      Files.createDirectories(out.getParent());
      Files.writeString(out, report, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("could not write " + out + ": " + e.getMessage());
    }
  }

  /** A score in items/s with its error. */
  record Score(double value, double error) {
    Score over(Score b) {
      double r = value / b.value;
      double e = r * Math.sqrt(sq(error / value) + sq(b.error / b.value));
      return new Score(r, e);
    }

    /** The rate of doing both, one after the other: 1 / (1/a + 1/b). */
    Score serial(Score b) {
      double t = 1 / value + 1 / b.value;
      double et = Math.sqrt(sq(error / (value * value)) + sq(b.error / (b.value * b.value)));
      return new Score(1 / t, et / (t * t));
    }

    private static double sq(double x) {
      return x * x;
    }
  }

  static String report(Collection<RunResult> results) {
    Map<String, Score> s = new HashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      String items = r.getParams().getParam("items");
      double perOp = items == null ? 1 : Double.parseDouble(items);
      Result<?> p = r.getPrimaryResult();
      double error = Double.isNaN(p.getScoreError()) ? 0 : p.getScoreError();
      s.put(items == null ? name : name + "@" + items, new Score(p.getScore() * perOp, error * perOp));
    }
    StringBuilder out = new StringBuilder();
    out.append("Items per second (higher is better), ± JMH's 99.9% confidence half-width;\n")
        .append("ratios from the same run, their error propagated from both scores.\n\n");
    out.append("**Write** (normalized articles → bytes):\n\n")
        .append("| items | format | republisher | Rome 2.1.0 | × Rome | bare StAX | × StAX |\n")
        .append("|---:|---|---:|---:|---:|---:|---:|\n");
    for (String items : new String[] {"100", "10000"}) {
      row(out, s, items, "RSS", "rss", "romeRss", "staxRss");
      row(out, s, items, "Atom", "atom", "romeAtom", "staxAtom");
      row(out, s, items, "JSON Feed", "jsonFeed", null, null);
    }
    if (s.keySet().stream().anyMatch(k -> k.startsWith("EndToEndBench."))) {
      out.append("\n**End to end** (records file → `JsonLinesRecords` → normalized → RSS + Atom + JSON Feed, ")
          .append("one `FeedWriter` call) against Rome writing only RSS + Atom from already-normalized articles:\n\n")
          .append("| items | republisher, 3 formats | Rome, RSS + Atom | × Rome |\n")
          .append("|---:|---:|---:|---:|\n");
      for (String items : new String[] {"100", "10000"}) {
        Score ours = s.get("EndToEndBench.republisher@" + items);
        Score rome = s.get("EndToEndBench.romeRssAndAtom@" + items);
        if (ours != null || rome != null) {
          out.append("| ").append(count(items)).append(" | ").append(rate(ours)).append(" | ")
              .append(rate(rome)).append(" | ").append(ratio(ours, rome)).append(" |\n");
        }
      }
    }
    Score e2e = s.get("EndToEndBench.republisher@10000");
    Score read = s.get("NormalizeBench.readRecords");
    Score normalize = s.get("NormalizeBench.normalize");
    Score rss = s.get("WriteBench.rss@10000");
    Score atom = s.get("WriteBench.atom@10000");
    Score json = s.get("WriteBench.jsonFeed@10000");
    Score writes = rss == null || atom == null || json == null ? null : rss.serial(atom).serial(json);
    if (read != null || normalize != null) {
      out.append("\n**Stages** (share: of the end-to-end time per article at 10,000 items):\n\n")
          .append("| stage | items/s | share |\n|---|---:|---:|\n");
      stage(out, "read records (JSON Lines → `Article`)", read, e2e);
      stage(out, "normalize (`Article` → normalized, HTML cleaned once)", normalize, e2e);
      stage(out, "write RSS + Atom + JSON Feed (from the write rows)", writes, e2e);
    }
    Score pages = s.get("PagesBench.articlePage");
    Score crawl = s.get("PagesBench.crawl");
    if (pages != null || crawl != null) {
      out.append("\n**Pages** (`PageSource` on `examples/data/pages/`, from files):\n\n")
          .append("| what | rate |\n|---|---:|\n")
          .append("| article page → `Article` (fr, es, ar, en pages, one at a time) | ")
          .append(rate(pages)).append(" pages/s |\n")
          .append("| crawl: the listing page and the pages it links to | ")
          .append(crawl == null ? "—" : String.format(Locale.ROOT, "%,.1f ± %,.1f", crawl.value, crawl.error))
          .append(" fetches/s |\n");
    }
    return out.toString();
  }

  private static void row(StringBuilder out, Map<String, Score> s, String items, String format,
      String ours, String rome, String floor) {
    Score o = s.get("WriteBench." + ours + "@" + items);
    if (o == null) {
      return;
    }
    Score r = rome == null ? null : s.get("WriteBench." + rome + "@" + items);
    Score f = floor == null ? null : s.get("WriteBench." + floor + "@" + items);
    out.append("| ").append(count(items)).append(" | ").append(format).append(" | ").append(rate(o))
        .append(" | ").append(rome == null ? "—" : rate(r)).append(" | ")
        .append(rome == null ? "—" : ratio(o, r)).append(" | ").append(floor == null ? "—" : rate(f))
        .append(" | ").append(floor == null ? "—" : ratio(o, f)).append(" |\n");
  }

  private static void stage(StringBuilder out, String name, Score stage, Score e2e) {
    if (stage == null) {
      return;
    }
    out.append("| ").append(name).append(" | ").append(rate(stage)).append(" | ");
    if (e2e != null) {
      Score share = e2e.over(stage);
      out.append(String.format(Locale.ROOT, "%.0f%% ± %.0f", share.value * 100, share.error * 100));
    } else {
      out.append("—");
    }
    out.append(" |\n");
  }

  private static String count(String items) {
    return String.format(Locale.ROOT, "%,d", Long.parseLong(items));
  }

  private static String rate(Score s) {
    if (s == null) {
      return "—";
    }
    return String.format(Locale.ROOT, "%,.0f ± %,.0f", round(s.value), round(s.error));
  }

  private static String ratio(Score a, Score b) {
    if (a == null || b == null) {
      return "—";
    }
    Score r = a.over(b);
    return String.format(Locale.ROOT, "%.2f× ± %.2f", r.value, r.error);
  }

  /** Rounds to three significant digits, so the table does not claim more than it knows. */
  private static double round(double x) {
    if (x == 0 || Double.isNaN(x)) {
      return x;
    }
    double scale = Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - 2);
    return Math.round(x / scale) * scale;
  }
}
