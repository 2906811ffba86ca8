package org.cradle.synthetic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cradle.casefile.CaseFile;
import org.cradle.casefile.CaseFileReader;
import org.cradle.casefile.CaseFileWriter;
import org.cradle.casefile.Json;
import org.cradle.casefile.Section;
import org.cradle.chronology.Event;
import org.cradle.people.Person;
import org.cradle.people.Relationship;

/**
 * Writes a synthetic multi-agency history as a case file: families over years, with the event mix agencies record
 * (appointments kept and missed, domestic abuse call-outs, referrals, assessments, conferences, plans, sharing),
 * some recorded late, some only to the month, with x_ extensions and free details to prove nothing is lost.
 * The same seed gives the same file; the file is streamed, so any size is written in little memory.
 */
public final class SyntheticHistory {

    /**
     * @param families        how many families (each a mother, usually a father or partner, 1-3 children, a grandmother)
     * @param eventsPerFamily about how many events each family's agencies record
     * @param seed            the same seed gives the same history
     */
    public record Plan(int families, int eventsPerFamily, long seed) {
    }

    private static final String[][] AREAS = {
            {"E08000007", "Stockport"}, {"E10000002", "Buckinghamshire"}, {"E10000031", "Warwickshire"}, {"E08000003", "Manchester"}};
    private static final String[][] AGENCIES = {
            {"csc", "Children's Social Care", "childrens-social-care"}, {"police", "Police", "police"},
            {"midwifery", "Midwifery", "midwifery"}, {"hv", "Health Visiting", "health-visiting"}, {"gp", "GP practice", "gp"},
            {"ed", "Emergency Department", "emergency-department"}, {"asc", "Adult Social Care", "adult-social-care"},
            {"school", "Primary school", "school"}, {"probation", "Probation", "probation"}, {"camhs", "CAMHS", "camhs"}};
    private static final String[] GIVEN_F = {"Amelia", "Olivia", "Isla", "Ava", "Mia", "Chloé", "Siobhán", "Zofia", "Aisha", "Jade"};
    private static final String[] GIVEN_M = {"Oliver", "Jack", "Harry", "Kai", "Liam", "Mohammed", "Dylan", "Tomasz", "Connor", "Rhys"};
    private static final String[] FAMILY = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "O'Brien", "Nowak", "Khan", "Evans"};

    /** Histories end before this day so that no generated date is ever in the future. */
    public static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);

    private final Plan plan;

    public SyntheticHistory(Plan plan) {
        this.plan = plan;
    }

    public void write(Writer out) throws IOException {
        try (var file = new CaseFileWriter(out, header())) {
            for (ObjectNode a : agencies()) {
                file.write(Section.AGENCIES, Json.write(a));
            }
            for (int f = 0; f < plan.families(); f++) {
                for (ObjectNode p : family(f).people) {
                    file.write(Section.PEOPLE, Json.write(p));
                }
            }
            for (int f = 0; f < plan.families(); f++) {
                for (ObjectNode r : family(f).relationships) {
                    file.write(Section.RELATIONSHIPS, Json.write(r));
                }
            }
            for (int f = 0; f < plan.families(); f++) {
                Family family = family(f);
                for (ObjectNode e : family.events(plan.eventsPerFamily())) {
                    file.write(Section.EVENTS, Json.write(e));
                }
            }
        }
    }

    /**
     * Families {@code from} (inclusive) to {@code to} (exclusive) of the same history, held in memory without being
     * written or read as text: for benchmarks that time what comes after reading, over more events than one file
     * held whole would fit in memory. Families are independent, so the parts together are the whole history.
     */
    public CaseFile part(int from, int to) {
        ObjectNode header = header();
        String area = header.path("area").path("code").asText();
        var people = new ArrayList<Person>();
        var relationships = new ArrayList<Relationship>();
        var events = new ArrayList<Event>();
        for (int f = from; f < to; f++) {
            Family family = family(f);
            family.people.forEach(p -> people.add(CaseFileReader.person(p)));
            family.relationships.forEach(r -> relationships.add(CaseFileReader.relationship(r)));
            family.events(plan.eventsPerFamily()).forEach(e -> events.add(CaseFileReader.event(e)));
        }
        return new CaseFile(header, agencies().stream().map(a -> CaseFileReader.agency(a, area)).toList(), people, relationships, events);
    }

    private ObjectNode header() {
        ObjectNode header = Json.MAPPER.createObjectNode();
        header.put("format", "casefile/1");
        header.putObject("area").put("code", AREAS[0][0]).put("name", AREAS[0][1]);
        header.putObject("x_generator").put("families", plan.families()).put("events_per_family", plan.eventsPerFamily()).put("seed", plan.seed());
        return header;
    }

    private static List<ObjectNode> agencies() {
        var out = new ArrayList<ObjectNode>();
        for (String[] area : AREAS) {
            for (String[] a : AGENCIES) {
                out.add(Json.MAPPER.createObjectNode().put("id", area[0] + "-" + a[0])
                        .put("name", area[1] + " " + a[1]).put("kind", a[2]).put("area", area[0]));
            }
        }
        return out;
    }

    private Family family(int index) {
        return new Family("s" + plan.seed() + "f" + index, new SplittableRandom(plan.seed() * 1_000_003L + index));
    }

    /** One family, rebuilt identically from its index and the seed whenever it is needed (nothing is held). */
    private static final class Family {
        /** Prefix of every id of this family: includes the seed, so files made with different seeds can share a store. */
        final String prefix;
        final SplittableRandom random;
        final String area;
        final List<ObjectNode> people = new ArrayList<>();
        final List<ObjectNode> relationships = new ArrayList<>();
        final List<String> children = new ArrayList<>();
        final List<String> adults = new ArrayList<>();
        final LocalDate start;

        Family(String prefix, SplittableRandom random) {
            this.prefix = prefix;
            this.random = random;
            this.area = AREAS[random.nextInt(AREAS.length)][0];
            this.start = LocalDate.of(2010, 1, 1).plusDays(random.nextInt(365 * 8));
            String surname = pick(FAMILY);
            String mother = person("mother", "adult", pick(GIVEN_F), surname, start.minusYears(18 + random.nextInt(15)), "female", "Mother");
            adults.add(mother);
            String father = null;
            if (random.nextInt(10) < 8) {
                father = person("father", "adult", pick(GIVEN_M), random.nextBoolean() ? surname : pick(FAMILY),
                        start.minusYears(19 + random.nextInt(18)), "male", "Father");
                adults.add(father);
                relationship(father, mother, random.nextInt(4) == 0 ? "ex-partner" : "partner", "mother's partner", start.minusYears(1));
            }
            String gran = person("mgm", "adult", pick(GIVEN_F), surname, start.minusYears(45 + random.nextInt(15)), "female", "Maternal grandmother");
            adults.add(gran);
            relationship(gran, mother, "parent", "mother", null);
            int count = 1 + random.nextInt(3);
            for (int c = 0; c < count; c++) {
                LocalDate born = start.plusDays(random.nextInt(365 * 4));
                String child = person("child" + (c + 1), "child", pick(random.nextBoolean() ? GIVEN_F : GIVEN_M), surname, born,
                        random.nextBoolean() ? "female" : "male", "Child " + (c + 1));
                children.add(child);
                relationship(mother, child, "parent", "mother", born);
                if (father != null) {
                    relationship(father, child, "parent", "father", born);
                }
                relationship(gran, child, "grandparent", "maternal grandmother", born);
            }
        }

        private String person(String role, String kind, String given, String family, LocalDate birth, String sex, String label) {
            String id = prefix + "-" + role;
            ObjectNode p = Json.MAPPER.createObjectNode().put("id", id).put("kind", kind);
            ArrayNode names = p.putArray("names");
            names.addObject().put("given", given).put("family", family);
            if (random.nextInt(8) == 0) {
                names.addObject().put("given", given.substring(0, Math.min(3, given.length()))).put("family", family);
            }
            p.put("birth", random.nextInt(6) == 0 ? birth.toString().substring(0, 7) : birth.toString());
            p.putNull("expected");
            p.put("sex", sex);
            if (random.nextInt(3) == 0) {
                p.putArray("identifiers").addObject().put("system", "nhs-number").put("value", nhsNumber());
            }
            p.putArray("addresses").addObject().put("line", (1 + random.nextInt(200)) + " Mill Street")
                    .put("postcode", "SK" + (1 + random.nextInt(20)) + " " + (1 + random.nextInt(9)) + "AB")
                    .put("from", start.toString()).put("confidential", random.nextInt(20) == 0);
            p.put("label", label);
            if (random.nextInt(10) == 0) {
                p.put("x_local_ref", "MOSAIC-" + random.nextInt(1_000_000));
            }
            people.add(p);
            return id;
        }

        private String nhsNumber() {
            while (true) {
                int[] d = new int[9];
                int sum = 0;
                for (int i = 0; i < 9; i++) {
                    d[i] = random.nextInt(10);
                    sum += d[i] * (10 - i);
                }
                int check = 11 - sum % 11;
                if (check == 11) {
                    check = 0;
                }
                if (check != 10) {
                    var sb = new StringBuilder();
                    for (int x : d) {
                        sb.append(x);
                    }
                    return sb.append(check).toString();
                }
            }
        }

        private void relationship(String from, String to, String type, String role, LocalDate since) {
            ObjectNode r = Json.MAPPER.createObjectNode().put("from", from).put("to", to).put("type", type).put("role", role);
            if (since == null) {
                r.putNull("from_date");
            } else {
                r.put("from_date", since.toString());
            }
            r.putNull("to_date");
            relationships.add(r);
        }

        private String pick(String[] words) {
            return words[random.nextInt(words.length)];
        }

        private String agency(String local) {
            return area + "-" + local;
        }

        /** The family's events in date order: a mix weighted as agencies record them, over about six years. */
        List<ObjectNode> events(int count) {
            var out = new ArrayList<ObjectNode>(count);
            LocalDate day = start;
            long spanDays = 365L * 6;
            for (int n = 0; n < count; n++) {
                day = day.plusDays(random.nextLong(1, Math.max(2, 2 * spanDays / Math.max(1, count))));
                if (day.isAfter(LAST_DAY)) {
                    day = LAST_DAY;
                }
                out.add(event(n, day, out));
            }
            return out;
        }

        private ObjectNode event(int n, LocalDate day, List<ObjectNode> earlier) {
            String child = children.get(random.nextInt(children.size()));
            String adult = adults.get(random.nextInt(adults.size()));
            ObjectNode e = Json.MAPPER.createObjectNode().put("id", prefix + "-e" + n);
            ObjectNode details = Json.MAPPER.createObjectNode();
            String agencyLocal;
            String subject = child;
            int roll = random.nextInt(100);
            if (roll < 30) {
                e.put("type", "health.appointment");
                agencyLocal = random.nextBoolean() ? "hv" : "gp";
                details.put("service", agencyLocal.equals("hv") ? "health visiting" : "GP");
                details.put("kind", pick(new String[] {"immunisation", "developmental-review", "other"}));
                details.put("outcome", random.nextInt(4) == 0 ? "was-not-brought" : "attended");
            } else if (roll < 40) {
                e.put("type", "police.domestic-abuse");
                agencyLocal = "police";
                subject = adults.get(0);
                details.put("risk", pick(new String[] {"standard", "medium", "high"})).put("children_present", random.nextBoolean());
                e.putArray("about").addObject().put("person", adult).put("as", "perpetrator");
            } else if (roll < 48) {
                e.put("type", "observation");
                agencyLocal = "hv";
                details.put("by", "nurse").put("concern", pick(new String[] {"none", "poor-bonding", "disinterest"})).put("level", "low");
            } else if (roll < 55) {
                e.put("type", "home.conditions");
                agencyLocal = "hv";
                details.put("concern", pick(new String[] {"hygiene", "unsafe-sleeping", "damage"}));
            } else if (roll < 62) {
                e.put("type", "referral");
                agencyLocal = pick(new String[] {"police", "school", "hv", "ed"});
                details.put("to", agency("csc")).put("reason", "concern about the children's care");
            } else if (roll < 68) {
                e.put("type", random.nextBoolean() ? "assessment.started" : "assessment.completed");
                agencyLocal = "csc";
                details.put("kind", "child-and-family");
                details.putArray("covers").add(child).add(adults.get(0));
            } else if (roll < 72) {
                e.put("type", "case.worker-allocated");
                agencyLocal = "csc";
                details.put("practitioner", "SW" + random.nextInt(500)).put("role", "social-worker");
            } else if (roll < 76) {
                e.put("type", "engagement.did-not-attend");
                agencyLocal = random.nextBoolean() ? "asc" : "camhs";
                subject = adult;
                details.put("service", "parenting programme");
            } else if (roll < 80) {
                e.put("type", "health.concern");
                agencyLocal = "gp";
                subject = adult;
                details.put("concern", pick(new String[] {"mental-health", "alcohol", "substance-use", "medication-stopped"}));
            } else if (roll < 84) {
                e.put("type", "health.injury");
                agencyLocal = "ed";
                details.put("injury", pick(new String[] {"bruise", "burn", "fracture", "other"})).put("site", "arm")
                        .put("explanation", "fell").put("explanation_consistent", random.nextInt(3) > 0);
            } else if (roll < 87) {
                e.put("type", "strategy.discussion");
                agencyLocal = "csc";
                details.put("outcome", pick(new String[] {"s47", "cin", "nfa"}));
                details.putArray("attendees").add(agency("csc")).add(agency("police"));
            } else if (roll < 90 && !earlier.isEmpty()) {
                e.put("type", "info.shared");
                agencyLocal = "hv";
                details.putArray("events").add(earlier.get(random.nextInt(earlier.size())).get("id").asText());
                details.putArray("with").add(agency("csc"));
            } else if (roll < 93) {
                e.put("type", "history.recorded");
                agencyLocal = "csc";
                subject = adult;
                details.put("kind", pick(new String[] {"criminal-history", "domestic-abuse-history", "parent-was-looked-after"}))
                        .put("source", "records");
            } else {
                e.put("type", "other.welfare-visit");
                agencyLocal = "csc";
                details.put("visitor", "social worker").put("seen_alone", random.nextBoolean());
            }
            boolean monthOnly = random.nextInt(12) == 0;
            e.put("occurred", monthOnly ? day.toString().substring(0, 7) : day.toString());
            if (random.nextInt(10) == 0 && !monthOnly) {
                LocalDate recorded = day.plusDays(random.nextInt(1, 60));
                e.put("recorded", recorded.isAfter(LAST_DAY) ? LAST_DAY.toString() : recorded.toString());
            }
            e.put("agency", agency(agencyLocal));
            e.putArray("subjects").add(subject);
            e.put("summary", e.get("type").asText() + " recorded by " + agencyLocal + " — synthetic entry " + n);
            if (random.nextInt(15) == 0) {
                details.put("x_case_note_ref", "CN/" + random.nextInt(100_000));
                details.put("score", new BigDecimal(random.nextInt(1000)).movePointLeft(2));
            }
            e.set("details", details);
            if (random.nextInt(5) == 0) {
                e.putObject("source").put("kind", pick(new String[] {"professional", "family", "neighbour", "anonymous"}))
                        .put("reliability", pick(new String[] {"A", "B", "C", "D", "E"}));
                e.put("validity", String.valueOf(1 + random.nextInt(5)));
            }
            if (random.nextInt(4) == 0 && !agencyLocal.equals("csc")) {
                e.putArray("shared_with").add(agency("csc"));
            }
            return e;
        }
    }
}
