package org.cradle.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.cradle.casefile.InvalidCaseFileException;
import org.cradle.store.Database;
import org.cradle.store.ImportResult;
import org.cradle.store.Importer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", description = "Validate each case file whole, then store it atomically; re-importing changes nothing.")
final class ImportCommand implements Callable<Integer> {

    @Mixin
    StoreOption store;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "case files (casefile/1)")
    List<Path> files;

    @picocli.CommandLine.Option(names = "--no-rules", description = "store only; do not evaluate the early-warning rules for the children the files touch")
    boolean noRules;

    @picocli.CommandLine.Option(names = "--no-linking", description = "do not match the people the files name against those already stored")
    boolean noLinking;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int status = 0;
        try (Database db = store.open()) {
            var importer = new Importer(db, Clock.systemDefaultZone());
            var engine = noRules ? null : org.cradle.rules.StandardEngine.from(org.cradle.rules.RulePack.defaultFolder());
            var alerts = new org.cradle.store.AlertStore(db, Clock.systemDefaultZone());
            var audit = new org.cradle.audit.AuditLog(db, Clock.systemUTC());
            var arguments = CaseFileArguments.of(files, err);
            boolean stored = false;
            status = arguments.anyMissing() ? 1 : 0;
            for (Path file : arguments.existing()) {
                try {
                    ImportResult r = importer.importFile(file, System.getProperty("user.name", "cli"),
                            written -> {
                                if (written % 100_000 == 0) {
                                    err.println(file + ": " + written + " events written (not yet committed)");
                                }
                            });
                    r.warnings().forEach(w -> err.println(file + ": warning: " + w));
                    if (!r.alreadyStored()) {
                        audit.record(new org.cradle.audit.AuditLog.Entry(System.getProperty("user.name", "cli"), "import case file", null,
                                file.getFileName() + " (import " + r.importId() + "): " + r.eventsAdded() + " events added", "command line", null));
                    }
                    out.println(r.alreadyStored()
                            ? file + ": already stored (import " + r.importId() + "): nothing changed"
                            : file + ": stored (import " + r.importId() + "): " + r.eventsAdded() + " events added, "
                                    + r.eventsKnown() + " already held, " + r.peopleAdded() + " people added");
                    stored |= !r.alreadyStored();
                    if (engine != null && !r.alreadyStored()) {
                        out.println(file + ": " + alerts.refreshImport(r.importId(), engine) + " new alerts");
                    }
                } catch (InvalidCaseFileException e) {
                    e.faults().forEach(f -> err.println(file + ": " + f));
                    err.println(file + ": refused, nothing stored (" + e.faults().size() + " faults)");
                    status = 1;
                }
            }
            if (stored && !noLinking) {
                // The people the files added are matched against those stored: one person in different agencies' and areas' files becomes one identity.
                var run = new org.cradle.linkage.Identities(db, audit, Clock.systemUTC()).matchNew(System.getProperty("user.name", "cli"));
                out.println("people: " + run.records() + " records matched (with " + run.candidates() + " stored records), " + run.linked() + " pairs linked, "
                        + run.queued() + " queued for review (./cradle link queue)");
            }
        }
        return status;
    }
}
