package org.cradle.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", description = "(being built)")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 2;
    }
}
