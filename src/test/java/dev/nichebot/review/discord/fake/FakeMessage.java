package dev.nichebot.review.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A message in the fake's review channel. Read it through {@link FakeDiscord#message(long)}. */
public final class FakeMessage {

  /** A file attached to a message. */
  public record Attachment(long id, String fileName, byte[] bytes, int width, int height) {}

  final long id;
  final long authorId;
  final Instant createdAt;
  String content = "";
  String nonce;
  Long referencedMessageId;
  Instant editedAt;
  final List<ObjectNode> embeds = new ArrayList<>();
  final List<Attachment> attachments = new ArrayList<>();
  final Map<String, LinkedHashSet<Long>> reactions = new LinkedHashMap<>();

  FakeMessage(long id, long authorId, Instant createdAt) {
    this.id = id;
    this.authorId = authorId;
    this.createdAt = createdAt;
  }

  /** A copy of the current state, safe to read outside the fake's lock. */
  FakeMessage snapshot() {
    FakeMessage copy = new FakeMessage(id, authorId, createdAt);
    copy.content = content;
    copy.nonce = nonce;
    copy.referencedMessageId = referencedMessageId;
    copy.editedAt = editedAt;
    embeds.forEach(e -> copy.embeds.add(e.deepCopy()));
    copy.attachments.addAll(attachments);
    reactions.forEach((emoji, users) -> copy.reactions.put(emoji, new LinkedHashSet<>(users)));
    return copy;
  }

  public long id() {
    return id;
  }

  public long authorId() {
    return authorId;
  }

  public String content() {
    return content;
  }

  public Long referencedMessageId() {
    return referencedMessageId;
  }

  public boolean edited() {
    return editedAt != null;
  }

  /** The embeds as Discord would store them (image URLs resolved to the attachments). */
  public List<JsonNode> embeds() {
    return List.copyOf(embeds);
  }

  public JsonNode embed() {
    return embeds.get(0);
  }

  public List<Attachment> attachments() {
    return List.copyOf(attachments);
  }

  /** Who reacted with this emoji, in order. */
  public Set<Long> reactors(String emoji) {
    return Set.copyOf(reactions.getOrDefault(emoji, new LinkedHashSet<>()));
  }

  /** The emoji on this message. */
  public Set<String> emojis() {
    return reactions.keySet();
  }
}
