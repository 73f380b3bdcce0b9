package dev.nichebot.crawl.storage;

import dev.nichebot.crawl.image.ImageFormat;
import java.nio.file.Path;

/**
 * A file in the {@link ImageStore}.
 *
 * @param sha256 the content hash and file name
 * @param format the sniffed format, which gives the extension
 * @param path where it lives
 * @param size its length in bytes
 * @param created whether this call wrote it (false: the same bytes were already there)
 */
public record StoredImage(
    String sha256, ImageFormat format, Path path, long size, boolean created) {}
