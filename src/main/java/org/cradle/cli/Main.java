package org.cradle.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code ./cradle COMMAND}. Exit status 0 done, 1 input invalid or refused (nothing stored),
 * 2 a usage error. No stack trace reaches a user: failures are one line on stderr.
 */
@Command(name = "cradle", mixinStandardHelpOptions = true, version = "cradle 0.1",
        description = "Multi-agency child-safeguarding chronology and early warning.",
        subcommands = {DemoCommand.class, ImportCommand.class, TransferCommand.class, ReplayCommand.class, BacktestCommand.class, AuditCommand.class, ExportCommand.class, ValidateCommand.class,
                GenerateCommand.class, BenchCommand.class, LinkCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given output streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        var cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("cradle: " + describe(e));
            return 1;
        });
        return cli.execute(args);
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof RuntimeException && cause.getCause() != null)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
