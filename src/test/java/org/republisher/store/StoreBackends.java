package org.republisher.store;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The backends the history's tests run on, each a fresh, empty one per call. */
final class StoreBackends {
  private StoreBackends() {}

  static Stream<Arguments> all() {
    return Stream.of(
        Arguments.of("memory", (Supplier<Backend>) MemoryBackend::new));
  }
}
