package dev.nichebot.review.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One REST request the fake received, as the bot sent it.
 *
 * @param method HTTP method
 * @param path the path after the API base, percent-decoded (for example {@code
 *     channels/3/messages/4/reactions/✅/@me})
 * @param query the query parameters
 * @param contentType the request's content type, or null
 * @param body the raw body (empty when none)
 * @param parts for a multipart request, its parts by name (files[0], payload_json)
 * @param status the status the fake answered with
 */
public record RecordedCall(
    String method,
    String path,
    Map<String, String> query,
    String contentType,
    byte[] body,
    Map<String, Part> parts,
    int status) {

  /** One part of a multipart body. */
  public record Part(String name, String fileName, String contentType, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** The JSON the bot sent: the body, or the payload_json part of a multipart request. */
  public JsonNode json() {
    try {
      if (parts.containsKey("payload_json")) {
        return Fixtures.JSON.readTree(parts.get("payload_json").body());
      }
      return Fixtures.JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : " " + query) + " -> " + status;
  }
}
