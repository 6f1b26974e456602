package org.journeyplatform.projections.research;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The released fields of an exported event: an unmodifiable map that keeps the order they were given in, in two arrays.
 * An export keeps the anonymised histories of thousands of participants between its passes; an unmodifiable
 * {@code LinkedHashMap} cost some 250 bytes of every event's 330 there (a heap histogram), this about 90. Every change
 * is refused, also one that would change nothing.
 */
final class OrderedFields extends AbstractMap<String, Object> {

    private static final OrderedFields EMPTY = new OrderedFields(new String[0], new Object[0]);

    private final String[] names;
    private final Object[] values;

    private OrderedFields(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /** These fields, in their order; the same instance when they already are. */
    static OrderedFields copyOf(Map<String, ?> fields) {
        if (fields instanceof OrderedFields ordered) {
            return ordered;
        }
        if (fields.isEmpty()) {
            return EMPTY;
        }
        String[] names = new String[fields.size()];
        Object[] values = new Object[fields.size()];
        int i = 0;
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            names[i] = field.getKey();
            values[i] = field.getValue();
            i++;
        }
        return new OrderedFields(names, values);
    }

    @Override
    public int size() {
        return names.length;
    }

    /**
     * Each field in the order of the names (as a {@code TreeMap} of them would give them), without making one: an
     * export's risk measure walks every event's fields in that order at every level of detail.
     */
    static void forEachByName(Map<String, ?> fields, java.util.function.BiConsumer<String, Object> action) {
        if (!(fields instanceof OrderedFields ordered)) {
            new java.util.TreeMap<String, Object>(fields).forEach(action);
            return;
        }
        String[] names = ordered.names;
        int[] order = new int[names.length];
        for (int i = 0; i < names.length; i++) { // insertion sort: a handful of fields
            int j = i;
            while (j > 0 && names[order[j - 1]].compareTo(names[i]) > 0) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        for (int i : order) {
            action.accept(names[i], ordered.values[i]);
        }
    }

    @Override
    public Object put(String name, Object value) {
        throw new UnsupportedOperationException("an exported event's fields do not change");
    }

    @Override
    public Object remove(Object name) {
        throw new UnsupportedOperationException("an exported event's fields do not change");
    }

    @Override
    public void putAll(Map<? extends String, ?> fields) {
        throw new UnsupportedOperationException("an exported event's fields do not change");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("an exported event's fields do not change");
    }

    @Override
    public void replaceAll(java.util.function.BiFunction<? super String, ? super Object, ?> function) {
        throw new UnsupportedOperationException("an exported event's fields do not change");
    }

    @Override
    public Object putIfAbsent(String name, Object value) {
        throw new UnsupportedOperationException("an exported event's fields do not change");
    }

    @Override
    public Object computeIfAbsent(String name, java.util.function.Function<? super String, ?> function) {
        throw new UnsupportedOperationException("an exported event's fields do not change");
    }

    @Override
    public Object merge(
            String name, Object value, java.util.function.BiFunction<? super Object, ? super Object, ?> function) {
        throw new UnsupportedOperationException("an exported event's fields do not change");
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public Object get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    private int indexOf(Object name) {
        for (int i = 0; i < names.length; i++) {
            if (Objects.equals(names[i], name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, Object> entry = new SimpleImmutableEntry<>(names[next], values[next]);
                        next++;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }
}
