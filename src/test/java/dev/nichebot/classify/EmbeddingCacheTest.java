package dev.nichebot.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
  private static final String BACKBONE = "0123456789abcdef0123456789abcdef";
  @TempDir Path dir;

  @Test
  void embeddingsSurviveAReopen() throws Exception {
    try (EmbeddingCache cache = EmbeddingCache.open(dir, BACKBONE, 3)) {
      cache.put("aa|orig", new float[] {1, 2, 3});
      cache.put("bb|orig", new float[] {4, 5, 6});
    }
    try (EmbeddingCache cache = EmbeddingCache.open(dir, BACKBONE, 3)) {
      assertThat(cache.size()).isEqualTo(2);
      assertThat(cache.get("bb|orig")).containsExactly(4, 5, 6);
      assertThat(cache.get("cc|orig")).isNull();
    }
  }

  @Test
  void anotherBackboneHasItsOwnCache() throws Exception {
    try (EmbeddingCache cache = EmbeddingCache.open(dir, BACKBONE, 3)) {
      cache.put("aa|orig", new float[] {1, 2, 3});
    }
    try (EmbeddingCache other = EmbeddingCache.open(dir, "fedcba9876543210fedcba", 3)) {
      assertThat(other.get("aa|orig")).isNull();
    }
  }

  @Test
  void aTornLastRecordIsDroppedAndTheRestKept() throws Exception {
    Path file;
    try (EmbeddingCache cache = EmbeddingCache.open(dir, BACKBONE, 3)) {
      cache.put("aa|orig", new float[] {1, 2, 3});
      cache.put("bb|orig", new float[] {4, 5, 6});
    }
    try (var files = Files.list(dir)) {
      file = files.findFirst().orElseThrow();
    }
    long size = Files.size(file);
    try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(size - 5); // a crash in the middle of the second record
    }
    try (EmbeddingCache cache = EmbeddingCache.open(dir, BACKBONE, 3)) {
      assertThat(cache.get("aa|orig")).containsExactly(1, 2, 3);
      assertThat(cache.get("bb|orig")).isNull();
      cache.put("cc|orig", new float[] {7, 8, 9});
    }
    try (EmbeddingCache cache = EmbeddingCache.open(dir, BACKBONE, 3)) {
      assertThat(cache.size()).isEqualTo(2);
      assertThat(cache.get("cc|orig")).containsExactly(7, 8, 9);
    }
  }
}
