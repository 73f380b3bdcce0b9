package dev.nichebot.crawl.dedup;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A BK-tree over Hamming distance, kept for comparison with {@link MultiIndexHashIndex} ({@code
 * bench dedup} measures both). Exact; each node's children are keyed by their distance to it, and
 * the triangle inequality prunes subtrees. On 64-bit hashes most distances bunch around 32, so it
 * prunes poorly: prefer {@link MultiIndexHashIndex}.
 *
 * <p>Stored flat (first child / next sibling arrays) to keep a million nodes near 25 bytes each.
 */
public final class BkTreeHashIndex implements HashIndex {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private long[] hashes = new long[1024];
  private long[] ids = new long[1024];
  private int[] firstChild = new int[1024];
  private int[] nextSibling = new int[1024];
  private byte[] edge = new byte[1024];
  private int size;

  @Override
  public void add(long id, long hash) {
    lock.writeLock().lock();
    try {
      grow();
      int slot = size++;
      hashes[slot] = hash;
      ids[slot] = id;
      firstChild[slot] = -1;
      nextSibling[slot] = -1;
      if (slot == 0) {
        return;
      }
      int node = 0;
      while (true) {
        int d = Long.bitCount(hashes[node] ^ hash);
        int child = firstChild[node];
        while (child >= 0 && edge[child] != d) {
          child = nextSibling[child];
        }
        if (child < 0) {
          edge[slot] = (byte) d;
          nextSibling[slot] = firstChild[node];
          firstChild[node] = slot;
          return;
        }
        node = child;
      }
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
      if (size == 0) {
        return Optional.empty();
      }
      int best = maxDistance + 1;
      int bestSlot = -1;
      int[] stack = new int[64];
      int top = 0;
      stack[top++] = 0;
      while (top > 0) {
        int node = stack[--top];
        int d = Long.bitCount(hashes[node] ^ hash);
        if (d < best) {
          best = d;
          bestSlot = node;
          if (d == 0) {
            break;
          }
        }
        int radius = best - 1; // only strictly better matches are still interesting
        for (int child = firstChild[node]; child >= 0; child = nextSibling[child]) {
          int e = edge[child];
          if (e >= d - radius && e <= d + radius) {
            if (top == stack.length) {
              stack = Arrays.copyOf(stack, top * 2);
            }
            stack[top++] = child;
          }
        }
      }
      return bestSlot < 0
          ? Optional.empty()
          : Optional.of(new HashMatch(ids[bestSlot], best, false));
    } finally {
      lock.readLock().unlock();
    }
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

  private void grow() {
    if (size < hashes.length) {
      return;
    }
    int capacity = hashes.length * 2;
    hashes = Arrays.copyOf(hashes, capacity);
    ids = Arrays.copyOf(ids, capacity);
    firstChild = Arrays.copyOf(firstChild, capacity);
    nextSibling = Arrays.copyOf(nextSibling, capacity);
    edge = Arrays.copyOf(edge, capacity);
  }
}
