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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.source.ArticleSource;
import org.republisher.source.FeedSourceProvider;
import org.republisher.source.PageSourceProvider;
import org.republisher.source.RecordsSourceProvider;
import org.republisher.source.SourceConfig;
import org.republisher.source.SourceException;
import org.republisher.source.SourceProvider;
import org.republisher.source.TestProviders;

class ProvidersTest {

  @Test
  void theBuiltInProvidersAreAlwaysPresent() {
    Providers providers = Providers.of(List.of(), null);

    assertThat(providers.keys()).containsExactly("file", "http", "https", "page", "records");
    assertThat(providers.provider("records")).isInstanceOf(RecordsSourceProvider.class);
    assertThat(providers.provider("https")).isInstanceOf(FeedSourceProvider.class);
    assertThat(providers.provider("file")).isInstanceOf(FeedSourceProvider.class);
    assertThat(providers.provider("page")).isInstanceOf(PageSourceProvider.class);
    assertThat(providers.provider("constant")).as("not discovered unless asked").isNull();
  }

  @Test
  void builtInsAreTheLibrarysOwnClassesOfTheSourcePackage() {
    assertThat(Providers.isBuiltIn(RecordsSourceProvider.class)).isTrue();
    assertThat(Providers.isBuiltIn(TestProviders.Constant.class))
        .as("same package, but from the test classpath, not the library")
        .isFalse();
    assertThat(Providers.isBuiltIn(Providers.class)).as("library, other package").isFalse();
  }

  @Test
  void discoveryFindsProvidersAndSkipsThoseThatFailToLoad(@TempDir Path dir) throws IOException {
    try (LogCapture logs = new LogCapture();
        URLClassLoader loader =
            listing(
                dir,
                "org.republisher.source.TestProviders$Exploding",
                "org.republisher.source.NoSuchProvider",
                "org.republisher.ProvidersTest",
                "org.republisher.source.TestProviders$Keyless",
                "org.republisher.source.TestProviders$SecondConstant")) {
      Providers providers = Providers.of(List.of(), loader);

      assertThat(providers.provider("constant")).isInstanceOf(TestProviders.Constant.class);
      assertThat(providers.provider("records")).isInstanceOf(RecordsSourceProvider.class);
      assertThat(providers.provider("exploding")).isNull();
      assertThat(logs.warnings())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("TestProviders$Exploding skipped")
                      .contains("boom: this provider cannot start"))
          .anySatisfy(line -> assertThat(line).contains("NoSuchProvider not found"))
          .anySatisfy(line -> assertThat(line).contains("ProvidersTest not a subtype"))
          .anySatisfy(
              line ->
                  assertThat(line).contains("TestProviders$Keyless skipped").contains("no keys"))
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("source key constant")
                      .contains("TestProviders$SecondConstant ignored"));
    }
  }

  @Test
  void aDiscoveredProviderOverridesABuiltInOne(@TempDir Path dir) throws IOException {
    try (URLClassLoader loader =
        listing(dir, "org.republisher.source.TestProviders$RecordsOverride")) {
      Providers providers = Providers.of(List.of(), loader);

      assertThat(providers.provider("records")).isInstanceOf(TestProviders.RecordsOverride.class);
    }
  }

  @Test
  void aRegisteredProviderOverridesDiscoveredAndBuiltInOnesAndTheLaterRegistrationWins(
      @TempDir Path dir) throws IOException {
    SourceProvider first = new TestProviders.Constant();
    SourceProvider second = new TestProviders.SecondConstant();
    SourceProvider records = new TestProviders.RecordsOverride();
    try (URLClassLoader loader = listing(dir)) {
      Providers providers = Providers.of(List.of(records, first, second), loader);

      assertThat(providers.provider("records")).isSameAs(records);
      assertThat(providers.provider("constant")).isSameAs(second);
    }
  }

  @Test
  void keysAreLowerCaseAndARegisteredProviderWithABlankKeyIsRejected() {
    SourceProvider upper = provider(Set.of("Press"));

    assertThat(Providers.of(List.of(upper), null).provider("press")).isSameAs(upper);
    assertThatThrownBy(() -> Providers.of(List.of(provider(Set.of(" "))), null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("provider.keys hold a blank key");
  }

  @Test
  void createNamesTheSourceAndTheKeyWhenNoProviderServesIt() {
    Providers providers = Providers.of(List.of(), null);

    assertThatThrownBy(
            () -> providers.create(SourceConfig.of("tube", URI.create("gopher://example.org/"))))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "source tube (gopher://example.org/): no source provider for key \"gopher\"; known"
                + " keys: "
                + String.join(", ", providers.keys()))
        .satisfies(e -> assertThat(((SourceException) e).sourceId()).isEqualTo("tube"))
        .cause()
        .isInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(((InvalidValueException) e).value()).isEqualTo("gopher"));
  }

  @Test
  void createWrapsAProviderThatThrowsOrCreatesNothing() {
    SourceProvider throwing =
        new SourceProvider() {
          @Override
          public Set<String> keys() {
            return Set.of("bad");
          }

          @Override
          public ArticleSource create(SourceConfig config) {
            throw new InvalidValueException("options.depth", "-1", "is negative");
          }
        };
    SourceProvider empty = provider(Set.of("empty"));
    Providers providers = Providers.of(List.of(throwing, empty), null);

    assertThatThrownBy(() -> providers.create(config("a", "bad")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("source a")
        .hasMessageContaining("options.depth is negative")
        .hasCauseInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> providers.create(config("b", "empty")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("created no source");
  }

  /** Returns a class loader over the test classpath that also lists these providers. */
  private static URLClassLoader listing(Path dir, String... classNames) throws IOException {
    Path services = dir.resolve("META-INF/services/" + SourceProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, String.join("\n", classNames) + "\n", UTF_8);
    return new URLClassLoader(
        new URL[] {dir.toUri().toURL()}, ProvidersTest.class.getClassLoader());
  }

  private static SourceConfig config(String id, String type) {
    return new SourceConfig(id, URI.create("https://example.org/"), type, null, Map.of());
  }

  /** A provider of some keys whose create returns null. */
  private static SourceProvider provider(Set<String> keys) {
    return new SourceProvider() {
      @Override
      public Set<String> keys() {
        return keys;
      }

      @Override
      public ArticleSource create(SourceConfig config) {
        return null;
      }
    };
  }
}
