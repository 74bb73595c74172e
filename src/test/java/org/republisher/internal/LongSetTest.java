package org.republisher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class LongSetTest {

  /** Adds every value to a LongSet and a HashSet, checking that both answer alike all along. */
  private static LongSet addAll(List<Long> values, Set<Long> expected) {
    LongSet set = new LongSet();
    for (long value : values) {
      assertThat(set.contains(value)).as("contains %d before add", value)
          .isEqualTo(expected.contains(value));
      assertThat(set.add(value)).as("add %d", value).isEqualTo(expected.add(value));
      assertThat(set.contains(value)).as("contains %d after add", value).isTrue();
      assertThat(set.size()).isEqualTo(expected.size());
    }
    return set;
  }

  private static void assertSameMembers(LongSet set, Set<Long> expected, List<Long> probes) {
    for (long value : expected) {
      assertThat(set.contains(value)).as("contains %d", value).isTrue();
    }
    for (long probe : probes) {
      assertThat(set.contains(probe)).as("contains %d", probe).isEqualTo(expected.contains(probe));
    }
  }

  @Test
  void anEmptySetHoldsNothing() {
    LongSet set = new LongSet();
    assertThat(set.size()).isZero();
    for (long value : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
      assertThat(set.contains(value)).isFalse();
    }
  }

  @Test
  void theEdgeValuesAreValuesLikeAnyOther() {
    List<Long> values =
        List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1,
            0L, Long.MIN_VALUE, Long.MAX_VALUE, -1L, 1L);
    Set<Long> expected = new HashSet<>();
    LongSet set = addAll(values, expected);
    assertThat(set.size()).isEqualTo(7);
    assertSameMembers(set, expected, List.of(2L, -2L, Long.MIN_VALUE + 2, Long.MAX_VALUE - 2));
  }

  @Test
  void zeroIsAddedOnceAndCountedOnce() {
    LongSet set = new LongSet();
    assertThat(set.add(0)).isTrue();
    assertThat(set.add(0)).isFalse();
    assertThat(set.contains(0)).isTrue();
    assertThat(set.size()).isEqualTo(1);
    for (long i = 1; i <= 100; i++) {
      set.add(i);
    }
    assertThat(set.add(0)).isFalse();
    assertThat(set.size()).isEqualTo(101);
  }

  @Test
  void adversarialRunsSurviveManyResizes() {
    List<Long> values = new ArrayList<>();
    long second = 1_764_417_600L; // 2025-11-29T12:00:00Z, then every second before it
    for (long i = 0; i < 20_000; i++) {
      values.add(second - i);
      values.add(i); // 0, 1, 2, ...
      values.add(-i);
      values.add(i << 32); // equal low halves
      values.add(i << 40);
      values.add(i * (1L << 20) + Long.MIN_VALUE);
      values.add(Long.MAX_VALUE - i);
      values.add(Long.MIN_VALUE + i);
      values.add(86_400 * i + 43_200); // noon of every day
    }
    for (long i = 0; i < 20_000; i++) {
      values.add(second - i); // again: every one a duplicate
      values.add(i << 32);
    }
    Set<Long> expected = new HashSet<>();
    LongSet set = addAll(values, expected);
    List<Long> probes = new ArrayList<>();
    for (long i = 20_000; i < 25_000; i++) {
      probes.add(second - i);
      probes.add(i << 32);
      probes.add(Long.MIN_VALUE + i);
      probes.add(i * 7 + 3);
    }
    assertSameMembers(set, expected, probes);
  }

  @Test
  void randomValuesMatchAHashSet() {
    SplittableRandom random = new SplittableRandom(4);
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      long value = random.nextLong();
      values.add(value);
      if (i % 3 == 0) {
        values.add(values.get(random.nextInt(values.size()))); // a value seen before
      }
    }
    Set<Long> expected = new HashSet<>();
    LongSet set = addAll(values, expected);
    List<Long> probes = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      probes.add(random.nextLong());
    }
    assertSameMembers(set, expected, probes);
    assertThat(set.size()).isEqualTo(expected.size());
  }

  @Property(tries = 300)
  void anyValuesMatchAHashSet(
      @ForAll("values") List<Long> values, @ForAll("values") List<Long> probes) {
    Set<Long> expected = new HashSet<>();
    LongSet set = addAll(values, expected);
    assertSameMembers(set, expected, probes);
  }

  /** Lists of up to 2,000 values, many of them edge values, small, or repeated. */
  @Provide
  Arbitrary<List<Long>> values() {
    Arbitrary<Long> value =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.longs()),
            Tuple.of(3, Arbitraries.longs().between(-40, 40)),
            Tuple.of(2, Arbitraries.longs().between(-40, 40).map(v -> v << 48)),
            Tuple.of(
                1, Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1)));
    return value.list().ofMaxSize(2_000);
  }
}
