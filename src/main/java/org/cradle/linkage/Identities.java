package org.cradle.linkage;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.cradle.audit.AuditLog;
import org.cradle.casefile.Json;
import org.cradle.store.Database;
import org.cradle.store.IdLists;
import org.cradle.access.Actor;
import org.jdbi.v3.core.Handle;

/**
 * Who is who in a store: matches every agency's person records, links those surely one person, queues those
 * possibly one person for a practitioner, and keeps each record's identity (the records linked together). The
 * records themselves are never changed. A practitioner confirms or rejects a queued pair, and can undo any link;
 * every decision is kept (who, when, why) and written to the audit trail.
 *
 * <p>Three bands, by the model's probability that the two records are one person: {@link #LINK} or more, linked
 * automatically; from {@link #REVIEW}, queued; below, not linked. A pair once decided is never decided again by a
 * later run: a rejected or undone pair stays apart.
 */
public final class Identities {

    public static final double LINK = 0.99;
    public static final double REVIEW = 0.5;

    /**
     * A stored link between two person records.
     *
     * @param evidence  the evidence, as lines of text
     * @param explained the evidence as data, field by field (null for a link on the same agency's id, and for links
     *                  found before it was kept)
     */
    public record Link(long id, long personA, long personB, String nameA, String nameB, double weight, double probability,
                       String evidence, Evidence explained, String status) {

        /** Whether the link joins the two records now (found surely, or confirmed by a practitioner). */
        public boolean inForce() {
            return status.equals("linked") || status.equals("confirmed");
        }
    }

    /**
     * What a run found: pairs newly linked and newly queued.
     *
     * @param records    the records matched (every record in a full run; the new ones in an incremental one)
     * @param candidates the stored records they were compared with (in a full run, all of them)
     */
    public record Run(int records, int candidates, int linked, int queued) {
    }

