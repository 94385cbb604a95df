package dev.gradex.kfp.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CronScheduleTest {
  @Test
  void sixFieldsWithSecondsFirst_areAccepted() {
    assertThat(CronSchedule.parse("0 30 2 * * *").expression()).isEqualTo("0 30 2 * * *");
    assertThat(CronSchedule.problems("0 0 */6 * * MON-FRI")).isEmpty();
    assertThat(CronSchedule.problems("0 0 0 1,15 JAN-DEC ?")).isEmpty();
    assertThat(CronSchedule.problems("@daily")).isEmpty();
    assertThat(CronSchedule.problems("@every 1h30m")).isEmpty();
  }

  @Test
  void fiveFieldCron_isRejectedWithTheSecondsHint() {
    assertThatThrownBy(() -> CronSchedule.parse("30 2 * * *"))
        .hasMessage(
            "cron '30 2 * * *': has 5 fields; KFP needs 6 with seconds first, e.g."
                + " '0 30 2 * * *'");
  }

  @Test
  void outOfRangeValues_nameTheField() {
    assertThat(CronSchedule.problems("60 0 0 * * *"))
        .containsExactly("seconds field '60': '60' is outside 0-59");
    assertThat(CronSchedule.problems("0 0 24 * * *"))
        .containsExactly("hours field '24': '24' is outside 0-23");
    assertThat(CronSchedule.problems("0 0 0 * 13 *"))
        .containsExactly("month field '13': '13' is outside 1-12");
    assertThat(CronSchedule.problems("0 0 0 * * 7"))
        .containsExactly("day-of-week field '7': '7' is outside 0-6");
  }

  @Test
  void malformedParts_areRejected() {
    assertThat(CronSchedule.problems("? 0 0 * * *"))
        .containsExactly("seconds field '?': '?' is allowed only in day-of-month and day-of-week");
    assertThat(CronSchedule.problems("0 */0 0 * * *"))
        .containsExactly("minutes field '*/0': step must be positive");
    assertThat(CronSchedule.problems("0 0 0 * * FOO"))
        .containsExactly("day-of-week field 'FOO': 'FOO' has a value that is not a number or name");
    assertThat(CronSchedule.problems("@sometimes")).hasSize(1);
    assertThat(CronSchedule.problems("  ")).containsExactly("is empty");
  }
}
