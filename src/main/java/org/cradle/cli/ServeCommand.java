package org.cradle.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "serve", description = "(being built)")
final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 2;
    }
}
