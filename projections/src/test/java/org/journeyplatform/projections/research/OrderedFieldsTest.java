package org.journeyplatform.projections.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The released fields of an exported event")
class OrderedFieldsTest {

    private static Map<String, Object> given() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("programme", "P-3");
        fields.put("exitReason", "COMPLETED");
        fields.put("programmes", List.of("P-1", "P-2"));
        fields.put("score", null);
        return fields;
    }

    @Test
    @DisplayName("keep the order and values they were given in, and equal any map of the same fields")
    void sameFields() {
        Map<String, Object> fields = OrderedFields.copyOf(given());

        assertThat(fields.keySet()).containsExactly("programme", "exitReason", "programmes", "score");
        assertThat(fields).isEqualTo(given()).hasSameHashCodeAs(given());
        assertThat(given()).isEqualTo(fields);
        assertThat(fields.get("exitReason")).isEqualTo("COMPLETED");
        assertThat(fields.get("missing")).isNull();
        assertThat(fields.containsKey("score")).isTrue();
        assertThat(fields.containsKey("missing")).isFalse();
        assertThat(fields).hasSize(4);
        assertThat(new ExportedEvent("p", "t", 1, null, given()).line(7))
                .containsExactly(
                        Map.entry("position", 7L),
                        Map.entry("participant", "p"),
                        Map.entry("type", "t"),
                        Map.entry("day", 1L),
                        Map.entry("programme", "P-3"),
                        Map.entry("exitReason", "COMPLETED"),
                        Map.entry("programmes", List.of("P-1", "P-2")),
                        new java.util.AbstractMap.SimpleEntry<>("score", null));
    }

    @Test
    @DisplayName("cannot be changed, and do not follow later changes to the map they were copied from")
    void unmodifiable() {
        Map<String, Object> source = given();
        Map<String, Object> fields = OrderedFields.copyOf(source);
        source.put("programme", "changed");

        assertThat(fields.get("programme")).isEqualTo("P-3");
        assertThatThrownBy(() -> fields.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.remove("programme")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(fields::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.remove("absent")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.putAll(Map.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.keySet().remove("programme")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.replaceAll((name, value) -> value))
                .isInstanceOf(UnsupportedOperationException.class);
        Map<String, Object> empty = OrderedFields.copyOf(Map.of());
        assertThat(empty).isEmpty();
        assertThatThrownBy(empty::clear).isInstanceOf(UnsupportedOperationException.class);
    }
}
