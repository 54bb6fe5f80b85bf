package dev.hexsnap.core.cli;

/**
 * The command line (or an input it names) is wrong: the program prints the message on one
 * line, points at {@code --help}, and exits with status 2.
 */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
