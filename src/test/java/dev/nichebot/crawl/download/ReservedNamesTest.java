package dev.nichebot.crawl.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.crawl.FailureReason;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** Reserved names (tests' i.example, foo.test) are never looked up: no query leaves the machine. */
class ReservedNamesTest {
  @Test
  void reservedNamesFailAsUnknownHostsWithoutALookup() {
    SafeDownloader downloader =
        SafeDownloader.create(
            new OkHttpClient.Builder()
                .dns(
                    host -> {
                      throw new AssertionError("looked up " + host);
                    })
                .build(),
            DownloaderConfig.builder().build());

    for (String url :
        new String[] {
          "https://i.example/1.png", "http://x.test/a.jpg", "http://printer.local./a"
        }) {
      DownloadResult r = downloader.download(url);
      assertThat(r).isInstanceOf(DownloadResult.Failed.class);
      assertThat(((DownloadResult.Failed) r).reason()).isEqualTo(FailureReason.UNKNOWN_HOST);
    }
    assertThat(GuardedDns.isReserved("example.com")).isFalse();
    assertThat(GuardedDns.isReserved("contest")).isFalse();
    DownloaderConfig allowed = DownloaderConfig.builder().allowHosts(Set.of("mirror.test")).build();
    assertThat(allowed.isAllowListed("mirror.test")).isTrue();
  }
}
