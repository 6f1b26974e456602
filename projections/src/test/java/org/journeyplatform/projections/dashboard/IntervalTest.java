package org.journeyplatform.projections.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("An interval")
class IntervalTest {

    @ParameterizedTest
    @EnumSource(Interval.class)
    @DisplayName("numbers its intervals one after the other, so that a day's place in a period is a subtraction")
    void numbersIntervalsInOrder(Interval interval) {
        LocalDate from = LocalDate.of(2015, 11, 17);
        int first = interval.ordinal(from);
        int index = 0;
        for (LocalDate start = from; start.isBefore(LocalDate.of(2027, 3, 1)); start = interval.next(start)) {
            LocalDate end = interval.next(start).minusDays(1);
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                assertThat(interval.ordinal(day) - first).as("%s", day).isEqualTo(index);
                assertThat(interval.labelOf(day)).isEqualTo(interval.labelOf(start));
            }
            index++;
        }
    }
}
