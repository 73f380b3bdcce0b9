package dev.nichebot.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockRulesTest {
  private final BlockRules rules =
      new BlockRules(Set.of("spammer_1"), Set.of("example.com", "10.0.0.1"));

  @Test
  void aDomainBlocksItselfAndItsSubdomainsOnly() {
    assertThat(rules.blocks(null, "https://example.com/a.jpg")).contains("domain example.com");
    assertThat(rules.blocks(null, "https://cdn.EXAMPLE.com./a.jpg")).contains("domain example.com");
    assertThat(rules.blocks(null, "https://notexample.com/a.jpg")).isEmpty();
    assertThat(rules.blocks(null, "https://example.com.evil.org/a.jpg")).isEmpty();
    // The page counts as much as the image.
    assertThat(rules.blocks(null, "https://i.redd.it/x.jpg", "https://www.example.com/post"))
        .contains("domain example.com");
  }

  @Test
  void usersMatchWhateverTheirCaseAndBadUrlsBlockNothing() {
    assertThat(rules.blocks("Spammer_1", "https://i.redd.it/x.jpg")).contains("user spammer_1");
    assertThat(rules.blocks("someone", "not a url", null, "file:/tmp/x.jpg")).isEmpty();
    assertThat(rules.blocks(null, "http://10.0.0.1/x.jpg")).contains("domain 10.0.0.1");
    assertThat(rules.blocks(null, "http://1.10.0.0.1/x.jpg")).isEmpty();
    assertThat(BlockRules.none().blocks("spammer_1", "https://example.com/")).isEmpty();
  }
}
