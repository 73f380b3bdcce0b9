package dev.nichebot.crawl.dedup;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Multi-index hashing (Norouzi, Punjani and Fleet, 2012): each 64-bit hash is cut into {@code m}
 * chunks (4 × 16 bits by default) and filed under each chunk's value. Two hashes within {@code d}
 * bits agree within {@code d/m} bits on at least one chunk (pigeonhole), so a query visits only the
 * buckets of chunk values that close to its own, radius by radius, and stops as soon as no closer
 * hash can be left. Exact, not approximate.
 *
 * <p>Each bucket keeps the full hashes in one contiguous array (and the ids beside them), so
 * checking a candidate is a sequential read and a popcount, not a jump into a shared array.
 *
 * <p>Memory for n hashes: m copies of (hash, id), 16 bytes each, plus growth slack and the bucket
 * arrays' headers: about 85 MB at a million with 4 chunks (measured by {@code bench dedup}).
 * Thread-safe: look-ups share a read lock, additions take the write lock.
 */
public final class MultiIndexHashIndex implements HashIndex {
  /** Chunk radius above which probing costs more than reading every hash once. */
  private static final int MAX_PROBE_RADIUS = 4;

  private final int chunks;
  private final int[] shift;
  private final int[] bits;
  private final int[][][] masks; // [chunk][radius] -> masks with that many bits set
  private final long[][][] bucketHashes; // [chunk][key] -> hashes
  private final long[][][] bucketIds; // [chunk][key] -> ids
  private final int[][] bucketSizes;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private int size;

  /** Four chunks of 16 bits: the best trade-off around a million hashes. */
  public MultiIndexHashIndex() {
    this(4);
  }

  /** {@code chunks} chunks of (nearly) equal width, 4 to 8 (16 to 8 bits each). */
  public MultiIndexHashIndex(int chunks) {
    if (chunks < 4 || chunks > 8) {
      throw new IllegalArgumentException("chunks must be 4..8: " + chunks);
    }
    this.chunks = chunks;
    shift = new int[chunks];
    bits = new int[chunks];
    masks = new int[chunks][][];
    bucketHashes = new long[chunks][][];
    bucketIds = new long[chunks][][];
    bucketSizes = new int[chunks][];
    int offset = 0;
    for (int c = 0; c < chunks; c++) {
      bits[c] = Long.SIZE / chunks + (c < Long.SIZE % chunks ? 1 : 0);
      shift[c] = offset;
      offset += bits[c];
      masks[c] = masksByRadius(bits[c], MAX_PROBE_RADIUS);
      bucketHashes[c] = new long[1 << bits[c]][];
      bucketIds[c] = new long[1 << bits[c]][];
      bucketSizes[c] = new int[1 << bits[c]];
    }
  }

  @Override
  public void add(long id, long hash) {
    lock.writeLock().lock();
    try {
      for (int c = 0; c < chunks; c++) {
        int key = key(hash, c);
        long[] hashes = bucketHashes[c][key];
        int n = bucketSizes[c][key];
        if (hashes == null) {
          bucketHashes[c][key] = hashes = new long[2];
          bucketIds[c][key] = new long[2];
        } else if (n == hashes.length) {
          int capacity = n + (n >> 1) + 1;
          bucketHashes[c][key] = hashes = Arrays.copyOf(hashes, capacity);
          bucketIds[c][key] = Arrays.copyOf(bucketIds[c][key], capacity);
        }
        hashes[n] = hash;
        bucketIds[c][key][n] = id;
        bucketSizes[c][key] = n + 1;
      }
      size++;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<HashMatch> nearest(long hash, int maxDistance) {
    if (maxDistance < 0) {
      return Optional.empty();
    }
    lock.readLock().lock();
    try {
      return maxDistance / chunks > MAX_PROBE_RADIUS
          ? scan(hash, maxDistance)
          : probe(hash, Math.min(maxDistance, Long.SIZE));
    } finally {
      lock.readLock().unlock();
    }
  }

  private Optional<HashMatch> probe(long query, int maxDistance) {
    int best = maxDistance + 1;
    long bestId = 0;
    // After radius r in every chunk, every hash within chunks*(r+1)-1 bits has been seen.
    for (int r = 0; r * chunks <= best - 1; r++) {
      for (int c = 0; c < chunks; c++) {
        int key = key(query, c);
        for (int mask : masks[c][r]) {
          int probe = key ^ mask;
          long[] hashes = bucketHashes[c][probe];
          int n = bucketSizes[c][probe];
          for (int i = 0; i < n; i++) {
            int d = Long.bitCount(hashes[i] ^ query);
            if (d < best) {
              best = d;
              bestId = bucketIds[c][probe][i];
              if (d == 0) {
                return Optional.of(new HashMatch(bestId, 0, false));
              }
            }
          }
        }
      }
    }
    return best <= maxDistance ? Optional.of(new HashMatch(bestId, best, false)) : Optional.empty();
  }

  private Optional<HashMatch> scan(long query, int maxDistance) {
    int best = maxDistance + 1;
    long bestId = 0;
    for (int key = 0; key < bucketSizes[0].length; key++) {
      long[] hashes = bucketHashes[0][key];
      for (int i = 0; i < bucketSizes[0][key]; i++) {
        int d = Long.bitCount(hashes[i] ^ query);
        if (d < best) {
          best = d;
          bestId = bucketIds[0][key][i];
        }
      }
    }
    return best <= maxDistance ? Optional.of(new HashMatch(bestId, best, false)) : Optional.empty();
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  private int key(long hash, int c) {
    return (int) (hash >>> shift[c]) & ((1 << bits[c]) - 1);
  }

  /** For each radius 0..maxRadius, all masks of {@code width} bits with that many bits set. */
  private static int[][] masksByRadius(int width, int maxRadius) {
    int[][] result = new int[maxRadius + 1][];
    for (int r = 0; r <= maxRadius; r++) {
      int count = 0;
      for (int m = 0; m < (1 << width); m++) {
        if (Integer.bitCount(m) == r) {
          count++;
        }
      }
      int[] list = new int[count];
      int i = 0;
      for (int m = 0; m < (1 << width); m++) {
        if (Integer.bitCount(m) == r) {
          list[i++] = m;
        }
      }
      result[r] = list;
    }
    return result;
  }
}
