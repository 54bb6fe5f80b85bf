package dev.hexsnap.worker.upstream;

/**
 * An answer that parses but shows nothing although it should (serviceable location without
 * stores, open store without categories, products page without products): the symptom of a
 * failing upstream, which must never overwrite good data with blanks.
 */
class EmptyPageException extends RuntimeException {

    EmptyPageException(String message) {
        super(message, null, false, false);
    }
}
