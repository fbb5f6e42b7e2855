package io.smolsnake.pypackaging.tags;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The tags a target accepts, most preferred first. A wheel's priority is the index of its best
 * (lowest-index) tag; a wheel none of whose tags is here is not supported. Duplicates keep their
 * first position, as packaging's {@code create_compatible_tags_selector} does.
 */
public final class SupportedTags {
    private final List<Tag> tags;
    private final Map<Tag, Integer> rank;

    private SupportedTags(List<Tag> tags, Map<Tag, Integer> rank) {
        this.tags = tags;
        this.rank = rank;
    }

    /** The given tags in order, duplicates dropped after their first occurrence. */
    public static SupportedTags of(Collection<Tag> ordered) {
        Map<Tag, Integer> rank = new HashMap<>();
        List<Tag> unique = new ArrayList<>();
        for (Tag tag : ordered) {
            if (rank.putIfAbsent(tag, unique.size()) == null) {
                unique.add(tag);
            }
        }
        return new SupportedTags(Collections.unmodifiableList(unique), Collections.unmodifiableMap(rank));
    }

    /** The tags, most preferred first. */
    public List<Tag> tags() {
        return tags;
    }

    /** The index of {@code tag}, or empty when it is not supported. */
    public OptionalInt priority(Tag tag) {
        Integer r = rank.get(tag);
        return r == null ? OptionalInt.empty() : OptionalInt.of(r);
    }

    /** The index of the best of a wheel's tags (lower is better), or empty when none is supported. */
    public OptionalInt priority(Collection<Tag> wheelTags) {
        int best = Integer.MAX_VALUE;
        for (Tag tag : wheelTags) {
            Integer r = rank.get(tag);
            if (r != null && r < best) {
                best = r;
            }
        }
        return best == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** Whether any of a wheel's tags is supported. */
    public boolean isSupported(Collection<Tag> wheelTags) {
        return priority(wheelTags).isPresent();
    }

    public int size() {
        return tags.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SupportedTags other && tags.equals(other.tags);
    }

    @Override
    public int hashCode() {
        return tags.hashCode();
    }

    @Override
    public String toString() {
        return "SupportedTags" + (tags.size() > 4 ? tags.subList(0, 4) + "... (" + tags.size() + ")" : tags);
    }
}
