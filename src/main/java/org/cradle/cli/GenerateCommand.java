package org.cradle.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "generate", description = "(being built)")
final class GenerateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 2;
    }
}
