package org.cradle.plan;

import java.nio.file.Path;
import org.cradle.casefile.Seeds;
import org.cradle.escalation.StageLimits;
import org.cradle.rules.StandardEngine;
import org.cradle.store.Database;
import org.cradle.store.Importer;
import org.cradle.workflow.Workflows;

/** A store holding the Family T seed case, its workflows on a movable clock, and the people and agencies of the case by their ids in the file. */
public final class Fixture {

    public final Database db;
    public final MovableClock clock;
    public final Workflows workflows;

    public Fixture(Database db, MovableClock clock) throws Exception {
        this.db = db;
        this.clock = clock;
        new Importer(db, clock).importFile(Seeds.file("family-t"), "test");
        this.workflows = new Workflows(db, StandardEngine.from(Path.of("rules")), StageLimits.standard(), clock);
    }

    public long person(String localId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = :id AND area_code = 'E10000002'")
                .bind("id", localId).mapTo(Long.class).one());
    }

    public long agency(String localId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM agency WHERE local_id = :id AND area_code = 'E10000002'")
                .bind("id", localId).mapTo(Long.class).one());
    }

    public Actor actor(String username, String role, String agency) {
        return new Actor(username, username, role, agency(agency));
    }

    public String typeOf(long event) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT type FROM event WHERE id = :id").bind("id", event).mapTo(String.class).one());
    }
}
