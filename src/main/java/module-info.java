/**
 * republisher: news article records, with the credit to the publication that first published them,
 * into valid RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds, from pluggable sources.
 *
 * <p>The API packages are exported; {@code org.republisher.internal} is not, so its public classes
 * are machinery the API packages share, out of a user's reach. The dependencies are required, so
 * the jar works on the module path without {@code --add-modules}: Rome and JDOM (upstream feeds),
 * jsoup (HTML), jackson-core (JSON), the SLF4J API (logging; the host binds it). None of their types
 * appears in the API, so none is required transitively.
 *
 * <p>Adding a package to the API is one line here, {@code exports org.republisher.store;}: the
 * tests read the exported packages from this descriptor ({@code PublicApiTest} then wants each of
 * its public types listed in the README). A dependency that only some features need is one line
 * too, {@code requires static …;}: present at compile time, optional at run time. The history
 * store reaches its JDBC driver through {@code java.sql}'s service loading, so the drivers need no
 * line; the command ({@code org.republisher.cli}, not exported: it runs from its own jar on the
 * class path) needs picocli and the YAML reader.
 */
module org.republisher {
  requires java.net.http;
  requires java.sql;
  requires java.xml;
  requires jdk.httpserver;
  requires com.rometools.rome;
  requires org.jdom2;
  requires org.jsoup;
  requires com.fasterxml.jackson.core;
  requires org.slf4j;
  requires static org.jspecify;
  requires static info.picocli;
  requires static com.fasterxml.jackson.dataformat.yaml;

  exports org.republisher;
  exports org.republisher.model;
  exports org.republisher.normalize;
  exports org.republisher.source;
  exports org.republisher.write;
  exports org.republisher.store;
  exports org.republisher.http;

  opens org.republisher.cli to info.picocli;

  uses org.republisher.source.SourceProvider;

  provides org.republisher.source.SourceProvider with
      org.republisher.source.FeedSourceProvider,
      org.republisher.source.PageSourceProvider,
      org.republisher.source.RecordsSourceProvider;
}
