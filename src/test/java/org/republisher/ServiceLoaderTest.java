package org.republisher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.model.Article;
import org.republisher.source.SourceConfig;
import org.republisher.source.SourceException;
import org.republisher.source.SourceProvider;

/**
 * Discovery through the public builder: the test classpath lists {@code TestProviders$Constant} in
 * {@code src/test/resources/META-INF/services/org.republisher.source.SourceProvider}.
 */
class ServiceLoaderTest {
  private static final SourceConfig CONSTANT =
      SourceConfig.of("hello", URI.create("constant:Bonjour"));

  @Test
  void discoverProvidersFindsAProviderListedOnTheClasspath() {
    try (Republisher republisher =
        Republisher.builder().discoverProviders().source(CONSTANT).build()) {
      assertThat(republisher.refresh().articles())
          .extracting(Article::title)
          .containsExactly("Bonjour");
    }
  }

  @Test
  void withoutDiscoveryAListedProviderIsNotUsed() {
    assertThatThrownBy(() -> Republisher.builder().source(CONSTANT).build())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("no source provider for key \"constant\"");
  }

  @Test
  void aProviderWhoseConstructorThrowsIsLoggedAndSkipped(@TempDir Path dir) throws IOException {
    Path services = dir.resolve("META-INF/services/" + SourceProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, "org.republisher.source.TestProviders$Exploding\n", UTF_8);
    Thread thread = Thread.currentThread();
    ClassLoader context = thread.getContextClassLoader();
    try (LogCapture logs = new LogCapture();
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, context)) {
      thread.setContextClassLoader(loader);
      try (Republisher republisher =
          Republisher.builder().discoverProviders().source(CONSTANT).build()) {
        assertThat(republisher.refresh().articles()).hasSize(1);
      }
      assertThat(logs.warnings())
          .singleElement()
          .asString()
          .contains("WARN org.republisher.Providers")
          .contains("source provider org.republisher.source.TestProviders$Exploding skipped")
          .contains("boom: this provider cannot start");
    } finally {
      thread.setContextClassLoader(context);
    }
  }
}
