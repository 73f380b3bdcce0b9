package dev.nichebot.moderation;

import dev.nichebot.reddit.RedditPoster;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Every command a moderator can give, by verb. Anything else gets the help text. */
final class ModeratorCommands {
  private final Map<String, CommandHandler> byVerb = new HashMap<>();
  private final HelpCommand help = new HelpCommand();

  ModeratorCommands(
      Database db,
      Clock clock,
      CandidateStore candidates,
      BotStateStore botState,
      RedditPoster poster,
      StatusSource status,
      PublishTrigger publish) {
    PauseCommand pause = new PauseCommand(botState, true);
    PauseCommand resume = new PauseCommand(botState, false);
    ThresholdCommand threshold = new ThresholdCommand(botState);
    SkipCommand skip = new SkipCommand(candidates);
    RemoveCommand remove = new RemoveCommand(new PostRecords(db), candidates, poster, clock);
    SourceCommand source = new SourceCommand(new SourceRegistry(db, clock));
    BlockCommand block = new BlockCommand(new Blocklist(db, clock), candidates);
    // The audit actions each handler can revert (remove's default undo says it cannot).
    Map<String, CommandHandler> undoable =
        Map.of(
            "pause", pause,
            "resume", resume,
            "threshold", threshold,
            "skip", skip,
            "source.add", source,
            "source.remove", source,
            "block", block,
            "remove", remove);
    byVerb.put("help", help);
    byVerb.put("status", new StatusCommand(status, botState));
    byVerb.put("pause", pause);
    byVerb.put("resume", resume);
    byVerb.put("post", new PostNowCommand(botState, candidates, publish));
    byVerb.put("skip", skip);
    byVerb.put("remove", remove);
    byVerb.put("threshold", threshold);
    byVerb.put("source", source);
    byVerb.put("block", block);
    byVerb.put("queue", new QueueCommand(candidates));
    byVerb.put("undo", new UndoCommand(new CommandHistory(db), undoable));
  }

  CommandResult run(Invocation call) {
    return byVerb.getOrDefault(call.command().verb(), help).handle(call);
  }
}
