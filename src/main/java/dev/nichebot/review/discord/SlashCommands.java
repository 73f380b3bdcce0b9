package dev.nichebot.review.discord;

import dev.nichebot.review.ReviewerCommand;
import java.util.Arrays;
import java.util.List;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;

/**
 * The reviewers' slash commands. They are registered for the review server only (guild commands
 * show up at once, global ones can take an hour), visible to everyone there: the review service
 * decides who may use them and tells others so.
 */
final class SlashCommands {
  private SlashCommands() {}

  static List<CommandData> all() {
    return Arrays.stream(ReviewerCommand.Name.values())
        .<CommandData>map(name -> Commands.slash(name.slashName(), name.description()))
        .toList();
  }
}
