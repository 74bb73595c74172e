package org.republisher;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.republisher.source.ArticleSource;
import org.republisher.source.SourceConfig;
import org.republisher.source.SourceException;
import org.republisher.source.SourceProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source providers of one republisher, by key, in three tiers of rising precedence:
 *
 * <ol>
 *   <li><b>built in</b>: the providers the library lists in its own {@code META-INF/services} file,
 *       recognised as classes of {@value #BUILT_IN_PACKAGE} loaded from the library itself (same
 *       class loader, same code source), always present;
 *   <li><b>discovered</b>: every other provider {@link ServiceLoader} finds, when the host opts in;
 *       for a key two of them claim, the first found wins and the conflict is logged;
 *   <li><b>registered</b>: the providers the host gives the builder; for a key two of them claim,
 *       the later registration wins.
 * </ol>
 *
 * <p>A provider that fails to load (a {@link ServiceConfigurationError}: a missing class, a class
 * that is not a provider, a constructor that throws) or whose keys cannot be read is logged at WARN
 * and skipped; only a registered provider with bad keys is an error, thrown. Immutable once made.
 */
final class Providers {
  /** The package of the built-in providers. */
  static final String BUILT_IN_PACKAGE = "org.republisher.source";

  private static final Logger LOG = LoggerFactory.getLogger(Providers.class);

  /** Load errors in a row after which a broken services listing is given up. */
  private static final int MAX_ERRORS_IN_A_ROW = 100;

  private final SortedMap<String, SourceProvider> byKey;

  private Providers(SortedMap<String, SourceProvider> byKey) {
    this.byKey = Collections.unmodifiableSortedMap(byKey);
  }

  /**
   * Returns the providers of one republisher.
   *
   * @param registered the providers registered on the builder, in registration order
   * @param discovery the class loader to discover providers with, or {@code null} for no discovery
   * @throws InvalidValueException when a registered provider has no keys or a blank one
   */
  static Providers of(List<SourceProvider> registered, @Nullable ClassLoader discovery) {
    SortedMap<String, SourceProvider> byKey = new TreeMap<>();
    Set<String> builtInTypes = new HashSet<>();
    for (SourceProvider provider : load(libraryLoader(), true)) {
      if (builtInTypes.add(provider.getClass().getName())) {
        claim(byKey, provider, "built-in");
      }
    }
    if (discovery != null) {
      Map<String, SourceProvider> discovered = new HashMap<>();
      for (SourceProvider provider : load(discovery, false)) {
        claim(discovered, provider, "discovered");
      }
      overlay(byKey, discovered, "discovered");
    }
    for (SourceProvider provider : registered) {
      Map<String, SourceProvider> own = new HashMap<>();
      for (String key : strictKeys(provider)) {
        own.put(key, provider);
      }
      overlay(byKey, own, "registered");
    }
    return new Providers(byKey);
  }

  /**
   * Returns the provider that serves a key.
   *
   * @param key a URI scheme or type name, lower case
   * @return the provider, or {@code null} when none serves the key
   */
  @Nullable SourceProvider provider(String key) {
    return byKey.get(key);
  }

  /**
   * Returns every key served, sorted.
   *
   * @return the keys
   */
  Set<String> keys() {
    return byKey.keySet();
  }

  /**
   * Creates the source of a configuration with the provider of its key.
   *
   * @param config the configuration
   * @return the source
   * @throws SourceException naming the source and its key when no provider serves the key, or
   *     naming the source when the provider rejects the configuration (the provider's exception is
   *     the cause) or returns no source
   */
  ArticleSource create(SourceConfig config) {
    String key = config.key();
    SourceProvider provider = byKey.get(key);
    if (provider == null) {
      String field = config.type() != null ? "source.type" : "source.uri";
      throw new SourceException(
          config.id(),
          config.uri(),
          -1,
          "no source provider for key \"" + key + "\"; known keys: " + String.join(", ", keys()),
          new InvalidValueException(field, key, "names no source provider"));
    }
    ArticleSource source;
    try {
      source = provider.create(config);
    } catch (RuntimeException e) {
      throw new SourceException(
          config.id(),
          config.uri(),
          -1,
          provider.getClass().getName() + " rejected the configuration: " + e.getMessage(),
          e);
    }
    if (source == null) {
      throw new SourceException(
          config.id(),
          config.uri(),
          -1,
          provider.getClass().getName() + " created no source",
          null);
    }
    return source;
  }

