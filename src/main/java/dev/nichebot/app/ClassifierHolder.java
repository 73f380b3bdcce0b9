package dev.nichebot.app;

import dev.nichebot.classify.Classifier;
import dev.nichebot.classify.ModelBundleException;
import dev.nichebot.classify.ModelBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classify stage's model: loaded once, on first use, and reused; reloaded when the signal
 * bundle changes (its folder, set at run time, or its {@code bundle.json} rewritten by {@code
 * nichebot train}). A bundle that fails to load never replaces one that works: the stage goes on
 * with the model it has and says so once.
 */
final class ClassifierHolder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClassifierHolder.class);

  /** Builds a classifier from bundle folders (the real one loads DJL models). */
  @FunctionalInterface
  interface Loader {
    Classifier load(Path signalDir, Path nsfwDir) throws ModelBundleException;
  }

  private final Supplier<Path> signalDir;
  private final Path nsfwDir;
  private final Loader loader;
  private Classifier current;
  private Key currentKey;
  private Key failedKey;
  private String lastError;
  private boolean closed;

  /** Which bundle, in which revision: a change of either means a reload. */
  private record Key(Path dir, FileTime modified) {}

  /**
   * @param signalDir where the signal bundle is now (asked on every use)
   * @param nsfwDir the NSFW gate's bundle, or null for no gate
   */
  ClassifierHolder(Supplier<Path> signalDir, Path nsfwDir, Loader loader) {
    this.signalDir = signalDir;
    this.nsfwDir = nsfwDir;
    this.loader = loader;
  }

  /**
   * The classifier for the current bundle.
   *
   * @throws ModelBundleException naming the bundle and what is wrong, when no model could ever be
   *     loaded
   */
  synchronized Classifier get() throws ModelBundleException {
    if (closed) {
      throw new IllegalStateException("the classifier is closed");
    }
    Path dir = signalDir.get();
    Key key = new Key(dir, modified(dir));
    if (current != null && key.equals(currentKey)) {
      return current;
    }
    if (key.equals(failedKey)) {
      // Already tried and refused: no reload (and no new log line) until the bundle changes.
      if (current != null) {
        return current;
      }
      throw new ModelBundleException(lastError);
    }
    Classifier fresh;
    try {
      fresh = loader.load(dir, nsfwDir);
    } catch (ModelBundleException | RuntimeException | LinkageError e) {
      failedKey = key;
      String why = message(e);
      // Bundle errors name their folder already.
      lastError =
          "cannot load the model bundle "
              + (why.startsWith(dir.toString()) ? why : dir + ": " + why);
      if (current == null) {
        log.error("classify: {}", lastError);
        throw new ModelBundleException(lastError, e);
      }
      log.error(
          "classify: {}; going on with model {} from {}",
          lastError,
          current.modelVersion(),
          currentKey.dir());
      return current;
    }
    if (current != null) {
      log.info(
          "classify: model {} from {} replaces {}",
          fresh.modelVersion(),
          dir,
          current.modelVersion());
      current.close();
    } else {
      log.info("classify: model {} loaded from {}", fresh.modelVersion(), dir);
    }
    current = fresh;
    currentKey = key;
    failedKey = null;
    lastError = null;
    return current;
  }

  /** True unless the last attempt to load a model failed and none is in use. */
  synchronized boolean healthy() {
    return current != null || lastError == null;
  }

  /** Why the current bundle could not be loaded, if it could not. */
  synchronized String lastError() {
    return lastError;
  }

  private static FileTime modified(Path dir) {
    try {
      return Files.getLastModifiedTime(dir.resolve(ModelBundles.METADATA_FILE));
    } catch (IOException e) {
      return null; // missing: loading it reports why
    }
  }

  private static String message(Throwable e) {
    return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
