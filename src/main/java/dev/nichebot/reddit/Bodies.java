package dev.nichebot.reddit;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/** Reads response bodies without trusting their size. */
final class Bodies {
  private static final int SNIPPET = 120;

  private Bodies() {}

  /**
   * The whole body, refused with {@link RedditProtocolException} once it passes {@code max} bytes
   * (checked against Content-Length first, then while reading a chunked body).
   */
  static byte[] read(Response response, long max, String label) throws IOException {
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > max) {
      throw tooLarge(label, declared + " bytes", max);
    }
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    while (source.read(buffer, 64 * 1024) != -1) {
      if (buffer.size() > max) {
        throw tooLarge(label, "more than " + max + " bytes", max);
      }
    }
    return buffer.readByteArray();
  }

  static boolean isJson(Response response) {
    MediaType type = response.body().contentType();
    return type != null && type.subtype().toLowerCase(java.util.Locale.ROOT).contains("json");
  }

  static String contentType(Response response) {
    MediaType type = response.body().contentType();
    return type == null ? "no content type" : type.type() + "/" + type.subtype();
  }

  /** The start of a body for an error message, one line, control characters removed. */
  static String snippet(byte[] body) {
    String text =
        new String(
            body, 0, Math.min(body.length, SNIPPET * 4), java.nio.charset.StandardCharsets.UTF_8);
    // Tags say nothing to an operator; the words of an error page do.
    text =
        text.replaceAll("<[^>]{0,200}>", " ")
            .replaceAll("\\s+", " ")
            .replaceAll("\\p{Cntrl}", "?")
            .strip();
    return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "...";
  }

  private static RedditProtocolException tooLarge(String label, String size, long max) {
    return new RedditProtocolException(
        "the answer to "
            + label
            + " is too large ("
            + size
            + "; the limit is "
            + max
            + " bytes): refused");
  }
}
