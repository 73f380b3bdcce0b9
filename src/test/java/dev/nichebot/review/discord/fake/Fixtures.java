package dev.nichebot.review.discord.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nichebot.testing.SharedFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The payloads a real JDA accepted, from the team's shared fixtures (never copied into the repo):
 * the fake Discord starts from them so that what it sends is known to parse. Tests that need them
 * are skipped, with a message saying why, when the folder is absent.
 */
public final class Fixtures {
  static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  /** The folder of JDA-accepted payloads; skips the calling test when it is not there. */
  public static Path jdaAccepted() {
    return SharedFixtures.dir("discord/jda-accepted");
  }

  /** One fixture file as a mutable JSON object. */
  static ObjectNode load(String name) {
    Path file = jdaAccepted().resolve(name);
    try {
      return (ObjectNode) JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + file, e);
    }
  }
}
