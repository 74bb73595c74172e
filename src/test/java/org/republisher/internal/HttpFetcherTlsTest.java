package org.republisher.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.source.SourceException;

/**
 * https through the fetcher's own connections, against a local {@link HttpsServer} whose
 * certificate (for {@code localhost} and {@code 127.0.0.1}) the JDK's {@code keytool} makes for the
 * test: the handshake, the server name sent, and the check of the name against the certificate.
 */
@Timeout(60)
class HttpFetcherTlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static HttpsServer server;
  private static SSLContext trusting;

  @BeforeAll
  static void start() throws Exception {
    Path store = dir.resolve("local.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "local",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    km.init(keys, PASSWORD);
    SSLContext serving = SSLContext.getInstance("TLS");
    serving.init(km.getKeyManagers(), null, null);
    TrustManagerFactory tm =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tm.init(keys);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, tm.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serving));
    server.createContext(
        "/feed.xml",
        ex -> {
          byte[] body = "<rss/>".getBytes(StandardCharsets.US_ASCII);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static URI uri(String host) {
    return URI.create("https://" + host + ":" + server.getAddress().getPort() + "/feed.xml");
  }

  @Test
  void httpsIsSpokenAndTheCertificateMatchesTheName() {
    for (String host : List.of("localhost", "127.0.0.1")) {
      URI uri = uri(host);
      HttpFetcher http = HttpFetcher.builder().configured(uri).tls(trusting).build();
      assertThat(http.get("tls", uri, HttpFetcher.Validators.NONE).body())
          .asString(StandardCharsets.US_ASCII)
          .isEqualTo("<rss/>");
    }
  }

  @Test
  void aCertificateForAnotherNameIsRefused() {
    URI other = uri("other.example");
    HttpFetcher http =
        HttpFetcher.builder()
            .configured(other)
            .tls(trusting)
            .resolver(host -> List.of(InetAddress.getByName("127.0.0.1")))
            .allowPrivate(List.of("other.example"))
            .build();
    assertThatThrownBy(() -> http.get("tls", other, HttpFetcher.Validators.NONE))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("source tls (" + other + "): the secure connection failed: ");
  }

  @Test
  void anUntrustedCertificateIsRefused() {
    URI uri = uri("localhost");
    HttpFetcher http = HttpFetcher.builder().configured(uri).build(); // the JVM's trust store
    assertThatThrownBy(() -> http.get("tls", uri, HttpFetcher.Validators.NONE))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("the secure connection failed");
  }
}
