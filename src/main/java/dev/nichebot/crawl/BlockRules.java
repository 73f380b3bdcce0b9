package dev.nichebot.crawl;

import dev.nichebot.store.Database;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The moderators' {@code blocklist} as read at the start of a run: user names (lower case, without
 * {@code u/}) and domains (lower case; a domain also blocks its subdomains).
 */
public final class BlockRules {
  private final Set<String> users;
  private final Set<String> domains;

  BlockRules(Set<String> users, Set<String> domains) {
    this.users = Set.copyOf(users);
    this.domains = Set.copyOf(domains);
  }

  public static BlockRules none() {
    return new BlockRules(Set.of(), Set.of());
  }

  public static BlockRules read(Database db) {
    Set<String> users = new HashSet<>();
    Set<String> domains = new HashSet<>();
    db.query(
            "SELECT kind, block_value FROM blocklist",
            rs -> new String[] {rs.getString(1), rs.getString(2)})
        .forEach(
            row -> {
              String value = row[1].strip().toLowerCase(Locale.ROOT);
              switch (row[0].toUpperCase(Locale.ROOT)) {
                case "USER" -> users.add(value);
                case "DOMAIN" -> domains.add(value);
                default -> {
                  // an unknown kind blocks nothing
                }
              }
            });
    return new BlockRules(users, domains);
  }

  /**
   * Why an image from this author or these URLs may not be crawled, if it may not: {@code "user x"}
   * or {@code "domain y"}.
   */
  public Optional<String> blocks(String author, String... urls) {
    if (author != null && users.contains(author.strip().toLowerCase(Locale.ROOT))) {
      return Optional.of("user " + author.strip().toLowerCase(Locale.ROOT));
    }
    if (domains.isEmpty()) {
      return Optional.empty();
    }
    for (String url : urls) {
      Optional<String> host = host(url);
      if (host.isEmpty()) {
        continue;
      }
      // An IP address has no parent domains: 127.0.0.1 is not "under" 0.0.1.
      boolean literal = host.get().contains(":") || host.get().matches("[0-9.]+");
      for (String d = host.get(); d != null; d = literal ? null : parent(d)) {
        if (domains.contains(d)) {
          return Optional.of("domain " + d);
        }
      }
    }
    return Optional.empty();
  }

  private static String parent(String host) {
    int dot = host.indexOf('.');
    return dot < 0 ? null : host.substring(dot + 1);
  }

  private static Optional<String> host(String url) {
    if (url == null) {
      return Optional.empty();
    }
    try {
      String host = new URI(url.strip()).getHost();
      if (host == null) {
        return Optional.empty();
      }
      host = host.toLowerCase(Locale.ROOT);
      return Optional.of(host.endsWith(".") ? host.substring(0, host.length() - 1) : host);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
