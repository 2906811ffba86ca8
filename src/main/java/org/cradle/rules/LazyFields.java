package org.cradle.rules;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Set;

/**
 * What CEL sees of an event, a child or a person: a map whose values are worked out when a condition asks for them.
 * A replay offers millions of these and a condition reads one or two keys of each, so building whole maps would
 * be most of the work.
 */
abstract class LazyFields extends AbstractMap<String, Object> {

    /** What {@link #value} gives for a key the map does not have. */
    static final Object ABSENT = new Object();

    private final Set<String> keys;

    LazyFields(Set<String> keys) {
        this.keys = keys;
    }

    /** The value of one of the keys, or {@link #ABSENT}. */
    abstract Object value(String key);

    @Override
    public Object get(Object key) {
        Object v = key instanceof String k ? value(k) : ABSENT;
        return v == ABSENT ? null : v;
    }

    @Override
    public boolean containsKey(Object key) {
        return keys.contains(key);
    }

    @Override
    public int size() {
        return keys.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Iterator<String> names = keys.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return names.hasNext();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        String k = names.next();
                        return new SimpleImmutableEntry<>(k, value(k));
                    }
                };
            }

            @Override
            public int size() {
                return keys.size();
            }
        };
    }
}
