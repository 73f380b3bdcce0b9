package dev.nichebot.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training that must not depend on which thread runs it, and must not be poisoned by one bad
 * embedding.
 */
class TrainingRobustnessTest {
  private static final HeadFitter.Settings SETTINGS =
      new HeadFitter.Settings(16, 0.3, 40, 8, 1e-3, 1e-4, 16, 3, ClassWeights.BALANCED);

  @TempDir Path tmp;

  /** Two separable clusters of 32-dimensional "embeddings". */
  private static float[][] points(int n, boolean[] labels, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][32];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2 == 0;
      for (int j = 0; j < 32; j++) {
        x[i][j] = (float) (r.nextGaussian() + (labels[i] ? 1.5 : -1.5));
      }
    }
    return x;
  }

  /** The share of (signal, noise) pairs the head ranks the right way round: ROC-AUC. */
  private static double auc(DenseHead head, float[][] x, boolean[] y) {
    float[][] scores = head.apply(x);
    int right = 0;
    int pairs = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        if (y[i] && !y[j]) {
          pairs++;
          right += scores[i][0] > scores[j][0] ? 1 : 0;
        }
      }
    }
    return (double) right / pairs;
  }

  @Test
  void aHeadTrainsOnAThreadWhereAutogradIsOn() throws Exception {
    // DJL turns autograd off only on the thread that started the engine; a scheduler or web
    // thread that trains later has it on.
    DjlRuntime.prepare();
    Engine.getEngine("PyTorch");
    boolean[] y = new boolean[48];
    float[][] x = points(48, y, 1);
    boolean[] vy = new boolean[16];
    float[][] vx = points(16, vy, 2);
    record Outcome(HeadFitter.Fit fit, boolean autogradAfter) {}
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<Outcome> run =
          other.submit(
              () -> {
                JniUtils.setGradMode(true);
                HeadFitter.Fit fit = HeadFitter.fit(x, y, vx, vy, SETTINGS, null);
                return new Outcome(fit, JniUtils.isGradMode());
              });
      Outcome outcome = run.get();
      assertThat(auc(outcome.fit().head(), vx, vy)).isGreaterThanOrEqualTo(0.95);
      assertThat(outcome.autogradAfter())
          .as("the thread's autograd switch is left as it was")
          .isTrue();
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void nonFiniteEmbeddingsAreAClearErrorNotANullPointer() {
    boolean[] y = new boolean[24];
    float[][] x = points(24, y, 3);
    boolean[] vy = new boolean[8];
    float[][] vx = points(8, vy, 4);
    x[5] = new float[32];
    Arrays.fill(x[5], Float.NaN);
    assertThatThrownBy(() -> HeadFitter.fit(x, y, vx, vy, SETTINGS, null))
        .isInstanceOf(HeadFitter.TrainingDivergedException.class)
        .hasMessageContaining("diverged in epoch 1")
        .hasMessageContaining("non-finite embedding values: 32 in training, 0 in validation");
  }

  @Test
  void anImageTheBackboneTurnsIntoNaNIsReportedAloneAndTheRestAreEmbedded() throws Exception {
    Path dir = TestModels.tinyBackbone(tmp.resolve("tiny"), 32, 8);
    List<Integer> items = List.of(0, 1, 2, 3, 4);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Backbone backbone = Backbone.load(ModelBundles.readBackbone(dir))) {
      int per = backbone.input().floatsPerImage();
      List<BatchEmbedder.Result> results =
          new BatchEmbedder(backbone, pool, 8)
              .embed(
                  items,
                  (item, dst, off) ->
                      Arrays.fill(dst, off, off + per, item == 2 ? Float.NaN : 0.1f * item),
                  null);
      assertThat(results).hasSize(5);
      assertThat(results.get(2).ok()).isFalse();
      assertThat(results.get(2).failure()).contains("NaN or infinite");
      for (int i : List.of(0, 1, 3, 4)) {
        assertThat(results.get(i).ok()).as("item %d", i).isTrue();
        assertThat(BatchEmbedder.isFinite(results.get(i).embedding())).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anImageEmbedsTheSameOnTheFirstCallAndLaterOnesWhateverItsBatch() throws Exception {
    DjlRuntime.prepare();
    try (Backbone backbone = Backbone.load(ModelBundles.readBackbone(TestModels.backbone()))) {
      int per = backbone.input().floatsPerImage();
      Random r = new Random(7);
      float[] image = new float[per];
      for (int i = 0; i < per; i++) {
        image[i] = (float) r.nextGaussian();
      }
      float[] first = backbone.embed(image, 1)[0];
      for (int batch : new int[] {3, 1, 5, 2, 1, 4}) {
        float[] pixels = new float[batch * per];
        for (int k = 0; k < batch; k++) {
          for (int i = 0; i < per; i++) {
            pixels[k * per + i] = k == batch - 1 ? image[i] : (float) r.nextGaussian();
          }
        }
        float[] later = backbone.embed(pixels, batch)[batch - 1];
        for (int i = 0; i < first.length; i++) {
          assertThat(later[i])
              .as("batch %d, value %d", batch, i)
              .isCloseTo(first[i], within(1e-4f));
        }
      }
    }
  }
}
