package dev.nichebot.classify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings DJL reads once, when its PyTorch engine starts; so they are set here, before the first
 * DJL class is touched.
 */
public final class DjlRuntime {
  private static final Logger log = LoggerFactory.getLogger(DjlRuntime.class);

  private DjlRuntime() {}

  /**
   * Keeps DJL offline (otherwise its engine start probes a cloud metadata address), sizes
   * libtorch's thread pools to the machine and turns TorchScript's graph optimiser off, unless the
   * operator set them.
   */
  public static synchronized void prepare() {
    System.setProperty("ai.djl.offline", "true");
    String cores = String.valueOf(Runtime.getRuntime().availableProcessors());
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", cores);
    }
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    // TorchScript's profiling executor re-optimises the graph after the first calls and again for
    // each new batch shape, so a model's output for the same image could depend on what the
    // process ran before. It bought no speed either: with freed memory kept (below), batch 8 ran
    // at 78 img/s forward-only without it and 73 with it, on 2 cores.
    if (System.getProperty("ai.djl.pytorch.graph_optimizer") == null) {
      System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
    }
    // Any value other than the bundled native build would make DJL download another libtorch.
    System.clearProperty("PYTORCH_VERSION");
    passiveOpenMpWaits();
    keepFreedMemory();
  }

  private static boolean mallocTuned;

  /**
   * glibc hands every block over 32 MB (a MobileNetV2 activation at batch 8 is 38 MB) straight to
   * mmap and back to the kernel when it is freed, so each forward pass faults its memory in again:
   * in a 22-minute training run the kernel's share of CPU time was 47%. Keeping freed memory in the
   * heap lets the next batch reuse it; measured on 2 cores at batch 8, forward-only rose from about
   * 35 to 63-78 img/s and JPEG-to-score from about 28 to 41-50 img/s, with RSS at its high-water
   * mark (about 1 GB) instead of dropping between batches. An operator who sets glibc's own
   * MALLOC_MMAP_MAX_ or MALLOC_TRIM_THRESHOLD_ keeps those; other C libraries are left alone.
   */
  private static void keepFreedMemory() {
    if (mallocTuned
        || System.getenv("MALLOC_MMAP_MAX_") != null
        || System.getenv("MALLOC_TRIM_THRESHOLD_") != null) {
      return;
    }
    mallocTuned = true;
    try {
      com.sun.jna.Function mallopt =
          com.sun.jna.NativeLibrary.getInstance("c").getFunction("mallopt");
      int mmapMax = mallopt.invokeInt(new Object[] {M_MMAP_MAX, 0});
      int trim = mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, Integer.MAX_VALUE});
      if (mmapMax != 1 || trim != 1) {
        log.info("the C library refused mallopt (results {} and {})", mmapMax, trim);
      }
    } catch (LinkageError | RuntimeException e) {
      log.info(
          "could not tune malloc ({}); set MALLOC_MMAP_MAX_=0 in the environment", e.toString());
    }
  }

  // glibc's <malloc.h>
  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_MMAP_MAX = -4;

  /**
   * libtorch's OpenMP threads spin while they wait for work. On a machine whose cores are busy with
   * anything else (the bot's own crawl and web threads, other processes) a spinning thread steals
   * the core its partner needs: measured on 2 shared cores, MobileNetV2 ran at 2.5 img/s with 2
   * spinning threads, 8.6 with 1 thread, and 11.4 with 2 passive ones. libgomp reads
   * OMP_WAIT_POLICY when DJL loads it, so it is set in this process's environment first (unless the
   * operator chose a value). JNA is on the classpath through our dependencies; without it the
   * setting is left to the launcher.
   */
  private static void passiveOpenMpWaits() {
    if (System.getenv("OMP_WAIT_POLICY") != null) {
      return;
    }
    try {
      com.sun.jna.NativeLibrary.getInstance("c")
          .getFunction("setenv")
          .invokeInt(new Object[] {"OMP_WAIT_POLICY", "PASSIVE", 0});
    } catch (LinkageError | RuntimeException e) {
      log.info(
          "could not set OMP_WAIT_POLICY=PASSIVE ({}); set it in the environment", e.toString());
    }
  }
}
