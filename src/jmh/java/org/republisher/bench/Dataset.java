package org.republisher.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.republisher.internal.NormalizedArticle;
import org.republisher.internal.Normalizer;
import org.republisher.model.Article;
import org.republisher.model.Enclosure;
import org.republisher.model.FeedSpec;
import org.republisher.model.Publication;
import org.republisher.normalize.AttributionTemplate;
import org.republisher.normalize.ContentPolicy;

/**
 * The benchmark data: news articles in French, Arabic, Spanish and English, generated from a fixed
 * seed, so every run and every machine sees the same bytes.
 *
 * <p>Each record is drawn from its own generator seeded by {@link #SEED} and its index, so the first
 * 100 of 10,000 records are the 100 records. Shape: 20 publications (home page, own feed for most,
 * language, zone); titles of 60 to 120 characters, some with entities; HTML bodies of 2 to 4 KB (UTF-8)
 * with paragraphs, relative and absolute links, relative images in figures, entities and accents,
 * and the debris scraped pages carry (inline styles and classes, a tweet embed with its script, a
 * video iframe, an {@code onclick}); publication dates over the two years before {@link #NOW}, a
 * tenth of them date-only; 0 to 2 authors; 1 to 3 categories; an image for most, a third of them
 * relative, some with type and length; a given summary for some, a given id for some, an own link
 * for most. Lists are sorted newest first, as a feed is.
 */
public final class Dataset {
  /** The seed of every record. */
  public static final long SEED = 0x5EED_2026_1129L;

  /** The clock of every normalization: dates after it would be cut to it. */
  public static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final long TWO_YEARS = Duration.ofDays(730).toSeconds();

  /** One publication of the data set. */
  public record Pub(
      String name, String home, String feed, String lang, String zone, String slug) {}

  /** The 20 publications. */
  public static final List<Pub> PUBLICATIONS =
      List.of(
          new Pub("2M", "https://www.2m.ma/fr", "https://www.2m.ma/fr/rss.xml", "fr", "Africa/Casablanca", "2m"),
          new Pub("Le360", "https://fr.le360.ma/", null, "fr", "Africa/Casablanca", "le360"),
          new Pub("Médias24", "https://medias24.com/", "https://medias24.com/feed/", "fr", "Africa/Casablanca", "medias24"),
          new Pub("TelQuel", "https://telquel.ma/", "https://telquel.ma/feed", "fr", "Africa/Casablanca", "telquel"),
          new Pub("L'Économiste", "https://www.leconomiste.com/", null, "fr", "Africa/Casablanca", "leconomiste"),
          new Pub("Le Matin", "https://lematin.ma/", "https://lematin.ma/rss", "fr", "Africa/Casablanca", "lematin"),
          new Pub("Aujourd'hui le Maroc", "https://aujourdhui.ma/", "https://aujourdhui.ma/feed", "fr", "Africa/Casablanca", "alm"),
          new Pub("هسبريس", "https://www.hespress.com/", "https://www.hespress.com/feed", "ar", "Africa/Casablanca", "hespress"),
          new Pub("اليوم 24", "https://alyaoum24.com/", "https://alyaoum24.com/feed", "ar", "Africa/Casablanca", "alyaoum24"),
          new Pub("العمق المغربي", "https://al3omk.com/", null, "ar", "Africa/Casablanca", "al3omk"),
          new Pub("الأخبار", "https://www.alakhbar.press.ma/", "https://www.alakhbar.press.ma/feed", "ar", "Africa/Casablanca", "alakhbar"),
          new Pub("Hespress Español", "https://es.hespress.com/", "https://es.hespress.com/feed", "es", "Africa/Casablanca", "hespress-es"),
          new Pub("Atalayar", "https://www.atalayar.com/", null, "es", "Europe/Madrid", "atalayar"),
          new Pub("Europa Press", "https://www.europapress.es/", "https://www.europapress.es/rss/rss.aspx", "es", "Europe/Madrid", "europapress"),
          new Pub("El Faro de Ceuta", "https://elfarodeceuta.es/", "https://elfarodeceuta.es/feed/", "es", "Europe/Madrid", "elfaro"),
          new Pub("Morocco World News", "https://www.moroccoworldnews.com/", "https://www.moroccoworldnews.com/feed/", "en", "Africa/Casablanca", "mwn"),
          new Pub("North Africa Post", "https://northafricapost.com/", "https://northafricapost.com/feed", "en", "Africa/Casablanca", "nap"),
          new Pub("Hespress English", "https://en.hespress.com/", "https://en.hespress.com/feed", "en", "Africa/Casablanca", "hespress-en"),
          new Pub("SNRTnews", "https://snrtnews.com/", null, "fr", "Africa/Casablanca", "snrt"),
          new Pub("Maroc Diplomatique", "https://maroc-diplomatique.net/", "https://maroc-diplomatique.net/feed/", "fr", "Africa/Casablanca", "mdiplo"));

