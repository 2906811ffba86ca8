package org.cradle.casefile;

import java.util.List;
import java.util.stream.Collectors;

/** A case file was refused whole; nothing of it was stored. Each fault names its place. */
public class InvalidCaseFileException extends Exception {

    private final String file;
    private final transient List<Fault> faults;

    public InvalidCaseFileException(String file, List<Fault> faults) {
        super(faults.stream().map(f -> file + ": " + f).collect(Collectors.joining("\n")));
        this.file = file;
        this.faults = List.copyOf(faults);
    }

    public String file() {
        return file;
    }

    public List<Fault> faults() {
        return faults;
    }
}
