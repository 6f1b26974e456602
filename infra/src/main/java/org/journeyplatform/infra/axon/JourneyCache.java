package org.journeyplatform.infra.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * The journeys recently worked on, held with strong references in a bounded Caffeine cache (least recently used go
 * first), behind Axon's {@link Cache}: a hot journey is loaded from the event store once, not on every command, and
 * the garbage collector cannot clear it under load as it did a weak-reference cache. Hits and misses are recorded
 * ({@link #native_()} for the metrics). Axon evicts a journey whose append failed; so do an erasure and a rolled-back
 * command transaction.
 */
public final class JourneyCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    public JourneyCache(long maximumSize) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .recordStats()
                // removals are told on the caller's thread: each command replaces its journey's entry, and handing
                // every replacement to the common pool cost more than the listeners themselves
                .executor(Runnable::run)
                .removalListener((Object key, Object value, RemovalCause cause) -> {
                    if (key != null && cause.wasEvicted()) {
                        listeners.forEach(l -> l.onEntryExpired(key));
                    }
                })
                .build();
    }

    /** The Caffeine cache itself, for its statistics. */
    public com.github.benmanes.caffeine.cache.Cache<Object, Object> native_() {
        return cache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) cache.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        boolean existed = cache.asMap().put(key, value) != null;
        listeners.forEach(l -> {
            if (existed) {
                l.onEntryUpdated(key, value);
            } else {
                l.onEntryCreated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean put = cache.asMap().putIfAbsent(key, value) == null;
        if (put) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
        return put;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) cache.get(key, k -> valueSupplier.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        cache.asMap().computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = cache.asMap().remove(key) != null;
        if (removed) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        cache.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return cache.asMap().containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