  /**
   * Tells whether a provider class is built in: a class of {@value #BUILT_IN_PACKAGE} loaded by the
   * library's class loader from the library's own jar or folder. A class of that package from
   * anywhere else (a host jar, a test folder) is not.
   *
   * @param type the provider class
   * @return true when it is one of the library's own
   */
  static boolean isBuiltIn(Class<?> type) {
    Class<?> library = SourceProvider.class;
    if (!type.getPackageName().equals(BUILT_IN_PACKAGE)
        || type.getClassLoader() != library.getClassLoader()) {
      return false;
    }
    String own = location(library);
    return own != null && own.equals(location(type));
  }

  private static @Nullable String location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    URL url = source == null ? null : source.getLocation();
    // compared as text: URL.equals may resolve host names
    return url == null ? null : url.toExternalForm();
  }

  private static ClassLoader libraryLoader() {
    ClassLoader loader = SourceProvider.class.getClassLoader();
    return loader != null ? loader : ClassLoader.getSystemClassLoader();
  }

  /**
   * Loads providers, logging and skipping those that fail.
   *
   * @param loader where to look
   * @param builtIn true to load only the built-in providers, false to load only the others
   */
  private static List<SourceProvider> load(ClassLoader loader, boolean builtIn) {
    List<SourceProvider> providers = new ArrayList<>();
    Iterator<ServiceLoader.Provider<SourceProvider>> found =
        ServiceLoader.load(SourceProvider.class, loader).stream().iterator();
    int errors = 0;
    while (errors < MAX_ERRORS_IN_A_ROW) {
      ServiceLoader.Provider<SourceProvider> next;
      try {
        if (!found.hasNext()) {
          break;
        }
        next = found.next();
        errors = 0;
      } catch (ServiceConfigurationError e) {
        errors++;
        if (builtIn) {
          // may well be a host's listing, which only discovery is asked to read
          LOG.debug("source provider skipped: {}", e.getMessage());
        } else {
          LOG.warn("source provider skipped: {}", e.getMessage());
        }
        continue;
      }
      if (isBuiltIn(next.type()) != builtIn) {
        continue;
      }
      try {
        providers.add(next.get());
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        Throwable reason = e.getCause() != null ? e.getCause() : e;
        LOG.warn(
            "source provider {} skipped: it failed to load: {}",
            next.type().getName(),
            reason.toString());
      }
    }
    return providers;
  }

  /**
   * Gives a loaded provider its keys in a tier, unless a provider of the tier claimed them first.
   */
  private static void claim(
      Map<String, SourceProvider> tier, SourceProvider provider, String kind) {
    Set<String> keys;
    try {
      keys = strictKeys(provider);
    } catch (RuntimeException e) {
      LOG.warn(
          "source provider {} skipped: its keys cannot be read: {}",
          provider.getClass().getName(),
          e.getMessage());
      return;
    }
    for (String key : keys) {
      SourceProvider first = tier.putIfAbsent(key, provider);
      if (first != null) {
        LOG.warn(
            "source key {}: {} provider {} ignored, {} serves it",
            key,
            kind,
            provider.getClass().getName(),
            first.getClass().getName());
      }
    }
  }

  /** Lays a tier of higher precedence over the keys so far. */
  private static void overlay(
      Map<String, SourceProvider> byKey, Map<String, SourceProvider> tier, String kind) {
    tier.forEach(
        (key, provider) -> {
          SourceProvider before = byKey.put(key, provider);
          if (before != null && before != provider) {
            LOG.debug(
                "source key {}: {} provider {} overrides {}",
                key,
                kind,
                provider.getClass().getName(),
                before.getClass().getName());
          }
        });
  }

  /** Reads a provider's keys, lower case; throws when they are missing, empty or blank. */
  private static Set<String> strictKeys(SourceProvider provider) {
    String name = provider.getClass().getName();
    Set<String> keys = provider.keys();
    if (keys == null || keys.isEmpty()) {
      throw new InvalidValueException("provider.keys", name, "are empty");
    }
    Set<String> lower = new LinkedHashSet<>();
    for (String key : keys) {
      if (key == null || key.isBlank()) {
        throw new InvalidValueException("provider.keys", name, "hold a blank key");
      }
      lower.add(key.strip().toLowerCase(Locale.ROOT));
    }
    return lower;
  }
}
