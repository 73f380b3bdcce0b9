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
    PostNowCommand postNow = new PostNowCommand(botState, candidates, publish);
    // The audit actions that count as "your last command" for undo, each with the handler that
    // reverts it (remove and post now keep the default undo, which says they cannot be undone).
    Map<String, CommandHandler> undoable =
        Map.of(
            "pause", pause,
            "resume", resume,
            "threshold", threshold,
            "skip", skip,
            "source.add", source,
            "source.remove", source,
            "block", block,
            "remove", remove,
            "post.now", postNow);
    byVerb.put("help", help);
    byVerb.put("status", new StatusCommand(status, botState));
    byVerb.put("pause", pause);
    byVerb.put("resume", resume);
    byVerb.put("post", postNow);
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
