package org.cradle.plan;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.cradle.store.Database;

/** An inbox: messages to one user, or to everyone of an agency (when a workflow knows the agency but not the person). */
public final class Notifications {

    public record Notification(long id, String recipientUser, Long recipientAgency, Long child, String subject, String body,
                               OffsetDateTime createdAt, boolean read) {
    }

    private final Database database;
    private final Clock clock;

    public Notifications(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void toUser(String username, Long child, String subject, String body) {
        insert(username, null, child, subject, body);
    }

    public void toAgency(long agency, Long child, String subject, String body) {
        insert(null, agency, child, subject, body);
    }

    private void insert(String user, Long agency, Long child, String subject, String body) {
        database.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO notification (recipient_user, recipient_agency, child_person, subject, body, created_at)
                        VALUES (:user, :agency, :child, :subject, :body, :at)""")
                .bind("user", user).bind("agency", agency).bind("child", child).bind("subject", subject).bind("body", body)
                .bind("at", OffsetDateTime.now(clock)).execute());
    }

    /** What a user was sent, and what was sent to their agency; newest first. */
    public List<Notification> inbox(String username, Long agency) {
        return database.jdbi().withHandle(h -> h.createQuery("""
                        SELECT * FROM notification WHERE recipient_user = :user OR recipient_agency = :agency ORDER BY id DESC LIMIT 200""")
                .bind("user", username).bind("agency", agency)
                .map((rs, ctx) -> new Notification(rs.getLong("id"), rs.getString("recipient_user"), (Long) rs.getObject("recipient_agency", Long.class),
                        rs.getObject("child_person", Long.class), rs.getString("subject"), rs.getString("body"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("read_at") != null))
                .list());
    }
}
