package dev.nichebot.classify;

/**
 * Settings DJL reads once, when its PyTorch engine starts; so they are set here, before the first
 * DJL class is touched.
 */
public final class DjlRuntime {
  private DjlRuntime() {}

  /**
   * Keeps DJL offline (otherwise its engine start probes a cloud metadata address) and sizes
   * libtorch's thread pools to the machine unless the operator set them.
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
    // Any value other than the bundled native build would make DJL download another libtorch.
    System.clearProperty("PYTORCH_VERSION");
  }
}
