package dev.nichebot.reddit;

import java.util.Objects;
import java.util.Optional;

/**
 * A comment Reddit accepted.
 *
 * @param fullname {@code t1_<id>}
 * @param permalink path of the comment, when Reddit gave it
 */
public record PostedComment(String fullname, Optional<String> permalink) {
  public PostedComment {
    Objects.requireNonNull(fullname, "fullname");
  }
}
