package dev.nichebot.review;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A review channel kept in memory, for the service's logic; the real JDA adapter is proven against
 * the fake Discord gateway in {@code review.discord}.
 */
final class InMemoryReviewChannel implements ReviewChannel {
  final Map<Long, ReviewCard> posted = new LinkedHashMap<>();
  final Map<Long, String> outcomes = new LinkedHashMap<>();
  final Map<Long, Map<String, List<CardVotes.Voter>>> reactions = new LinkedHashMap<>();
  final List<String> calls = new ArrayList<>();
  final Map<Long, Instant> postedAt = new LinkedHashMap<>();
  boolean connected = true;
  boolean refusePosts;
  private final AtomicLong ids = new AtomicLong(9000);

  @Override
  public void start(ReactionListener reactions, ReviewerCommandHandler commands) {}

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public boolean awaitConnected(Duration timeout) {
    return connected;
  }

  @Override
  public long post(ReviewCard card) {
    if (refusePosts) {
      throw new ReviewChannelException(ReviewChannelException.Reason.UNAVAILABLE, "down");
    }
    long id = ids.incrementAndGet();
    posted.put(id, card);
    postedAt.put(id, Instant.now());
    calls.add("post " + card.candidateId());
    return id;
  }

  @Override
  public void showOutcome(
      long messageId, ReviewOutcome outcome, List<Long> decidedBy, Instant when) {
    outcomes.put(messageId, outcome.name() + " by " + decidedBy);
    calls.add("outcome " + messageId + " " + outcome);
  }

  @Override
  public void showReopened(long messageId) {
    outcomes.remove(messageId);
    calls.add("reopened " + messageId);
  }

  void react(long messageId, String emoji, long userId, Set<Long> roles) {
    reactions
        .computeIfAbsent(messageId, k -> new LinkedHashMap<>())
        .computeIfAbsent(emoji, k -> new ArrayList<>())
        .add(new CardVotes.Voter(userId, roles));
  }

  @Override
  public CardVotes currentVotes(long messageId) {
    return new CardVotes(messageId, reactions.getOrDefault(messageId, Map.of()));
  }

  @Override
  public List<PostedCard> findPostedCandidates(Instant since, int limit) {
    List<PostedCard> out = new ArrayList<>();
    posted.forEach(
        (id, card) ->
            out.add(new PostedCard(card.candidateId(), id, postedAt.get(id), Optional.empty())));
    return out;
  }

  @Override
  public long remind(long messageId, long candidateId, Duration waited) {
    calls.add("remind " + candidateId);
    return ids.incrementAndGet();
  }

  @Override
  public void removeReaction(long messageId, String emoji, long userId) {
    calls.add("remove " + emoji + " " + userId);
    Map<String, List<CardVotes.Voter>> byEmoji = reactions.get(messageId);
    if (byEmoji != null && byEmoji.containsKey(emoji)) {
      byEmoji.get(emoji).removeIf(v -> v.userId() == userId);
    }
  }

  @Override
  public void close() {}
}
