package dev.nichebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypeTest {
  private final ValueType.Span span = new ValueType.Span(Duration.ZERO, Duration.ofDays(30));

  @ParameterizedTest
  @CsvSource({
    "500ms,PT0.5S",
    "30s,PT30S",
    "10m,PT10M",
    "1h30m,PT1H30M",
    "2d,PT48H",
    "PT15M,PT15M",
    "0,PT0S"
  })
  void durationsReadAsPeopleWriteThem(String text, String iso) {
    assertThat(span.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "ten minutes", "10 m", "m10", "31d", "-5s"})
  void badDurationsAreRefused(String text) {
    assertThatThrownBy(() -> span.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration");
  }

  @ParameterizedTest
  @CsvSource({"20MB,20971520", "512KB,524288", "8MiB,8388608", "1024,1024", "1g,1073741824"})
  void sizesUseBinaryMultiples(String text, long bytes) {
    assertThat(new ValueType.Size(0, Long.MAX_VALUE).parse(text)).isEqualTo(bytes);
  }

  @Test
  void cronExpressionsAreValidatedByQuartz() {
    assertThat(new ValueType.Cron().parse("0 */15 * * * ?")).isEqualTo("0 */15 * * * ?");
    assertThatThrownBy(() -> new ValueType.Cron().parse("*/15 * * * *"))
        .hasMessageContaining("Quartz cron");
    assertThatThrownBy(() -> new ValueType.Cron().parse("0 61 * * * ?"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void urlsNeedAnAllowedSchemeAndAHost() {
    ValueType.Url url = new ValueType.Url("https", "http");
    assertThat(url.parse("http://127.0.0.1:8080/api").toString())
        .isEqualTo("http://127.0.0.1:8080/api");
    assertThatThrownBy(() -> url.parse("ftp://example.org"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> url.parse("not a url")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void numbersAreRangeChecked() {
    assertThatThrownBy(() -> new ValueType.Int(0, 10).parse("11")).hasMessageContaining("0 to 10");
    assertThatThrownBy(() -> new ValueType.Real(0, 1).parse("NaN"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ValueType.Bool().parse("yes")).isEqualTo(true);
  }

  @Test
  void secretsNeverPrint() {
    Secret s = Secret.of("abc");
    assertThat(s).hasToString("***");
    assertThat(String.valueOf(new Object[] {s}[0])).isEqualTo("***");
    assertThat(Secret.empty()).hasToString("");
    assertThat(s.reveal()).isEqualTo("abc");
  }
}
