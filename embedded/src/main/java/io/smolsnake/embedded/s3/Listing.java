package io.smolsnake.embedded.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * One page of a bucket listing (ListObjects and ListObjectsV2 share it): the keys after a marker
 * that start with a prefix, with the keys that contain the delimiter after the prefix rolled up
 * into common prefixes. Keys and common prefixes together count towards {@code maxKeys}.
 *
 * @param contents the objects on this page, in key order
 * @param commonPrefixes the rolled-up prefixes on this page, in order
 * @param truncated whether more keys follow
 * @param last the last key or common prefix on the page: where the next page starts after
 */
record Listing(List<ObjectAttributes> contents, List<String> commonPrefixes, boolean truncated, String last) {

    static Listing page(NavigableMap<String, Store.Blob> objects, String prefix, String delimiter, String after,
            int maxKeys) {
        List<ObjectAttributes> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (maxKeys == 0) {
            return new Listing(contents, prefixes, false, null);
        }
        NavigableMap<String, Store.Blob> view = objects;
        if (after != null && Store.KEY_ORDER.compare(after, prefix) >= 0) {
            view = objects.tailMap(after, false);
        } else if (!prefix.isEmpty()) {
            view = objects.tailMap(prefix, true);
        }
        String last = null;
        boolean truncated = false;
        for (Map.Entry<String, Store.Blob> entry : view.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(prefix)) {
                break; // keys sharing a prefix are contiguous in order, and the view starts at or after it
            }
            String item = key;
            boolean rolledUp = false;
            if (!delimiter.isEmpty()) {
                int at = key.indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    item = key.substring(0, at + delimiter.length());
                    rolledUp = true;
                    if (item.equals(last) || (after != null && Store.KEY_ORDER.compare(item, after) <= 0)) {
                        continue;
                    }
                }
            }
            if (contents.size() + prefixes.size() == maxKeys) {
                truncated = true;
                break;
            }
            if (rolledUp) {
                prefixes.add(item);
            } else {
                contents.add(entry.getValue().attributes());
            }
            last = item;
        }
        return new Listing(contents, prefixes, truncated, last);
    }
}
