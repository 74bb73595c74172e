package org.republisher.examples;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.republisher.http.FeedRequest;
import org.republisher.http.FeedResponder;
import org.republisher.http.FeedResponse;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.source.JsonLinesRecords;
import org.republisher.write.FeedFile;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedWriter;

/**
 * Serves feeds from a servlet: {@link FeedServlet} hands each request to a {@link FeedResponder}
 * and copies its answer back, so the container gets conditional GET (304), gzip and the right media
 * types from republisher. Here the servlet runs in embedded Tomcat; any Servlet 6 container (a
 * Spring Boot application, Jetty, a WAR in Tomcat) runs it the same way.
 *
 * <pre>
 * ServeWithServlet          serves examples/data/articles.jsonl as the feed "all" on port 8080
 * ServeWithServlet PORT     on another port (0: any free one)
 * </pre>
 *
 * <p>Then {@code curl -i http://localhost:8080/feeds/all.atom.xml}, and again with {@code -H
 * 'If-None-Match: <the ETag>'} for a 304. Stop it with Ctrl-C. Exit status: 1 when the port cannot
 * be listened on, 2 on bad arguments.
 */
public final class ServeWithServlet {
  static final String USAGE = "usage: ServeWithServlet [PORT]";

  private ServeWithServlet() {}

  /** The servlet: a few lines around the responder, mapped to every path it serves. */
  public static final class FeedServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient FeedResponder responder;

    /**
     * Creates the servlet.
     *
     * @param responder what it serves; swap new files into it after each refresh
     */
    public FeedServlet(FeedResponder responder) {
      this.responder = responder;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      // README-SERVLET-BEGIN
      FeedResponse r = responder.respond(
          FeedRequest.of(request.getMethod(), request.getRequestURI(), request::getHeader));
      response.setStatus(r.status());
      r.headers().forEach(response::setHeader);
      r.writeTo(response.getOutputStream());
      // README-SERVLET-END
    }
  }

  /**
   * Serves the example feed until the process is stopped.
   *
   * @param args none, or the port
   */
  public static void main(String[] args) throws Exception {
    int port = port(args);
    if (port < 0) {
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Tomcat tomcat;
    try {
      tomcat = start(port, Path.of("examples/data/articles.jsonl"), System.out);
    } catch (LifecycleException e) {
      System.err.println("ServeWithServlet: " + e.getMessage());
      System.exit(1);
      return;
    }
    tomcat.getServer().await();
  }

  /** The port the arguments ask for, or -1 when they are not right. */
  static int port(String[] args) {
    if (args.length > 1) {
      return -1;
    }
    try {
      int port = args.length == 0 ? 8080 : Integer.parseInt(args[0]);
      return port <= 65535 ? port : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Renders the records as the feed "all", starts Tomcat with the servlet, prints the URLs. */
  static Tomcat start(int port, Path records, PrintStream out)
      throws IOException, LifecycleException {
    FeedResponder responder = FeedResponder.builder().maxAge(Duration.ofMinutes(10)).build();
    responder.swap(render(records));

    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(port);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "feeds", new FeedServlet(responder));
    context.addServletMapping("/feeds/*", "feeds");
    tomcat.start();
    for (FeedFormat format : FeedFormat.values()) {
      out.println("http://localhost:" + connector.getLocalPort() + "/feeds/all." + format.fileName());
    }
    return tomcat;
  }

  /** The feed "all" of the records, in every format, served under /feeds/. */
  static List<FeedFile> render(Path records) throws IOException {
    List<Article> articles;
    try (Stream<Article> stream = JsonLinesRecords.read(records, problem -> {})) {
      articles = stream.toList();
    }
    // one instant of the system clock for the three formats, so that they agree
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    List<FeedFile> files = new ArrayList<>();
    for (FeedFormat format : FeedFormat.values()) {
      FeedSpec spec =
          FeedSpec.builder("Revue de presse", RecordsToFeeds.SITE + "feeds/all." + format.fileName())
              .link(RecordsToFeeds.SITE)
              .build();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      FeedWriter.builder(spec).clock(clock).build().write(format, articles, bytes);
      files.add(new FeedFile(spec.selfUrl(), format, bytes.toByteArray(), now));
    }
    return files;
  }
}
