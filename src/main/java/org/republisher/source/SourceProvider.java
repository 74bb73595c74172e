package org.republisher.source;

import java.util.Set;

/**
 * Creates {@link ArticleSource}s from configuration: the service-provider interface for new kinds
 * of sources.
 *
 * <p>Providers are registered explicitly on the builder, or discovered with {@link
 * java.util.ServiceLoader} when the host opts in: a provider jar lists its class in {@code
 * META-INF/services/org.republisher.source.SourceProvider}. A provider is chosen by key: the
 * {@linkplain SourceConfig#type() type} of a configuration when it names one, else the scheme of
 * its URI. A provider registered by the host overrides a built-in one with the same key; a
 * discovered provider that fails to load is logged and skipped.
 *
 * <p>Implementations must have a public no-argument constructor (for {@code ServiceLoader}), be
 * thread-safe, and do no I/O in {@link #create(SourceConfig)}: I/O belongs to {@link
 * ArticleSource#fetch()}.
 */
public interface SourceProvider {

  /**
   * Returns the keys this provider serves: URI schemes ({@code https}, {@code file}) or type names
   * ({@code page}, {@code records}), lower case.
   *
   * @return the keys, not empty
   */
  Set<String> keys();

  /**
   * Creates a source from a configuration.
   *
   * @param config the configuration
   * @return a new source
   * @throws org.republisher.InvalidValueException when the configuration is not valid for this
   *     provider, naming the option and value
   */
  ArticleSource create(SourceConfig config);
}
