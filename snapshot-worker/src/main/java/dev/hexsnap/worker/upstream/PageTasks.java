package dev.hexsnap.worker.upstream;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The crawlers fetch a cell's or a store's pages side by side on the page threads, then wait for
 * each: what a page task threw is what the waiting crawler throws.
 */
public final class PageTasks {

    private PageTasks() {
    }

    /**
     * The task's result. Its own exception is rethrown as it is (an interruption or the upstream
     * being down then fails the chunk, as it should); when the wait is interrupted, the task is
     * cancelled.
     */
    public static <T> T await(Future<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (InterruptedException e) {
            task.cancel(true);
            throw e;
        }
    }
}
