package dev.nichebot.crawl.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both indexes against brute force, on uniform and on clustered hashes. */
class HashIndexTest {

  static Stream<Arguments> indexes() {
    return Stream.of(
        Arguments.of("multi-index", (Supplier<HashIndex>) MultiIndexHashIndex::new),
        Arguments.of(
            "multi-index, 5 chunks", (Supplier<HashIndex>) () -> new MultiIndexHashIndex(5)),
        Arguments.of("bk-tree", (Supplier<HashIndex>) BkTreeHashIndex::new));
  }

  private static long flip(long hash, int bits, SplittableRandom random) {
    long result = hash;
    while (Long.bitCount(result ^ hash) < bits) {
      result ^= 1L << random.nextInt(64);
    }
    return result;
  }

  /** The smallest distance within max, by looking at everything. */
  private static int bruteForce(long[] stored, long query, int max) {
    int best = Integer.MAX_VALUE;
    for (long s : stored) {
      best = Math.min(best, Long.bitCount(s ^ query));
    }
    return best <= max ? best : -1;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("indexes")
  void agreesWithBruteForceOnRandomHashes(String name, Supplier<HashIndex> factory) {
    SplittableRandom random = new SplittableRandom(1);
    long[] stored = new long[20_000];
    HashIndex index = factory.get();
    for (int i = 0; i < stored.length; i++) {
      stored[i] = random.nextLong();
      index.add(1000 + i, stored[i]);
    }
    assertThat(index.size()).isEqualTo(stored.length);

    int found = 0;
    for (int q = 0; q < 1500; q++) {
      int max = random.nextInt(0, 21);
      long query =
          q % 3 == 0
              ? random.nextLong()
              : flip(stored[random.nextInt(stored.length)], random.nextInt(0, 24), random);
      Optional<HashMatch> match = index.nearest(query, max);
      int expected = bruteForce(stored, query, max);
      if (expected < 0) {
        assertThat(match).as("query %d within %d", q, max).isEmpty();
      } else {
        found++;
        assertThat(match).as("query %d within %d", q, max).isPresent();
        assertThat(match.get().distance()).isEqualTo(expected);
        int slot = (int) (match.get().id() - 1000);
        assertThat(Long.bitCount(stored[slot] ^ query)).isEqualTo(expected);
      }
    }
    assertThat(found).as("queries that had an answer").isGreaterThan(500);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("indexes")
  void agreesWithBruteForceOnClusteredHashes(String name, Supplier<HashIndex> factory) {
    // Real hashes bunch up (similar pictures, shared chunk values): crowded buckets.
    SplittableRandom random = new SplittableRandom(2);
    long[] centres = new long[20];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = random.nextLong();
    }
    long[] stored = new long[10_000];
    HashIndex index = factory.get();
    for (int i = 0; i < stored.length; i++) {
      stored[i] = flip(centres[i % centres.length], random.nextInt(0, 12), random);
      index.add(i, stored[i]);
    }
    for (int q = 0; q < 800; q++) {
      int max = random.nextInt(0, 16);
      long query = flip(centres[random.nextInt(centres.length)], random.nextInt(0, 20), random);
      Optional<HashMatch> match = index.nearest(query, max);
      int expected = bruteForce(stored, query, max);
      assertThat(match.map(HashMatch::distance).orElse(-1)).isEqualTo(expected);
      match.ifPresent(
          m -> assertThat(Long.bitCount(stored[(int) m.id()] ^ query)).isEqualTo(expected));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("indexes")
  void answersEmptyWhenEmptyOrOutOfReach(String name, Supplier<HashIndex> factory) {
    HashIndex index = factory.get();
    assertThat(index.nearest(0L, 64)).isEmpty();

    index.add(7, 0L);
    assertThat(index.nearest(0L, -1)).isEmpty();
    assertThat(index.nearest(0b111L, 2)).isEmpty();
    assertThat(index.nearest(0b111L, 3)).contains(new HashMatch(7, 3, false));
    assertThat(index.nearest(-1L, 64)).contains(new HashMatch(7, 64, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("indexes")
  void findsAMirroredRepostThroughTheMirroredHash(String name, Supplier<HashIndex> factory) {
    HashIndex index = factory.get();
    long stored = 0x0123_4567_89ab_cdefL;
    index.add(42, stored);
    index.add(43, ~stored);

    // A query whose own hash is far from everything, but whose mirror is 2 bits from id 42.
    PerceptualHash query = new PerceptualHash(0x5555_0000_ffff_3333L, stored ^ 0b101L);

    assertThat(index.nearest(query, 12)).contains(new HashMatch(42, 2, true));
    assertThat(index.nearest(query, 1)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("indexes")
  void loadsFromAStreamOfRows(String name, Supplier<HashIndex> factory) {
    HashIndex index = factory.get();
    index.addAll(Stream.of(new HashIndex.Entry(1, 0xF0L), new HashIndex.Entry(2, 0xF00L)));

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.nearest(0xF01L, 1)).contains(new HashMatch(2, 1, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("indexes")
  void readersAndAWriterCanWorkAtOnce(String name, Supplier<HashIndex> factory) throws Exception {
    HashIndex index = factory.get();
    SplittableRandom random = new SplittableRandom(3);
    long[] hashes = new long[20_000];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = random.nextLong();
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<?> writer =
          pool.submit(
              () -> {
                for (int i = 0; i < hashes.length; i++) {
                  index.add(i, hashes[i]);
                }
              });
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            pool.submit(
                () -> {
                  int hits = 0;
                  while (!writer.isDone()) {
                    int i = index.size() - 1;
                    if (i >= 0 && index.nearest(hashes[i], 0).isPresent()) {
                      hits++;
                    }
                  }
                  return hits;
                }));
      }
      writer.get(60, TimeUnit.SECONDS);
      for (Future<Integer> r : readers) {
        r.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < hashes.length; i += 97) {
      assertThat(index.nearest(hashes[i], 0)).isPresent();
    }
  }
}
