package dev.nichebot.crawl.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nichebot.crawl.image.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
  @TempDir Path root;

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private List<Path> allFiles() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void storesUnderTheHashOfTheBytesAndReadsThemBack() throws IOException {
    ImageStore store = new ImageStore(root);
    byte[] data = randomBytes(1000, 1);
    String sha = Sha256.of(data);

    StoredImage stored = store.put(data, ImageFormat.JPEG);

    assertThat(stored.sha256()).isEqualTo(sha);
    assertThat(stored.created()).isTrue();
    assertThat(stored.path())
        .isEqualTo(
            root.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha + ".jpg"));
    assertThat(store.read(sha)).isEqualTo(data);
    try (InputStream in = store.open(sha)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(store.find(sha)).get().extracting(StoredImage::format).isEqualTo(ImageFormat.JPEG);
  }

  @Test
  void theSameBytesTwiceMakeOneFile() throws IOException {
    ImageStore store = new ImageStore(root);
    byte[] data = randomBytes(5000, 2);

    StoredImage first = store.put(data, ImageFormat.PNG);
    StoredImage second = store.put(data.clone(), ImageFormat.PNG);

    assertThat(second.created()).isFalse();
    assertThat(second.path()).isEqualTo(first.path());
    assertThat(allFiles()).containsExactly(first.path());
  }

  @Test
  void concurrentWritersOfTheSameBytesLeaveOneWholeFile() throws Exception {
    ImageStore store = new ImageStore(root);
    byte[] data = randomBytes(2_000_000, 3);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<StoredImage>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.put(data, ImageFormat.JPEG);
                }));
      }
      start.countDown();
      for (Future<StoredImage> r : results) {
        r.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(allFiles()).hasSize(1);
    assertThat(store.read(Sha256.of(data))).isEqualTo(data);
  }

  @Test
  void aReaderNeverSeesAHalfWrittenFile() throws Exception {
    ImageStore store = new ImageStore(root);
    int count = 20;
    int size = 3_000_000;
    List<byte[]> images = new ArrayList<>();
    List<Path> targets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] data = randomBytes(size, 100 + i);
      images.add(data);
      targets.add(store.pathFor(Sha256.of(data), ImageFormat.JPEG));
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger observedWhole = new AtomicInteger();
    List<String> halfFiles = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              while (writing.get()) {
                for (Path target : targets) {
                  try {
                    if (Files.exists(target)) {
                      long seen = Files.size(target);
                      if (seen != size) {
                        halfFiles.add(target + " had " + seen + " bytes");
                      } else {
                        observedWhole.incrementAndGet();
                      }
                    }
                  } catch (IOException e) {
                    // vanished between exists and size: not a half file
                  }
                }
              }
            });
    reader.start();
    try {
      for (byte[] data : images) {
        store.put(data, ImageFormat.JPEG);
      }
    } finally {
      writing.set(false);
      reader.join();
    }

    assertThat(halfFiles).isEmpty();
    assertThat(observedWhole.get()).isPositive();
    for (int i = 0; i < count; i++) {
      assertThat(Files.readAllBytes(targets.get(i))).isEqualTo(images.get(i));
    }
  }

  @Test
  void aCrashedWritersTemporaryFileIsInvisibleAndCleanedUp() throws IOException {
    ImageStore store = new ImageStore(root);
    byte[] data = randomBytes(4000, 4);
    String sha = Sha256.of(data);
    Path dir = store.pathFor(sha, ImageFormat.JPEG).getParent();
    Files.createDirectories(dir);
    // What a writer killed mid-way leaves behind: half the bytes in a temporary file.
    Path leftover = dir.resolve(".tmp-12345.jpg");
    Files.write(leftover, java.util.Arrays.copyOf(data, 2000));
    Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minusSeconds(7200)));
    Path fresh = dir.resolve(".tmp-67890.jpg");
    Files.write(fresh, new byte[10]);

    assertThat(store.find(sha)).isEmpty();
    assertThat(store.removeStaleTemporaryFiles(Duration.ofHours(1))).isEqualTo(1);
    assertThat(leftover).doesNotExist();
    assertThat(fresh).exists(); // may belong to a writer still at work

    StoredImage stored = store.put(data, ImageFormat.JPEG);
    assertThat(stored.created()).isTrue();
    assertThat(store.read(sha)).isEqualTo(data);
  }

  @Test
  void aDamagedFileIsRewrittenNotTrusted() throws IOException {
    ImageStore store = new ImageStore(root);
    byte[] data = randomBytes(4000, 5);
    Path target = store.pathFor(Sha256.of(data), ImageFormat.GIF);
    Files.createDirectories(target.getParent());
    Files.write(target, java.util.Arrays.copyOf(data, 100));

    StoredImage stored = store.put(data, ImageFormat.GIF);

    assertThat(stored.created()).isTrue();
    assertThat(Files.readAllBytes(target)).isEqualTo(data);
  }

  @Test
  void malformedHashesNeverBecomePaths() {
    ImageStore store = new ImageStore(root);

    assertThat(store.find("../../../etc/passwd")).isEmpty();
    assertThat(store.find("ABCDEF")).isEmpty();
    assertThat(store.contains(null)).isFalse();
    assertThatThrownBy(() -> store.read("../x")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> store.pathFor("..", ImageFormat.PNG))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
