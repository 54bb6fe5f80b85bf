package dev.hexsnap.core.upstream.contract;

import dev.hexsnap.core.cli.UsageException;

/**
 * A contract hexsnap cannot use, refused when it is read: the message is one line naming the
 * file, the line and the field, for a command line to print before it exits with code 2.
 */
public final class ContractException extends UsageException {

    private final String source;
    private final int line;
    private final String field;

    ContractException(String source, int line, String field, String problem) {
        super("contract " + source + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    /** The file or resource the contract was read from. */
    public String source() {
        return source;
    }

    /** 1-based line of the field at fault; 0 when the whole file is. */
    public int line() {
        return line;
    }

    /** Dotted name of the field at fault ({@code pages.home.request.url}); empty when the whole file is. */
    public String field() {
        return field;
    }
}