    /** One decision on a link. */
    public record Decision(long linkId, OffsetDateTime at, String by, String decision, String reason) {
    }

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    public Identities(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** Matches all person records in the store and stores the links found ({@code ./cradle link run}). */
    public synchronized Run run(String actor) {
        var people = new ArrayList<Long>();
        var records = new Records();
        var sameId = new HashMap<String, Long>();
        var sameIdPairs = new ArrayList<long[]>();
        var unindexed = new ArrayList<Long>();
        var unindexedRecords = new Records();
        database.jdbi().useHandle(h -> {
            var indexed = new HashSet<Long>(h.createQuery("SELECT person_id FROM person_match_key WHERE kind = 0").mapTo(Long.class).list());
            h.createQuery("SELECT id, area_code, local_id, import_id, document FROM person ORDER BY id")
                    .map((rs, ctx) -> {
                        long id = rs.getLong(1);
                        String key = rs.getString(2) + "\u001f" + rs.getString(3);
                        Long earlier = sameId.putIfAbsent(key, id);
                        if (earlier != null) {
                            sameIdPairs.add(new long[] {earlier, id});
                        }
                        people.add(id);
                        var row = row(id, rs.getString(2), rs.getLong(4), Json.read(rs.getString(5)));
                        records.add(row);
                        if (!indexed.contains(id)) {
                            unindexed.add(id);
                            unindexedRecords.add(row);
                        }
                        return id;
                    }).forEach(id -> { });
        });
        var linker = new Linker(records, Linker.Settings.defaults(true));
        Links found = records.size() < 2 ? new Links() : linker.run(null);
        int[] counts = new int[2];
        database.jdbi().useTransaction(h -> {
            Set<Long> known = knownPairs(h);
            for (long[] pair : sameIdPairs) {
                sameIdLink(h, known, pair[0], pair[1], actor, counts);
            }
            storeFound(h, known, people, records, linker, found, i -> true, actor, counts);
            rebuildAll(h);
            index(h, unindexed, unindexedRecords);
        });
        audit.record(new AuditLog.Entry(actor, "link people", null,
                records.size() + " records matched: " + counts[0] + " pairs linked, " + counts[1] + " queued for review", null, null));
        return new Run(records.size(), records.size(), counts[0], counts[1]);
    }

    /**
     * Matches the records not matched before (those an import has just stored) against the store: each new record's
     * keys are looked up in the store's index of match keys, and only the records found there are read and compared
     * with it. How common each name is comes from the whole store's counts, so a pair scores as it would in a full
     * run over the same store.
     *
     * <p>A store of {@link Linker#LEARN_FROM} records or more is matched in full instead: there the model is learned
     * from the whole store's records, which a few new records and their candidates cannot stand in for.
     */
    public synchronized Run matchNew(String actor) {
        long stored = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM person").mapTo(Long.class).one());
        if (stored >= Linker.LEARN_FROM) {
            return run(actor);
        }
        int[] counts = new int[2];
        int[] compared = new int[2];
        database.jdbi().useTransaction(h -> {
            List<Long> fresh = h.createQuery("""
                    SELECT id FROM person p WHERE NOT EXISTS (SELECT 1 FROM person_match_key k WHERE k.person_id = p.id AND k.kind = 0)
                    ORDER BY id""").mapTo(Long.class).list();
            if (fresh.isEmpty()) {
                return;
            }
            var freshRecords = new Records();
            read(h, fresh).forEach(r -> freshRecords.add(r.row()));
            var lookup = new HashSet<Long>();
            MatchKeys.of(freshRecords).forEach(keys -> keys.stream().filter(k -> k.kind() == MatchKeys.BLOCK).forEach(k -> lookup.add(k.value())));
            var ids = new TreeSet<Long>(fresh);
            ids.addAll(IdLists.query(h, "SELECT DISTINCT person_id FROM person_match_key WHERE match_key IN (<ids>) AND kind = 3", lookup));
            var people = new ArrayList<Long>();
            var records = new Records();
            for (var r : read(h, ids)) {
                people.add(r.id());
                records.add(r.row());
            }
            storeWideCounts(h, records.givenNames, MatchKeys.GIVEN_NAME, "given", freshRecords.givenNames);
            storeWideCounts(h, records.familyNames, MatchKeys.FAMILY_NAME, "family", freshRecords.familyNames);
            var linker = new Linker(records, Linker.Settings.defaults(true));
            Links found = records.size() < 2 ? new Links() : linker.run(null);
            var sameIdPairs = new ArrayList<long[]>();
            for (long id : fresh) {
                // The same agency's id for a person, stored earlier: paired with the earliest such record, as the full run pairs them.
                h.createQuery("""
                                SELECT MIN(o.id) FROM person o JOIN person n ON o.area_code = n.area_code AND o.local_id = n.local_id
                                WHERE n.id = :id AND o.id < :id""").bind("id", id).mapTo(Long.class).findFirst()
                        .filter(java.util.Objects::nonNull).ifPresent(earlier -> sameIdPairs.add(new long[] {earlier, id}));
            }
            var pairs = new TreeSet<Long>(ids);
            sameIdPairs.forEach(pair -> pairs.add(pair[0]));
            Set<Long> known = knownPairs(h, pairs);
            var isFresh = new HashSet<Long>(fresh);
            var touched = new TreeSet<Long>();
            for (long[] pair : sameIdPairs) {
                if (sameIdLink(h, known, pair[0], pair[1], actor, counts)) {
                    touched.add(pair[0]);
                    touched.add(pair[1]);
                }
            }
            storeFound(h, known, people, records, linker, found, i -> {
                boolean mine = isFresh.contains(people.get(found.a(i))) || isFresh.contains(people.get(found.b(i)));
                if (mine) {
                    touched.add(people.get(found.a(i)));
                    touched.add(people.get(found.b(i)));
                }
                return mine;
            }, actor, counts);
            rebuild(h, List.copyOf(touched));
            index(h, fresh, freshRecords);
            compared[0] = fresh.size();
            compared[1] = ids.size() - fresh.size();
        });
        if (compared[0] > 0) {
            audit.record(new AuditLog.Entry(actor, "link people", null, compared[0] + " new records matched against " + compared[1]
                    + " stored records found by their keys: " + counts[0] + " pairs linked, " + counts[1] + " queued for review", null, null));
        }
        return new Run(compared[0], compared[1], counts[0], counts[1]);
    }

    /** A person record read for matching. */
    private record Stored(long id, Records.Row row) {
    }

    private static List<Stored> read(Handle h, java.util.Collection<Long> ids) {
        var rows = IdLists.chunked(h, "SELECT id, area_code, import_id, document FROM person WHERE id IN (<ids>)", ids,
                (rs, ctx) -> new Stored(rs.getLong(1), row(rs.getLong(1), rs.getString(2), rs.getLong(3), Json.read(rs.getString(4)))));
        rows.sort(java.util.Comparator.comparingLong(Stored::id));
        return rows;
    }

    /**
     * Gives each name in {@code names} the number of records in the whole store holding it: those indexed (counted
     * from the index) and the new ones not yet indexed ({@code fresh}).
     */
    private static void storeWideCounts(Handle h, Values names, int kind, String what, Values fresh) {
        var byHash = new HashMap<Long, Integer>();
        for (int n = 0; n < names.size(); n++) {
            byHash.put(MatchKeys.hash(what, names.value(n)), n);
        }
        int[] count = new int[names.size()];
        for (int n = 0; n < fresh.size(); n++) {
            Integer at = byHash.get(MatchKeys.hash(what, fresh.value(n)));
            if (at != null) {
                count[at] += fresh.count(n);
            }
        }
        IdLists.chunked(h, "SELECT match_key, COUNT(*) FROM person_match_key WHERE kind = :kind AND match_key IN (<ids>) GROUP BY match_key",
                byHash.keySet(), (rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}, q -> q.bind("kind", kind))
                .forEach(c -> count[byHash.get(c[0])] += (int) c[1]);
        long all = h.createQuery("SELECT COUNT(*) FROM person_match_key WHERE kind = :kind").bind("kind", kind).mapTo(Long.class).one();
        for (int n = 0; n < fresh.size(); n++) {
            all += fresh.count(n);
        }
        for (int n = 0; n < names.size(); n++) {
            names.recount(n, count[n], all);
        }
    }

    /** Writes the match keys of records now matched, so that later imports find them. */
    private static void index(Handle h, List<Long> people, Records records) {
        if (people.isEmpty()) {
            return;
        }
        var batch = h.prepareBatch("INSERT INTO person_match_key (person_id, kind, match_key) VALUES (:p, :k, :v)");
        var keys = MatchKeys.of(records);
        for (int i = 0; i < people.size(); i++) {
            for (var key : keys.get(i)) {
                batch.bind("p", people.get(i)).bind("k", key.kind()).bind("v", key.value()).add();
            }
        }
        batch.execute();
    }

    private boolean sameIdLink(Handle h, Set<Long> known, long earlier, long later, String actor, int[] counts) {
        // The same agency's id for a person, described differently in a later file: the same person.
        if (store(h, known, earlier, later, 99, 1, "the same id in the same area's records", null, "linked", actor)) {
            counts[0]++;
            return true;
        }
        return false;
    }

    /** Stores the pairs found (those {@code wanted} of them) in the review band or above: linked or queued. */
    private void storeFound(Handle h, Set<Long> known, List<Long> people, Records records, Linker linker, Links found,
                            java.util.function.IntPredicate wanted, String actor, int[] counts) {
        for (int i = 0; i < found.size(); i++) {
            double p = Model.probability(found.weight(i));
            if (p < REVIEW || !wanted.test(i)) {
                continue;
            }
            long a = people.get(found.a(i));
            long b = people.get(found.b(i));
            // The evidence names no value (an address may be confidential): the records are shown through the access policy.
            var evidence = linker.explain(found.a(i), found.b(i));
            String status = p >= LINK ? "linked" : "queued";
            if (store(h, known, a, b, found.weight(i), p, evidence.describe(), Json.write(evidence), status, actor)) {
                counts[status.equals("linked") ? 0 : 1]++;
            }
        }
    }

    private boolean store(Handle h, Set<Long> known, long x, long y, double weight, double probability, String evidence, String fields,
                          String status, String actor) {
        long a = Math.min(x, y);
        long b = Math.max(x, y);
        if (!known.add(a * 31 + b * 1_000_003L) && exists(h, a, b)) {
            return false;
        }
        var at = now();
        long id = h.createUpdate("""
                        INSERT INTO person_link (person_a, person_b, weight, probability, evidence, evidence_fields, status, found_at)
                        VALUES (:a, :b, :w, :p, :e, :f, :s, :at)""")
                .bind("a", a).bind("b", b).bind("w", weight).bind("p", probability).bind("e", truncate(evidence, 4000))
                .bind("f", fields != null && fields.length() <= 4000 ? fields : null)
                .bind("s", status).bind("at", at).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        decide(h, id, at, actor, status, String.format("match weight %+.1f, probability %.4f", weight, probability));
        return true;
    }

    private static boolean exists(Handle h, long a, long b) {
        return h.createQuery("SELECT COUNT(*) FROM person_link WHERE person_a = :a AND person_b = :b").bind("a", a).bind("b", b)
                .mapTo(Long.class).one() > 0;
    }

    /** The pairs already stored among these records (an incremental run touches no others). */
    private static Set<Long> knownPairs(Handle h, java.util.Collection<Long> people) {
        var known = new HashSet<Long>();
        IdLists.chunked(h, "SELECT person_a, person_b FROM person_link WHERE person_a IN (<ids>)", people,
                (rs, ctx) -> rs.getLong(1) * 31 + rs.getLong(2) * 1_000_003L).forEach(known::add);
        return known;
    }

    private static Set<Long> knownPairs(Handle h) {
        var known = new HashSet<Long>();
        h.createQuery("SELECT person_a, person_b FROM person_link").map((rs, ctx) -> rs.getLong(1) * 31 + rs.getLong(2) * 1_000_003L)
                .forEach(known::add);
        return known;
    }

    /** The pairs waiting for a practitioner, most likely first. */
    public List<Link> queue() {
        return links("WHERE l.status = 'queued' ORDER BY l.probability DESC, l.id", Map.of());
    }

    public Optional<Link> link(long id) {
        return links("WHERE l.id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** The links that touch a person record, any status. */
    public List<Link> linksOf(long personId) {
        return links("WHERE l.person_a = :p OR l.person_b = :p ORDER BY l.id", Map.of("p", personId));
    }

    private List<Link> links(String where, Map<String, Object> binds) {
        return database.jdbi().withHandle(h -> {
            var q = h.createQuery("""
                    SELECT l.id, l.person_a, l.person_b, pa.display_name, pb.display_name, l.weight, l.probability, l.evidence, l.status,
                           l.evidence_fields
                    FROM person_link l JOIN person pa ON pa.id = l.person_a JOIN person pb ON pb.id = l.person_b
                    """ + where);
            binds.forEach(q::bind);
            return q.map((rs, ctx) -> new Link(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                    rs.getDouble(6), rs.getDouble(7), rs.getString(8), explained(rs.getString(10)), rs.getString(9))).list();
        });
    }

    private static Evidence explained(String json) {
        try {
            return json == null ? null : Json.MAPPER.readValue(json, Evidence.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a link's stored evidence cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** A practitioner says a queued pair is one person. */
    public Link confirm(long linkId, Actor actor, String reason) {
        return change(linkId, Set.of("queued"), "confirmed", actor, reason);
    }

    /** A practitioner says a queued pair is two people. */
    public Link reject(long linkId, Actor actor, String reason) {
        return change(linkId, Set.of("queued"), "rejected", actor, reason);
    }

    /** Undoes a link in force (automatic or confirmed): the two records are separate identities again. */
    public Link undo(long linkId, Actor actor, String reason) {
        return change(linkId, Set.of("linked", "confirmed"), "undone", actor, reason);
    }

    /** The decision a practitioner may take on a link, by its word in the API and on the page. */
    public Link decide(long linkId, String decision, Actor actor, String reason) {
        return switch (decision) {
            case "confirm" -> confirm(linkId, actor, reason);
            case "reject" -> reject(linkId, actor, reason);
            case "undo" -> undo(linkId, actor, reason);
            default -> throw new IllegalArgumentException("decision: one of confirm, reject, undo");
        };
    }

    private synchronized Link change(long linkId, Set<String> from, String to, Actor actor, String reason) {
        if (!actor.role().decidesLinks()) {
            throw new IllegalStateException("a " + actor.role().code().replace('-', ' ') + " does not decide whether records are one person");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is needed to " + verb(to) + " a link");
        }
        Link link = link(linkId).orElseThrow(() -> new IllegalArgumentException("no link " + linkId));
        if (!from.contains(link.status())) {
            throw new IllegalArgumentException("link " + linkId + " is " + link.status() + "; only a " + String.join(" or ", new TreeSet<>(from))
                    + " link can be " + to);
        }
        database.jdbi().useTransaction(h -> {
            h.createUpdate("UPDATE person_link SET status = :s WHERE id = :id").bind("s", to).bind("id", linkId).execute();
            decide(h, linkId, now(), actor.username(), to, reason);
            rebuild(h, List.of(link.personA(), link.personB()));
        });
        for (long person : new long[] {link.personA(), link.personB()}) {
            audit.record(new AuditLog.Entry(actor.username(), "link " + to, person, "link " + linkId + " between person " + link.personA()
                    + " and person " + link.personB() + ": " + reason, actor.client(), actor.purpose() == null ? reason : actor.purpose()));
        }
        return link(linkId).orElseThrow();
    }

    private static String verb(String status) {
        return switch (status) {
            case "confirmed" -> "confirm";
            case "rejected" -> "reject";
            default -> "undo";
        };
    }

    private static void decide(Handle h, long linkId, OffsetDateTime at, String actor, String decision, String reason) {
        h.createUpdate("INSERT INTO link_decision (link_id, at, by_user, decision, reason) VALUES (:l, :at, :by, :d, :r)")
                .bind("l", linkId).bind("at", at).bind("by", actor).bind("d", decision).bind("r", truncate(reason, 2000)).execute();
    }

    /** Every decision on a link, oldest first. */
    public List<Decision> decisions(long linkId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT link_id, at, by_user, decision, reason FROM link_decision WHERE link_id = :l ORDER BY id")
                .bind("l", linkId).map((rs, ctx) -> new Decision(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getString(5))).list());
    }

    /** The person records that are one person with this one (itself included), smallest id first. */
    public List<Long> identity(long personId) {
        return database.jdbi().withHandle(h -> {
            Long identity = h.createQuery("SELECT identity_id FROM person_identity WHERE person_id = :p").bind("p", personId)
                    .mapTo(Long.class).findFirst().orElse(null);
            if (identity == null) {
                return List.of(personId);
            }
            return h.createQuery("SELECT person_id FROM person_identity WHERE identity_id = :i ORDER BY person_id").bind("i", identity)
                    .mapTo(Long.class).list();
        });
    }

    /** Recomputes the identities of these records and of every record joined to them, before or now. */
    private static void rebuild(Handle h, List<Long> touched) {
        var affected = new TreeSet<Long>(touched);
        for (long p : touched) {
            h.createQuery("SELECT person_id FROM person_identity WHERE identity_id = (SELECT identity_id FROM person_identity WHERE person_id = :p)")
                    .bind("p", p).mapTo(Long.class).forEach(affected::add);
        }
        var assigned = new HashSet<Long>();
        for (long p : affected) {
            if (!assigned.contains(p)) {
                var part = connected(h, p);
                assigned.addAll(part);
                store(h, part);
            }
        }
    }

    /** Recomputes every identity from the links in force, in memory (one pass over the links). */
    private static void rebuildAll(Handle h) {
        var parent = new HashMap<Long, Long>();
        h.createQuery("SELECT person_a, person_b FROM person_link WHERE status IN ('linked', 'confirmed')")
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .forEach(pair -> {
                    long a = root(parent, pair[0]);
                    long b = root(parent, pair[1]);
                    if (a != b) {
                        parent.put(Math.max(a, b), Math.min(a, b));
                    }
                });
        h.execute("DELETE FROM person_identity");
        var batch = h.prepareBatch("INSERT INTO person_identity (person_id, identity_id) VALUES (:p, :i)");
        for (long p : parent.keySet()) {
            batch.bind("p", p).bind("i", root(parent, p)).add();
        }
        if (!parent.isEmpty()) {
            batch.execute();
        }
    }

    private static long root(Map<Long, Long> parent, long p) {
        parent.putIfAbsent(p, p);
        long r = p;
        while (parent.get(r) != r) {
            r = parent.get(r);
        }
        parent.put(p, r);
        return r;
    }

    private static void store(Handle h, TreeSet<Long> part) {
        for (long member : part) {
            h.createUpdate("DELETE FROM person_identity WHERE person_id = :p").bind("p", member).execute();
        }
        if (part.size() > 1) {
            for (long member : part) {
                h.createUpdate("INSERT INTO person_identity (person_id, identity_id) VALUES (:p, :i)").bind("p", member)
                        .bind("i", part.first()).execute();
            }
        }
    }

    private static TreeSet<Long> connected(Handle h, long start) {
        var part = new TreeSet<Long>();
        var todo = new ArrayDeque<Long>();
        todo.add(start);
        while (!todo.isEmpty()) {
            long p = todo.poll();
            if (part.add(p)) {
                h.createQuery("SELECT person_b FROM person_link WHERE person_a = :p AND status IN ('linked', 'confirmed')"
                                + " UNION ALL SELECT person_a FROM person_link WHERE person_b = :p AND status IN ('linked', 'confirmed')")
                        .bind("p", p).mapTo(Long.class).forEach(todo::add);
            }
        }
        return part;
    }

    /** A stored person (its case-file JSON) as a row to match; the file it came in is its source. */
    static Records.Row row(long id, String area, long importId, JsonNode person) {
        JsonNode names = person.path("names");
        String given = names.path(0).path("given").asText(null);
        String family = names.path(0).path("family").asText(null);
        String previous = null;
        for (int i = 1; i < names.size() && previous == null; i++) {
            String other = names.path(i).path("family").asText(null);
            if (other != null && !other.equalsIgnoreCase(family)) {
                previous = other;
            }
        }
        String nhs = null;
        for (JsonNode identifier : person.path("identifiers")) {
            if ("nhs-number".equals(identifier.path("system").asText())) {
                nhs = identifier.path("value").asText(null);
            }
        }
        JsonNode addresses = person.path("addresses");
        JsonNode address = addresses.path(addresses.size() - 1);
        String sex = person.path("sex").asText("");
        char s = sex.equals("female") ? 'F' : sex.equals("male") ? 'M' : 0;
        return new Records.Row(Long.toString(id), Long.toString(importId), given, family, previous, birth(person.path("birth").asText(null)), s,
                nhs, address.path("postcode").asText(null), address.path("line").asText(null), null, area);
    }

    /** "2018-03-14" as 20180314, "2018-03" as 20180300, anything else unknown. */
    static int birth(String text) {
        if (text == null || text.length() < 7) {
            return 0;
        }
        try {
            int year = Integer.parseInt(text.substring(0, 4));
            int month = Integer.parseInt(text.substring(5, 7));
            int day = text.length() >= 10 ? Integer.parseInt(text.substring(8, 10)) : 0;
            return year * 10000 + month * 100 + day;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
