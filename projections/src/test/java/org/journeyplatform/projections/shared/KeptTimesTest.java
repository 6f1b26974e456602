package org.journeyplatform.projections.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A time of day as the read models keep it")
class KeptTimesTest {

    @Test
    @DisplayName("keeps microseconds, cuts anything finer, and never reaches midnight of the next day")
    void toTheMicrosecond() {
        assertThat(KeptTimes.of(LocalTime.parse("10:00:00.100001"))).isEqualTo(LocalTime.parse("10:00:00.100001"));
        assertThat(KeptTimes.of(LocalTime.parse("10:00:00.123456789"))).isEqualTo(LocalTime.parse("10:00:00.123456"));
        assertThat(KeptTimes.of(LocalTime.MAX)).isEqualTo(LocalTime.parse("23:59:59.999999"));
        assertThat(KeptTimes.of(null)).isNull();
    }

    @Test
    @DisplayName("read back from microseconds of the day, 24:00 included, is a time of that day")
    void readBack() {
        assertThat(KeptTimes.ofMicroOfDay(36_000_100_001L)).isEqualTo(LocalTime.parse("10:00:00.100001"));
        assertThat(KeptTimes.ofMicroOfDay(86_400_000_000L)).isEqualTo(LocalTime.parse("23:59:59.999999"));
    }
}
