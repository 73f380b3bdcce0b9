package dev.nichebot.crawl.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 of bytes as 64 lower-case hex digits: the exact-duplicate key and the file name. */
public final class Sha256 {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private Sha256() {}

  public static String of(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Whether {@code s} is a well-formed hash (and therefore safe to use in a path). */
  public static boolean isValid(String s) {
    return s != null && HEX.matcher(s).matches();
  }
}
