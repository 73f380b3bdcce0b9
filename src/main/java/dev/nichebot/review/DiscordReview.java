package dev.nichebot.review;

import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Logs;
import dev.nichebot.domain.PauseSwitch;
import dev.nichebot.domain.Vote;
import dev.nichebot.store.AuditLog;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.CandidateChanges;
import dev.nichebot.store.CandidateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Review in a Discord channel: reactions become votes, decisions are shown on the cards, reviewers'
 * slash commands are answered, and after a restart the channel is reconciled with the database.
 * Only reviewers count; the bot's own reactions never arrive here; strangers' reactions are
 * removed, logged and audited.
 */
public final class DiscordReview
    implements ReactionListener, ReviewerCommandHandler, DecisionListener {
  private static final Logger log = LoggerFactory.getLogger(DiscordReview.class);

  private final ReviewChannel channel;
  private final ReviewService service;
  private final CandidateStore candidates;
  private final BotStateStore botState;
  private final AuditLog audit;
  private final ReviewerAccess access;
  private final String approveEmoji;
  private final String rejectEmoji;
  private final Clock clock;

  public DiscordReview(
      ReviewChannel channel,
      ReviewService service,
      CandidateStore candidates,
      BotStateStore botState,
      AuditLog audit,
      ReviewerAccess access,
      String approveEmoji,
      String rejectEmoji,
      Clock clock) {
    this.channel = channel;
    this.service = service;
    this.candidates = candidates;
    this.botState = botState;
    this.audit = audit;
    this.access = access;
    this.approveEmoji = approveEmoji;
    this.rejectEmoji = rejectEmoji;
    this.clock = clock;
    service.addListener(this);
  }

  /**
   * At start-up: cards posted just before a crash (their candidate still queued) are adopted
   * instead of posted again; then every card in review is reconciled with its current reactions.
   */
  public void recover() {
    Instant since = clock.instant().minus(service.policy().expireAfter()).minus(Duration.ofDays(1));
    int adopted = 0;
    for (PostedCard card : channel.findPostedCandidates(since, 500)) {
      Optional<Candidate> c = candidates.find(card.candidateId());
      if (c.isPresent()
          && c.get().state() == CandidateState.QUEUED_FOR_REVIEW
          && card.outcomeShown().isEmpty()
          && candidates.transition(
              c.get().id(),
              CandidateState.QUEUED_FOR_REVIEW,
              CandidateState.IN_REVIEW,
              CandidateChanges.none()
                  .reviewMessage(Long.toString(card.messageId()), card.postedAt()))) {
        adopted++;
        log.info(
            "candidate {} was posted as message {} just before a restart: adopted, not reposted",
            card.candidateId(),
            card.messageId());
      }
    }
    int changed = reconcileAll();
    log.info("review channel reconciled: {} cards adopted, {} votes changed", adopted, changed);
  }

  /** Counts the reactions on every card in review (votes cast while the bot was away). */
  public int reconcileAll() {
    int changed = 0;
    for (Candidate c :
        candidates.where(
            "state = ? AND review_message_id IS NOT NULL ORDER BY id", CandidateState.IN_REVIEW)) {
      try (var ignored = Logs.candidate(c.id())) {
        changed += reconcile(c);
      } catch (ReviewChannelException e) {
        log.warn("card of candidate {} not reconciled: {}", c.id(), e.getMessage());
      }
    }
    return changed;
  }

  private int reconcile(Candidate c) {
    long messageId = Long.parseLong(c.reviewMessageId());
    CardVotes now = channel.currentVotes(messageId);
    int changed = 0;
    Set<String> present = new HashSet<>();
    for (Map.Entry<String, List<CardVotes.Voter>> e : now.votersByEmoji().entrySet()) {
      Optional<Vote> vote = voteOf(e.getKey());
      for (CardVotes.Voter voter : e.getValue()) {
        if (vote.isEmpty()) {
          continue;
        }
        if (!access.allows(voter.userId(), voter.roleIds())) {
          refuseStranger(messageId, c.id(), e.getKey(), voter.userId());
          continue;
        }
        Reviewer reviewer = Reviewer.discord(voter.userId());
        present.add(reviewer.id() + "/" + vote.get());
        if (service.vote(c.id(), reviewer, vote.get()).changedSomething()) {
          changed++;
        }
      }
    }
    // Reactions removed while away withdraw their votes (within the undo window).
    for (VoteStore.VoteRow row : new ArrayList<>(service.votes().active(c.id()))) {
      if (row.channel().equals("discord") && !present.contains(row.reviewer() + "/" + row.vote())) {
        Reviewer reviewer = new Reviewer(row.reviewer(), row.reviewerName(), "discord");
        if (service.withdraw(c.id(), reviewer, Optional.of(row.vote())).changedSomething()) {
          changed++;
        }
      }
    }
    return changed;
  }

  @Override
  public void onReaction(ReactionChange change) {
    Optional<Candidate> found = candidates.byReviewMessage(Long.toString(change.messageId()));
    Optional<Vote> vote = voteOf(change.emoji());
    if (found.isEmpty() || vote.isEmpty()) {
      return;
    }
    Candidate c = found.get();
    try (var ignored = Logs.candidate(c.id())) {
      if (!access.allows(change.userId(), change.roleIds())) {
        if (change.added()) {
          refuseStranger(change.messageId(), c.id(), change.emoji(), change.userId());
        }
        return;
      }
      Reviewer reviewer = Reviewer.discord(change.userId());
      VoteResult result =
          change.added()
              ? service.vote(c.id(), reviewer, vote.get())
              : service.withdraw(c.id(), reviewer, vote);
      log.info(
          "{} by {}: {}", change.added() ? "vote" : "withdrawal", reviewer.id(), result.message());
    }
  }

  @Override
  public void onGatewaySessionStarted() {
    reconcileAll();
  }

  @Override
  public void onDecided(Candidate c, Vote decision, List<String> decidedBy, Instant at) {
    if (c.reviewMessageId() == null) {
      return;
    }
    List<Long> ids = new ArrayList<>();
    for (String by : decidedBy) {
      if (by.startsWith("discord:")) {
        try {
          ids.add(Long.parseLong(by.substring("discord:".length())));
        } catch (NumberFormatException ignored) {
          // A web reviewer's name: not a Discord user.
        }
      }
    }
    try {
      channel.showOutcome(
          Long.parseLong(c.reviewMessageId()),
          decision == Vote.APPROVE ? ReviewOutcome.APPROVED : ReviewOutcome.REJECTED,
          ids,
          at);
    } catch (ReviewChannelException e) {
      log.warn("card of candidate {} not updated with its outcome: {}", c.id(), e.getMessage());
    }
  }

  @Override
  public void onReopened(Candidate c) {
    if (c.reviewMessageId() != null) {
      try {
        channel.showReopened(Long.parseLong(c.reviewMessageId()));
      } catch (ReviewChannelException e) {
        log.warn("card of candidate {} not reopened: {}", c.id(), e.getMessage());
      }
    }
  }

  @Override
  public String handle(ReviewerCommand command) {
    if (!access.allows(command.userId(), command.roleIds())) {
      audit.record(
          "discord:" + command.userId(),
          "discord",
          "refused command",
          "/" + command.name().slashName(),
          null,
          null,
          "not a reviewer");
      return "Only reviewers can use /" + command.name().slashName() + ".";
    }
    String actor = "discord:" + command.userId();
    return switch (command.name()) {
      case QUEUE -> queue();
      case STATS -> stats();
      case PAUSE -> {
        boolean was = botState.setPaused(PauseSwitch.REVIEW, true, actor);
        audit.record(
            actor, "discord", "pause", "review", was ? "paused" : "running", "paused", null);
        yield was
            ? "Review dispatch was already paused."
            : "Review dispatch paused: no new cards until /resume.";
      }
      case RESUME -> {
        boolean was = botState.setPaused(PauseSwitch.REVIEW, false, actor);
        audit.record(
            actor, "discord", "resume", "review", was ? "paused" : "running", "running", null);
        yield was ? "Review dispatch resumed." : "Review dispatch was not paused.";
      }
    };
  }

  private String queue() {
    var counts = candidates.countByState();
    StringBuilder sb =
        new StringBuilder()
            .append("Waiting for review: ")
            .append(counts.get(CandidateState.QUEUED_FOR_REVIEW))
            .append(" queued, ")
            .append(counts.get(CandidateState.IN_REVIEW))
            .append(" in the channel. Approved, not yet posted: ")
            .append(counts.get(CandidateState.APPROVED))
            .append('.');
    candidates
        .where(
            "state = ? ORDER BY state_changed_at, id FETCH FIRST 1 ROWS ONLY",
            CandidateState.IN_REVIEW)
        .stream()
        .findFirst()
        .ifPresent(
            c ->
                sb.append(" Oldest in the channel: candidate ")
                    .append(c.id())
                    .append(", waiting ")
                    .append(
                        ReviewService.human(Duration.between(c.stateChangedAt(), clock.instant())))
                    .append('.'));
    if (botState.isPaused(PauseSwitch.REVIEW)) {
      sb.append(" Dispatch is paused.");
    }
    return sb.toString();
  }

  private String stats() {
    var rows = service.votes().statsSince(clock.instant().minus(Duration.ofDays(7)));
    if (rows.isEmpty()) {
      return "No votes in the last 7 days.";
    }
    StringBuilder sb = new StringBuilder("Last 7 days (approved / rejected):");
    for (VoteStore.ReviewerStats r : rows) {
      String who =
          r.reviewer().startsWith("discord:") ? "<@" + r.reviewer().substring(8) + ">" : r.name();
      sb.append("\n")
          .append(who)
          .append(": ")
          .append(r.approvals())
          .append(" / ")
          .append(r.rejections());
    }
    return sb.toString();
  }

  private void refuseStranger(long messageId, long candidateId, String emoji, long userId) {
    log.warn("removed a {} reaction by user {} who is not a reviewer", emoji, userId);
    audit.record(
        "discord:" + userId,
        "discord",
        "refused vote",
        "candidate " + candidateId,
        null,
        emoji,
        "not a reviewer");
    try {
      channel.removeReaction(messageId, emoji, userId);
    } catch (ReviewChannelException e) {
      log.warn("could not remove it: {}", e.getMessage());
    }
  }

  private Optional<Vote> voteOf(String emoji) {
    if (emoji.equals(approveEmoji)) {
      return Optional.of(Vote.APPROVE);
    }
    if (emoji.equals(rejectEmoji)) {
      return Optional.of(Vote.REJECT);
    }
    return Optional.empty();
  }
}
