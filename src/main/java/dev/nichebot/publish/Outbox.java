package dev.nichebot.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a dry run "posts": for each candidate a JSON file saying what would have been posted, and a
 * copy of the image beside it. Each file appears whole or not at all (written aside, then moved
 * into place), the image before the JSON, so a JSON file always has its image.
 */
public final class Outbox {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;

  public Outbox(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The JSON file of a candidate's dry-run post. */
  public Path jsonFile(long candidateId) {
    return dir.resolve("candidate-" + candidateId + ".json");
  }

  /** The candidate's dry-run post, if one was written (a crash may have come after it). */
  Optional<Path> find(long candidateId) {
    Path json = jsonFile(candidateId);
    return Files.isRegularFile(json) ? Optional.of(json) : Optional.empty();
  }

  /** Writes the plan and a copy of its image; returns the JSON file. */
  Path write(PostPlan plan, Instant at) throws IOException {
    Files.createDirectories(dir);
    String imageName = "candidate-" + plan.candidateId() + extensionOf(plan);
    Path image = dir.resolve(imageName);
    Path imageTemp = dir.resolve("." + imageName + ".tmp");
    Files.copy(plan.imageFile(), imageTemp, StandardCopyOption.REPLACE_EXISTING);
    move(imageTemp, image);

    ObjectNode json = JSON.createObjectNode();
    json.put("candidate", plan.candidateId());
    json.put("target", plan.subreddit());
    json.put("kind", plan.kindName());
    json.put("title", plan.title());
    json.put("image", imageName);
    plan.url().ifPresent(u -> json.put("url", u));
    plan.crosspostOf().ifPresent(x -> json.put("crosspost_of", x));
    ObjectNode flair = json.putObject("flair");
    flair.put("id", plan.flairId().orElse(null));
    flair.put("text", plan.flairText().orElse(null));
    json.put("nsfw", plan.nsfw());
    json.put("spoiler", plan.spoiler());
    json.put("comment", plan.comment().isEmpty() ? null : plan.comment());
    json.put("source", plan.sourceUrl());
    json.put("page", plan.pageUrl());
    json.put("written_at", at.toString());
    Path target = jsonFile(plan.candidateId());
    Path temp = dir.resolve("." + target.getFileName() + ".tmp");
    Files.write(temp, JSON.writeValueAsBytes(json));
    move(temp, target);
    return target;
  }

  private static String extensionOf(PostPlan plan) {
    String name = plan.imageFile().getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot > 0 && name.length() - dot <= 6) {
      return name.substring(dot);
    }
    return PostPlan.extension(plan.mimeType());
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
