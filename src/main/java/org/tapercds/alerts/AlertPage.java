package org.tapercds.alerts;

import java.util.List;

/**
 * One page of a newest-first list.
 *
 * @param page the page number, from 0
 * @param total how many items match in all
 */
public record AlertPage<T>(List<T> items, int page, int size, long total) {

    public int totalPages() {
        return (int) ((total + size - 1) / size);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public boolean hasPrevious() {
        return page > 0;
    }
}
