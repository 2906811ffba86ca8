package org.cradle.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", description = "(being built)")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 2;
    }
}
