package dev.hexsnap.core.cli;

import java.io.PrintStream;

/**
 * Runs a program's {@code main} the hexsnap way: help on {@code --help}, a one-line reason
 * and exit status 2 for bad usage, a one-line reason and status 1 when the run fails, and
 * never a stack trace on the console for either (the log keeps the details).
 */
public final class CommandLineProgram {

    /** Exit status of a successful run. */
    public static final int OK = 0;
    /** Exit status of a run that started and failed. */
    public static final int FAILED = 1;
    /** Exit status of a bad command line or input. */
    public static final int USAGE = 2;

    /** What a program does with its parsed arguments; returns the exit status. */
    @FunctionalInterface
    public interface Body {
        int run(Arguments arguments) throws Exception;
    }

    private CommandLineProgram() {
    }

    /** Parses, runs and returns the exit status; prints to the given streams. */
    public static int execute(Command command, String[] args, Body body, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = command.parse(args);
        } catch (UsageException e) {
            err.println(command.name() + ": " + e.getMessage());
            err.println("Try '" + command.name() + " --help'.");
            return USAGE;
        }
        if (arguments.helpRequested()) {
            arguments.command().printHelp(out);
            return OK;
        }
        try {
            return body.run(arguments);
        } catch (UsageException e) {
            err.println(arguments.command().name() + ": " + e.getMessage());
            return USAGE;
        } catch (Exception e) {
            // Bad input found while the program starts (a contract refused by a bean) is still bad input.
            UsageException usage = usageCause(e);
            if (usage != null) {
                err.println(arguments.command().name() + ": " + usage.getMessage());
                return USAGE;
            }
            err.println(arguments.command().name() + ": failed: " + reason(e));
            return FAILED;
        }
    }

    private static UsageException usageCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UsageException usage) {
                return usage;
            }
        }
        return null;
    }

    /** The most telling message of an exception chain, on one line. */
    public static String reason(Throwable e) {
        Throwable deepest = e;
        String message = e.getMessage();
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
            if (deepest.getMessage() != null) {
                message = deepest.getMessage();
            }
        }
        if (message == null) {
            message = deepest.getClass().getSimpleName();
        }
        return message.replaceAll("\\s+", " ").trim();
    }
}