  /** One generated record: the fields of the records file, as strings and numbers. */
  public record Rec(
      int index,
      String id,
      String title,
      String link,
      String sourceLink,
      Pub pub,
      Instant published,
      boolean dateOnly,
      Instant updated,
      String language,
      List<String> authors,
      List<String> categories,
      String summary,
      String contentHtml,
      String image,
      String imageType,
      long imageLength) {

    /** Returns the local date of a date-only record, in its publication's zone. */
    LocalDate day() {
      return published.atZone(ZoneId.of(pub.zone)).toLocalDate();
    }
  }

  private Dataset() {}

  /** Returns the first {@code n} records, newest first. */
  public static List<Rec> records(int n) {
    List<Rec> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(record(i));
    }
    out.sort(Comparator.comparing(Rec::published).reversed().thenComparing(Rec::index));
    return out;
  }

  /** Returns the first {@code n} records as articles, newest first. */
  public static List<Article> articles(int n) {
    List<Article> out = new ArrayList<>(n);
    for (Rec r : records(n)) {
      out.add(article(r));
    }
    return out;
  }

  /** Returns the first {@code n} records normalized with the default policies, newest first. */
  public static List<NormalizedArticle> normalized(int n) {
    Normalizer normalizer = normalizer();
    List<NormalizedArticle> out = new ArrayList<>(n);
    for (Article a : articles(n)) {
      out.add(normalizer.normalize(a));
    }
    return out;
  }

  /** The normalizer {@code FeedWriter} builds from {@link #spec(int)} and {@link #CLOCK}. */
  public static Normalizer normalizer() {
    return new Normalizer(CLOCK, ContentPolicy.DEFAULT, AttributionTemplate.LOCALIZED);
  }

  /** The spec of the benchmark feed: a multilingual press review holding {@code limit} items. */
  public static FeedSpec spec(int limit) {
    return FeedSpec.builder("Revue de presse", "https://revue.example/feeds/all.xml")
        .link("https://revue.example/")
        .description("La presse marocaine en quatre langues")
        .limit(limit)
        .build();
  }

  /** Writes the first {@code n} records, newest first, as a records file (JSON Lines). */
  public static Path writeRecords(Path file, int n) throws IOException {
    JsonFactory json = new JsonFactory();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (Rec r : records(n)) {
        JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        writeJson(r, g);
        g.close();
        out.write('\n');
      }
    }
    return file;
  }

  /** Builds the article of a record, as {@code JsonLinesRecords} reads its JSON line. */
  public static Article article(Rec r) {
    Publication.Builder p =
        Publication.builder(r.pub.name).url(r.pub.home).language(r.pub.lang).zone(ZoneId.of(r.pub.zone));
    if (r.pub.feed != null) {
      p.feedUrl(r.pub.feed);
    }
    Article.Builder b = Article.builder().id(r.id).title(r.title).publication(p.build());
    if (r.link != null) {
      b.link(r.link);
    }
    b.sourceLink(r.sourceLink);
    if (r.dateOnly) {
      b.published(r.day());
    } else {
      b.published(r.published);
    }
    b.updated(r.updated);
    for (String author : r.authors) {
      b.author(author);
    }
    b.categories(r.categories.toArray(new String[0]));
    b.language(r.language).summary(r.summary).contentHtml(r.contentHtml);
    if (r.image != null) {
      b.image(
          r.imageType == null
              ? Enclosure.of(r.image)
              : new Enclosure(java.net.URI.create(r.image), r.imageType, r.imageLength));
    }
    return b.build();
  }

  /** Writes one record as one JSON object, the records file's fields. */
  public static void writeJson(Rec r, JsonGenerator g) throws IOException {
    ZoneId zone = ZoneId.of(r.pub.zone);
    g.writeStartObject();
    if (r.id != null) {
      g.writeStringField("id", r.id);
    }
    g.writeStringField("title", r.title);
    if (r.link != null) {
      g.writeStringField("link", r.link);
    }
    g.writeStringField("sourceLink", r.sourceLink);
    g.writeObjectFieldStart("publication");
    g.writeStringField("name", r.pub.name);
    g.writeStringField("url", r.pub.home);
    if (r.pub.feed != null) {
      g.writeStringField("feedUrl", r.pub.feed);
    }
    g.writeStringField("language", r.pub.lang);
    g.writeStringField("zone", r.pub.zone);
    g.writeEndObject();
    g.writeStringField(
        "published",
        r.dateOnly
            ? r.day().toString()
            : OffsetDateTime.ofInstant(r.published, zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    if (r.updated != null) {
      g.writeStringField(
          "updated",
          OffsetDateTime.ofInstant(r.updated, zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
    if (r.language != null) {
      g.writeStringField("language", r.language);
    }
    if (!r.authors.isEmpty()) {
      g.writeArrayFieldStart("authors");
      for (String a : r.authors) {
        g.writeString(a);
      }
      g.writeEndArray();
    }
    g.writeArrayFieldStart("categories");
    for (String c : r.categories) {
      g.writeString(c);
    }
    g.writeEndArray();
    if (r.summary != null) {
      g.writeStringField("summary", r.summary);
    }
    g.writeStringField("contentHtml", r.contentHtml);
    if (r.image != null) {
      if (r.imageType == null) {
        g.writeStringField("image", r.image);
      } else {
        g.writeObjectFieldStart("image");
        g.writeStringField("url", r.image);
        g.writeStringField("type", r.imageType);
        g.writeNumberField("length", r.imageLength);
        g.writeEndObject();
      }
    }
    g.writeEndObject();
  }

  // ---------------------------------------------------------------------------------------------
  // Generation

  /** Generates record {@code i}, from its own seed. */
  public static Rec record(int i) {
    SplittableRandom rnd = new SplittableRandom(SEED + 0x9E3779B97F4A7C15L * (i + 1));
    Pub pub = PUBLICATIONS.get(rnd.nextInt(PUBLICATIONS.size()));
    Words w = Words.of(pub.lang);
    int number = 10_000 + i * 7 + rnd.nextInt(7);
    String sourceLink = host(pub) + w.section + "article-" + number + ".html";
    String link =
        rnd.nextInt(10) < 8 ? "https://revue.example/" + pub.lang + "/" + pub.slug + "/" + number : null;
    String id = rnd.nextInt(10) < 3 ? pub.slug + "-" + number : null;
    Instant published = NOW.minusSeconds(3600 + rnd.nextLong(TWO_YEARS));
    boolean dateOnly = rnd.nextInt(10) == 0;
    Instant updated =
        rnd.nextInt(10) < 3 ? published.plusSeconds(600 + rnd.nextLong(2 * 86_400)) : null;
    if (updated != null && updated.isAfter(NOW)) {
      updated = NOW;
    }
    String language = rnd.nextInt(10) < 7 ? pub.lang : null;
    List<String> authors = new ArrayList<>();
    for (int a = rnd.nextInt(3); a > 0; a--) {
      String name = w.authors[rnd.nextInt(w.authors.length)];
      if (!authors.contains(name)) {
        authors.add(name);
      }
    }
    List<String> categories = new ArrayList<>();
    for (int c = 1 + rnd.nextInt(3); c > 0; c--) {
      String name = w.categories[rnd.nextInt(w.categories.length)];
      if (!categories.contains(name)) {
        categories.add(name);
      }
    }
    String title = title(rnd, w);
    String summary = rnd.nextInt(10) < 4 ? sentence(rnd, w) + " " + sentence(rnd, w) : null;
    String host = host(pub);
    String content = body(rnd, w, host, number);
    String image = null;
    String imageType = null;
    long imageLength = -1;
    if (rnd.nextInt(100) < 85) {
      String ext = switch (rnd.nextInt(10)) {
        case 0 -> ".png";
        case 1 -> ".webp";
        default -> ".jpg";
      };
      String path = "/img/" + published.toString().substring(0, 7).replace('-', '/') + "/" + number + ext;
      image = rnd.nextInt(3) == 0 ? path : host + path;
      if (rnd.nextInt(5) == 0) {
        imageType = ext.equals(".png") ? "image/png" : ext.equals(".webp") ? "image/webp" : "image/jpeg";
        imageLength = 40_000 + rnd.nextInt(400_000);
      }
    }
    return new Rec(
        i, id, title, link, sourceLink, pub, published, dateOnly, updated, language, authors,
        categories, summary, content, image, imageType, imageLength);
  }

  /** A headline of 60 to 120 characters; one in ten carries an entity, as scraped titles do. */
  static String title(SplittableRandom rnd, Words w) {
    while (true) {
      StringBuilder t = new StringBuilder(128);
      t.append(pick(rnd, w.subjects)).append(' ').append(pick(rnd, w.verbs)).append(' ')
          .append(pick(rnd, w.objects));
      while (t.length() < 60) {
        t.append(' ').append(pick(rnd, w.complements));
      }
      if (rnd.nextInt(10) == 0) {
        t.append(rnd.nextBoolean() ? " &amp; " : " &#8211; ").append(pick(rnd, w.complements));
      }
      if (t.length() <= 120) {
        return t.toString();
      }
    }
  }

  static String sentence(SplittableRandom rnd, Words w) {
    StringBuilder s = new StringBuilder(160);
    s.append(pick(rnd, w.subjects)).append(' ').append(pick(rnd, w.verbs)).append(' ')
        .append(pick(rnd, w.objects)).append(' ').append(pick(rnd, w.complements));
    if (rnd.nextBoolean()) {
      s.append(w.comma).append(pick(rnd, w.fillers));
    }
    return s.append(w.stop).toString();
  }

  /** An HTML body of 2 to 4 KB (UTF-8), with what scraped article bodies carry. */
  static String body(SplittableRandom rnd, Words w, String host, int number) {
    int target = 2048 + rnd.nextInt(2048 - 400);
    StringBuilder all = new StringBuilder(target + 512);
    StringBuilder b = new StringBuilder(1024);
    int paragraph = 0;
    int length = 0;
    while (length < target) {
      b.setLength(0);
      int kind = rnd.nextInt(20);
      if (paragraph > 0 && kind == 0) {
        b.append("<figure class=\"wp-block-image size-large\"><img src=\"/img/")
            .append(number).append('-').append(paragraph)
            .append(".jpg\" alt=\"").append(pick(rnd, w.objects).replace("'", "&#039;"))
            .append("\" width=\"800\" height=\"450\" loading=\"lazy\" class=\"wp-image-")
            .append(number).append("\"><figcaption>").append(pick(rnd, w.subjects))
            .append(" &copy; ").append(w.credit).append("</figcaption></figure>\n");
      } else if (paragraph > 0 && kind == 1) {
        b.append("<blockquote class=\"twitter-tweet\" data-lang=\"").append(w.lang)
            .append("\"><p lang=\"").append(w.lang).append("\" dir=\"")
            .append(w.lang.equals("ar") ? "rtl" : "ltr").append("\">")
            .append(sentence(rnd, w)).append("</p>&mdash; ").append(w.credit)
            .append(" (@").append(w.handle).append(") <a href=\"https://twitter.com/")
            .append(w.handle).append("/status/").append(1_200_000_000L + number)
            .append("\">").append(number % 28 + 1).append(" juin 2025</a></blockquote>")
            .append("<script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>\n");
      } else if (paragraph > 0 && kind == 2) {
        b.append("<p><iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/v")
            .append(number).append("\" frameborder=\"0\" allowfullscreen></iframe></p>\n");
      } else if (kind == 3) {
        b.append("<h2>").append(pick(rnd, w.objects)).append("</h2>\n");
      } else {
        b.append(kind == 4 ? "<p style=\"text-align: justify;\">" : kind == 5 ? "<p class=\"lead\" onclick=\"track(" + number + ")\">" : "<p>");
        for (int s = 2 + rnd.nextInt(3); s > 0; s--) {
          int mark = rnd.nextInt(12);
          String sentence = sentence(rnd, w);
          if (mark == 0) {
            b.append("<a href=\"").append(w.section).append("article-").append(number - 1 - rnd.nextInt(500))
                .append(".html\">").append(sentence).append("</a>");
          } else if (mark == 1) {
            b.append("<a href=\"").append(host).append("/tag/").append(pick(rnd, w.categories).toLowerCase().replace(' ', '-'))
                .append("\" target=\"_blank\" rel=\"noopener\">").append(sentence).append("</a>");
          } else if (mark == 2) {
            b.append("<strong>").append(sentence).append("</strong>");
          } else if (mark == 3) {
            b.append("<em>").append(sentence).append("</em>");
          } else if (mark == 4) {
            b.append(w.openQuote).append(sentence).append(w.closeQuote);
          } else if (mark == 5) {
            b.append("<span style=\"font-weight: 400;\">").append(sentence).append("</span>");
          } else {
            b.append(sentence);
          }
          b.append(s > 1 ? (rnd.nextInt(4) == 0 ? "&nbsp;" : " ") : "");
        }
        b.append("</p>\n");
      }
      paragraph++;
      length += utf8Length(b);
      all.append(b);
    }
    return all.toString();
  }

  /** The scheme and host of a publication's home page. */
  static String host(Pub pub) {
    int slash = pub.home.indexOf('/', "https://".length());
    return slash < 0 ? pub.home : pub.home.substring(0, slash);
  }

  static int utf8Length(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  private static String pick(SplittableRandom rnd, String[] words) {
    return words[rnd.nextInt(words.length)];
  }

  /** The words of one language. */
  static final class Words {
    final String lang;
    final String section;
    final String comma;
    final String stop;
    final String openQuote;
    final String closeQuote;
    final String credit;
    final String handle;
    final String[] subjects;
    final String[] verbs;
    final String[] objects;
    final String[] complements;
    final String[] fillers;
    final String[] authors;
    final String[] categories;

    private Words(String lang, String section, String comma, String stop, String openQuote,
        String closeQuote, String credit, String handle, String[] subjects, String[] verbs,
        String[] objects, String[] complements, String[] fillers, String[] authors,
        String[] categories) {
      this.lang = lang;
      this.section = section;
      this.comma = comma;
      this.stop = stop;
      this.openQuote = openQuote;
      this.closeQuote = closeQuote;
      this.credit = credit;
      this.handle = handle;
      this.subjects = subjects;
      this.verbs = verbs;
      this.objects = objects;
      this.complements = complements;
      this.fillers = fillers;
      this.authors = authors;
      this.categories = categories;
    }

    static Words of(String lang) {
      return switch (lang) {
        case "fr" -> FR;
        case "ar" -> AR;
        case "es" -> ES;
        default -> EN;
      };
    }

    static final Words FR =
        new Words(
            "fr", "/fr/news/", ", ", ".", "&laquo;&nbsp;", "&nbsp;&raquo;", "MAP", "MAP_Francais",
            new String[] {
              "Le Maroc", "Le gouvernement", "Bank Al-Maghrib", "Le ministre des Affaires étrangères",
              "Les agriculteurs du Souss", "L'Office national de l'électricité", "La FRMF",
              "Les députés", "Le Haut-Commissariat au Plan", "La région Casablanca-Settat",
              "L'Agence marocaine de l'énergie durable", "Les syndicats de l'enseignement"
            },
            new String[] {
              "plaide pour", "annonce", "dévoile", "prépare", "réclame", "salue", "lance",
              "renforce", "examine", "adopte", "met en œuvre", "réévalue"
            },
            new String[] {
              "une mobilisation accrue de la coalition contre Daesh",
              "un plan d'investissement de 12 milliards de dirhams", "la réforme du système de santé",
              "l'accord de pêche avec l'Union européenne", "un programme d'irrigation économe en eau",
              "la stratégie énergétique à l'horizon 2030", "le budget de l'année prochaine",
              "la candidature commune au Mondial 2030", "un partenariat stratégique avec l'Espagne",
              "des mesures contre la hausse des prix", "la généralisation de la protection sociale"
            },
            new String[] {
              "en Afrique de l'Ouest", "malgré la sécheresse", "à Rabat", "selon un rapport officiel",
              "d'ici fin décembre", "après des mois de négociations", "au Sahel",
              "pour les régions rurales", "face à l'inflation", "à Marrakech", "dès janvier prochain"
            },
            new String[] {
              "a-t-on appris de source officielle", "indique un communiqué du ministère",
              "précise la même source", "selon les premières estimations", "rapporte l'agence MAP"
            },
            new String[] {"MAP", "Rédaction", "Mohamed El Amrani", "Laila Benali", "Youssef Aït Ali", "AFP"},
            new String[] {"Politique", "Économie", "Société", "Sport", "Diplomatie", "Régions", "Culture", "Énergie"});

    static final Words ES =
        new Words(
            "es", "/es/noticias/", ", ", ".", "«", "»", "EFE", "EFEnoticias",
            new String[] {
              "Marruecos", "El Gobierno español", "El Banco de España", "El ministro de Exteriores",
              "Los agricultores andaluces", "La Comisión Europea", "La selección marroquí",
              "Los eurodiputados", "La patronal CEOE", "La ciudad de Ceuta"
            },
            new String[] {
              "defiende", "anuncia", "presenta", "prepara", "exige", "celebra", "lanza", "refuerza",
              "estudia", "aprueba"
            },
            new String[] {
              "una mayor cooperación migratoria con Rabat",
              "un plan de inversión de 3.000 millones de euros", "la reapertura de las aduanas",
              "el acuerdo pesquero con la Unión Europea", "la candidatura conjunta al Mundial 2030",
              "el nuevo corredor energético del Estrecho", "los presupuestos del próximo año",
              "medidas contra la subida de los precios", "la conexión ferroviaria de alta velocidad"
            },
            new String[] {
              "en el norte de África", "pese a la sequía", "en Madrid", "según un informe oficial",
              "antes de diciembre", "tras meses de negociación", "en el Sahel", "en Tánger",
              "frente a la inflación", "a partir de enero"
            },
            new String[] {
              "según fuentes oficiales", "indica un comunicado del ministerio", "precisa la misma fuente",
              "según las primeras estimaciones", "informa la agencia EFE"
            },
            new String[] {"EFE", "Europa Press", "Redacción", "Javier Fernández", "Nuria Martín"},
            new String[] {"Política", "Economía", "Sociedad", "Deportes", "Diplomacia", "Migración", "Energía"});

    static final Words EN =
        new Words(
            "en", "/news/", ", ", ".", "&ldquo;", "&rdquo;", "MWN", "MoroccoWNews",
            new String[] {
              "Morocco", "The government", "The central bank", "The Foreign Minister",
              "Farmers in the Souss valley", "The national energy office", "The Atlas Lions",
              "Lawmakers", "The planning commission", "The Casablanca-Settat region"
            },
            new String[] {
              "calls for", "announces", "unveils", "prepares", "demands", "welcomes", "launches",
              "strengthens", "reviews", "adopts"
            },
            new String[] {
              "a stronger coalition effort against Daesh", "a MAD 12 billion investment plan",
              "the reform of the health system", "the fisheries agreement with the European Union",
              "a water-saving irrigation programme", "the 2030 energy strategy",
              "next year's budget", "the joint 2030 World Cup bid", "new measures against rising prices",
              "the high-speed rail extension to Marrakech"
            },
            new String[] {
              "in West Africa", "despite the drought", "in Rabat", "according to an official report",
              "by the end of December", "after months of talks", "in the Sahel",
              "for rural regions", "amid inflation", "in Marrakech", "from January"
            },
            new String[] {
              "official sources said", "the ministry said in a statement", "the same source added",
              "according to early estimates", "state news agency MAP reported"
            },
            new String[] {"MWN", "Reuters", "Staff Writer", "Sarah Johnson", "Hamza Guessous"},
            new String[] {"Politics", "Economy", "Society", "Sports", "Diplomacy", "Energy", "Culture"});

    static final Words AR =
        new Words(
            "ar", "/ar/akhbar/", "، ", ".", "«", "»", "و.م.ع", "MAP_Arabe",
            new String[] {
              "المغرب", "الحكومة", "بنك المغرب", "وزير الشؤون الخارجية", "فلاحو سوس",
              "المكتب الوطني للكهرباء", "الجامعة الملكية المغربية لكرة القدم", "النواب",
              "المندوبية السامية للتخطيط", "جهة الدار البيضاء سطات"
            },
            new String[] {
              "يدعو إلى", "يعلن عن", "يكشف", "يحضر", "يطالب ب", "يشيد ب", "يطلق", "يعزز",
              "يدرس", "يصادق على"
            },
            new String[] {
              "تعبئة أكبر للتحالف ضد داعش", "مخطط استثماري بقيمة 12 مليار درهم",
              "إصلاح المنظومة الصحية", "اتفاق الصيد البحري مع الاتحاد الأوروبي",
              "برنامج للري المقتصد في الماء", "الاستراتيجية الطاقية في أفق 2030",
              "ميزانية السنة المقبلة", "الترشيح المشترك لمونديال 2030",
              "إجراءات لمواجهة ارتفاع الأسعار", "تعميم الحماية الاجتماعية"
            },
            new String[] {
              "في غرب إفريقيا", "رغم الجفاف", "بالرباط", "حسب تقرير رسمي", "قبل نهاية دجنبر",
              "بعد أشهر من المفاوضات", "في منطقة الساحل", "لفائدة العالم القروي",
              "في مواجهة التضخم", "بمراكش"
            },
            new String[] {
              "حسب مصدر رسمي", "وفق بلاغ للوزارة", "يضيف المصدر ذاته", "حسب التقديرات الأولية",
              "كما أفادت وكالة المغرب العربي للأنباء"
            },
            new String[] {"و.م.ع", "هيئة التحرير", "محمد العمراني", "ليلى بنعلي"},
            new String[] {"سياسة", "اقتصاد", "مجتمع", "رياضة", "دبلوماسية", "جهات", "ثقافة"});
  }
}
