package io.smolsnake.cli;

import java.io.PrintWriter;

/** One {@code smolsnake} command, built from its parsed arguments, run once. */
interface Command {
    /** Runs the command: results to {@code out}, progress and errors to {@code err}; returns the exit code. */
    int call(PrintWriter out, PrintWriter err) throws Exception;
}
