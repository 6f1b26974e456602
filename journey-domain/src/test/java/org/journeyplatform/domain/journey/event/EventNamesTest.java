package org.journeyplatform.domain.journey.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The journey events' public names")
class EventNamesTest {

    @Test
    @DisplayName(
            "are exactly the golden list: a changed, added or removed name fails until the list is changed on purpose")
    void golden() throws IOException {
        List<String> golden;
        try (InputStream in = EventNamesTest.class.getResourceAsStream("/public-event-names.txt")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        }

        assertThat(golden)
                .as("the golden list itself")
                .isSorted()
                .doesNotHaveDuplicates()
                .hasSize(29);
        assertThat(EventNames.all().keySet()).containsExactlyInAnyOrderElementsOf(golden);
    }

    @Test
    @DisplayName("belong to every journey event, each its own, and lead back to its class")
    void everyEventHasOne() {
        for (Class<?> type : JourneyEvent.class.getPermittedSubclasses()) {
            String name = EventNames.of(type);
            assertThat(name).as(type.getSimpleName()).matches("[a-z]+(-[a-z]+)*");
            assertThat(EventNames.classOf(name)).isEqualTo(type);
        }
        assertThat(EventNames.all()).hasSize(JourneyEvent.class.getPermittedSubclasses().length);
    }

    @Test
    @DisplayName("are not made up for a class that has none")
    void noneForOtherClasses() {
        assertThatThrownBy(() -> EventNames.of(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no public name");
        assertThat(EventNames.classOf("relapse")).isNull();
    }
}
