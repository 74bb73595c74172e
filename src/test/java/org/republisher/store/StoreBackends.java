package org.republisher.store;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The backends the history's tests run on, each a fresh, empty one per call. */
final class StoreBackends {
  private StoreBackends() {}

  static Stream<Arguments> all() {
    return Stream.of(Databases.Kind.values())
        .map(kind -> Arguments.of(kind.name().toLowerCase(java.util.Locale.ROOT),
            (Supplier<Backend>) () -> Databases.backend(kind)));
  }
}
