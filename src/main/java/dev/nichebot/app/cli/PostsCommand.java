package dev.nichebot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nichebot.config.LoadedConfig;
import dev.nichebot.publish.Post;
import dev.nichebot.publish.PostHistory;
import dev.nichebot.store.Database;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "posts", description = "Every post the bot made, newest first.")
public final class PostsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--limit", defaultValue = "50", description = "How many (default 50).")
  int limit;

  @Option(names = "--json", description = "Print one JSON object, for scripts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    LoadedConfig config = CliSupport.config(spec);
    try (Database db = CliSupport.database(config)) {
      PostHistory history = new PostHistory(db);
      List<Post> posts = history.recent(limit);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(
            new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValueAsString(java.util.Map.of("total", history.count(), "posts", posts)));
      } else {
        out.printf("%d posts%n", history.count());
        for (Post p : posts) {
          out.printf(
              "  %s  candidate %-6d %-9s %-12s %s%s%n      %s%n",
              p.postedAt(),
              p.candidateId(),
              p.kind(),
              p.redditId() == null ? "-" : p.redditId(),
              p.dryRun() ? "[dry run] " : "",
              p.title(),
              p.url());
        }
      }
      out.flush();
    }
    return 0;
  }
}
