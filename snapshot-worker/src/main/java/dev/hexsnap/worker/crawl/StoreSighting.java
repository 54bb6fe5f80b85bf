package dev.hexsnap.worker.crawl;

/**
 * A store a cell's pages showed.
 *
 * @param pages      how many of the cell's pages showed it
 * @param cardStatus its status as a store card showed it ({@code open}, {@code closed-now}, {@code closed}),
 *                   null when only its products were shown
 */
public record StoreSighting(int pages, String cardStatus) {

    StoreSighting plus(String status) {
        return new StoreSighting(pages + 1, cardStatus != null ? cardStatus : status);
    }
}
