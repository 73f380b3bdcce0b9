package dev.nichebot.review;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/** Who may review in Discord: listed users, and members of listed roles. */
public record ReviewerAccess(Set<Long> userIds, Set<Long> roleIds) {
  public ReviewerAccess {
    userIds = Set.copyOf(userIds);
    roleIds = Set.copyOf(roleIds);
  }

  public static ReviewerAccess of(Collection<String> userIds, Collection<String> roleIds) {
    return new ReviewerAccess(
        userIds.stream().map(Long::parseLong).collect(Collectors.toSet()),
        roleIds.stream().map(Long::parseLong).collect(Collectors.toSet()));
  }

  public boolean allows(long userId, Set<Long> roles) {
    return userIds.contains(userId) || roles.stream().anyMatch(roleIds::contains);
  }
}
