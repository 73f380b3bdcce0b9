package dev.nichebot.crawl.image;

import java.awt.image.BufferedImage;

/**
 * A decoded image, possibly subsampled: big enough to fingerprint, never big enough to exhaust
 * memory. The classifier decodes the stored file itself at the size it needs.
 *
 * @param info the full-size header information
 * @param pixels the first frame, every {@code subsampling}-th pixel in each direction
 * @param subsampling 1 when decoded at full size
 */
public record DecodedImage(ImageInfo info, BufferedImage pixels, int subsampling) {}
