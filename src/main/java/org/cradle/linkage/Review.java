package org.cradle.linkage;

import java.util.List;
import java.util.Optional;
import org.cradle.access.Actor;
import org.cradle.audit.Audit;
import org.cradle.audit.AuditLog;
import org.cradle.store.RecordAccess;

/**
 * The review of links by practitioners, for the pages, the API and the command line alike: the pairs waiting for a
 * decision, each record of a pair shown as far as the access policy lets the reviewer see it (never a confidential
 * address without the right), and the decisions. Only those who decide links may look or decide; every look and
 * every decision is written to the audit trail with who, from where and for what purpose.
 */
public final class Review {

    /** A pair of records and what is known of the link between them, as the reviewer may see it. */
    public record Pair(Identities.Link link, RecordAccess.PersonView a, RecordAccess.PersonView b, List<Identities.Decision> decisions) {
    }

    /** The most likely pairs waiting, and how many wait in all. */
    public record Queue(int waiting, List<Pair> shown) {
    }

    private final Identities identities;
    private final RecordAccess records;
    private final Audit audit;

    public Review(Identities identities, RecordAccess records, Audit audit) {
        this.identities = identities;
        this.records = records;
        this.audit = audit;
    }

    /** The pairs waiting for a practitioner, most likely first, at most {@code limit} of them. */
    public Queue queue(Actor actor, int limit) {
        records.requireLinker(actor, "read link queue");
        var queue = identities.queue();
        var shown = queue.stream().limit(limit).toList();
        audit.record(new AuditLog.Entry(actor.username(), "read link queue", null,
                queue.size() + " pairs waiting, " + shown.size() + " shown", actor.client(), actor.purpose()));
        return new Queue(queue.size(), shown.stream().map(l -> pair(actor, l)).toList());
    }

    /** One link with its two records and every decision on it; empty when there is no such link. */
    public Optional<Pair> pair(Actor actor, long linkId) {
        records.requireLinker(actor, "read link " + linkId);
        return identities.link(linkId).map(l -> pair(actor, l));
    }

    private Pair pair(Actor actor, Identities.Link link) {
        // Each read of a record through the policy is audited there ("read person").
        return new Pair(link, records.person(actor, link.personA()), records.person(actor, link.personB()), identities.decisions(link.id()));
    }

    /**
     * The links that touch any record of the person's identity (the records linked with theirs), for their overview:
     * empty for those who do not decide links. The caller has read the person through the policy.
     */
    public List<Identities.Link> linksOf(Actor actor, long person) {
        if (!actor.role().decidesLinks()) {
            return List.of();
        }
        var links = new java.util.TreeMap<Long, Identities.Link>();
        for (long record : identities.identity(person)) {
            identities.linksOf(record).forEach(l -> links.put(l.id(), l));
        }
        audit.record(new AuditLog.Entry(actor.username(), "read links", person, links.size() + " links", actor.client(), actor.purpose()));
        return List.copyOf(links.values());
    }

    /** Confirms, rejects or undoes a link ({@code decision}: confirm, reject, undo), for the reason given. */
    public Identities.Link decide(Actor actor, long linkId, String decision, String reason) {
        records.requireLinker(actor, decision + " link " + linkId);
        return identities.decide(linkId, decision, actor, reason);
    }
}
