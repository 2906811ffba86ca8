package org.cradle.synthetic;

import java.util.SplittableRandom;
import org.cradle.linkage.NhsNumber;
import org.cradle.linkage.Records;

/**
 * A synthetic UK population of families as several agencies recorded them, for measuring linkage: the same seed
 * gives the same records. Households of one or two adults and their children (some twins), surnames skewed as in
 * the UK (a few very common, a long tail of rare ones), and each person recorded by one to five agencies.
 *
 * <p>Every record is a noisy copy (the first one less noisy). The error rates follow the FEBRL generator's and
 * Splink's synthetic recipes (typing slips in names, dates and postcodes; missing values), plus what agency records
 * of children and families show: nicknames and spelling variants, day and month swapped, a surname changed
 * (hyphenated, or a new partner's, sometimes with the earlier one recorded), moves of address and area, an NHS
 * number on the health agencies' records only and occasionally mistyped, given and family names the wrong way round.
 */
public final class SyntheticPeople {

    /** One generated record and the person it is truly about. */
    public interface Sink {
        void accept(Records.Row row, int person);
    }

    private static final String[] SURNAMES = ("smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson "
            + "wright walker white edwards hughes green hall lewis harris clarke patel jackson wood turner martin cooper hill ward "
            + "morris moore clark lee king baker harrison morgan allen james scott phillips watson davis parker price bennett young "
            + "griffiths mitchell kelly cook carter richardson bailey collins bell shaw murphy miller cox richards khan marshall "
            + "anderson simpson ellis adams singh begum wilkinson foster chapman powell webb rogers gray mason ali hunt hussain "
            + "campbell matthews owen palmer holmes mills barnes knight lloyd butler russell barker fisher stevens jenkins murray "
            + "dixon harvey o'brien mcdonald nowak kowalski ahmed okafor").split(" ");
    private static final String[] GIRLS = ("olivia amelia isla ava mia ivy lily isabella sophia grace freya florence willow emily ella "
            + "evie poppy charlotte sienna daisy phoebe sophie elsie ruby alice harper matilda rosie jessica chloe lucy ellie "
            + "hannah emma megan lauren sarah amy rebecca katie laura jade gemma kayleigh leanne stacey natalie danielle zoe "
            + "samantha nicola michelle kelly lisa elizabeth margaret catherine victoria abigail aaliyah amira maryam").split(" ");
    private static final String[] BOYS = ("noah muhammad george oliver leo arthur oscar theodore freddie theo archie harry jack "
            + "charlie henry thomas jacob alfie william lucas joshua james isaac finley alexander daniel samuel joseph max "
            + "ethan dylan ryan liam connor callum kyle jordan lewis bradley jamie luke adam matthew michael christopher "
            + "david andrew richard robert anthony steven mark paul craig darren lee dean wayne ibrahim yusuf").split(" ");
    private static final String[] STREETS = ("mill church station victoria park high green manor school chapel queens kings albert "
            + "new springfield windsor grange oak elm beech ash willow cedar meadow orchard york london bridge castle north "
            + "south west east hill valley brook field rose forest lime holly").split(" ");
    private static final String[] STREET_KINDS = "road street lane avenue close drive way crescent gardens court place grove".split(" ");
    private static final String[] AREAS = ("LS:leeds:E08000035,M:manchester:E08000003,B:birmingham:E08000025,S:sheffield:E08000019,"
            + "BD:bradford:E08000032,HP:high wycombe:E06000060,SK:stockport:E08000007,CV:coventry:E08000026,NE:newcastle:E08000021,"
            + "L:liverpool:E08000012,NG:nottingham:E06000018,LE:leicester:E06000016,BS:bristol:E06000023,PL:plymouth:E06000026,"
            + "CF:cardiff:W06000015,SO:southampton:E06000045,WF:wakefield:E08000036,HD:huddersfield:E08000034,"
            + "OL:oldham:E08000004,BL:bolton:E08000001,MK:milton keynes:E06000042,LU:luton:E06000032,ST:stoke:E06000021,"
            + "DN:doncaster:E08000017,HU:hull:E06000010,PR:preston:E07000123,BB:blackburn:E06000008,WV:wolverhampton:E08000031").split(",");
    private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
    private static final String[] AGENCIES = {"gp", "midwifery", "health-visiting", "police", "childrens-social-care", "school",
            "adult-social-care", "housing"};
    private static final String[] SYLLABLES = ("ab ar ber bol bran cal car chet dar del dow el en fair far gar hal har hol ing "
            + "kel ken lan ley lin mar mer mon nor ock or pen ram ren rid rock sal shaw ston tal ter thorn tre vel wat wes "
            + "wick win worth yat").split(" ");

    private final SplittableRandom random;
    private final double[] surnameCumulative = zipf(SURNAMES.length, 0.9);
    private final double[] girlCumulative = zipf(GIRLS.length, 0.8);
    private final double[] boyCumulative = zipf(BOYS.length, 0.8);
    private int person;
    private int records;

    public SyntheticPeople(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Generates {@code count} records. */
    public void generate(int count, Sink sink) {
        while (records < count) {
            household(count, sink);
        }
    }

    private record Place(String address, String postcode, String locality, String area) {
    }

    private record Someone(int id, String given, String family, int birth, char sex, long nhs, Place place) {
    }

    private void household(int count, Sink sink) {
        Place home = place();
        String family = surname();
        int year = 1960 + random.nextInt(48);
        var mother = new Someone(person++, givenName('F'), family, date(year), 'F', nhsNumber(), home);
        emit(mother, count, sink);
        String childrensName = family;
        if (random.nextDouble() < 0.6) {
            String fathersName = random.nextDouble() < 0.5 ? family : surname();
            var father = new Someone(person++, givenName('M'), fathersName, date(year - 3 + random.nextInt(10)), 'M', nhsNumber(), home);
            emit(father, count, sink);
            childrensName = random.nextDouble() < 0.7 ? fathersName : family;
        }
        int children = random.nextInt(4);
        var names = new java.util.HashSet<String>();
        int firstBirth = Math.min(2025, year + 17 + random.nextInt(15));
        for (int c = 0; c < children && records < count; c++) {
            int birthYear = Math.min(2025, firstBirth + 2 * c);
            int birth = date(birthYear);
            boolean twins = random.nextDouble() < 0.04;
            for (int t = 0; t < (twins ? 2 : 1); t++) {
                char sex = random.nextBoolean() ? 'F' : 'M';
                // Parents give their children different names (and not two forms of one name).
                String given = givenName(sex);
                while (!names.add(given) || !org.cradle.linkage.NameVariants.standard().alternatives(given).stream().allMatch(v -> !names.contains(v))) {
                    given = givenName(sex);
                }
                emit(new Someone(person++, given, childrensName, birth, sex, nhsNumber(), home), count, sink);
            }
        }
    }

    /** One to five agencies' records of a person: 40%, 30%, 15%, 10%, 5%. */
    private void emit(Someone s, int count, Sink sink) {
        double r = random.nextDouble();
        int copies = r < 0.4 ? 1 : r < 0.7 ? 2 : r < 0.85 ? 3 : r < 0.95 ? 4 : 5;
        for (int c = 0; c < copies && records < count; c++) {
            sink.accept(record(s, c == 0 ? 0.5 : 1.0), s.id());
        }
    }

    private Records.Row record(Someone s, double noise) {
        String agency = AGENCIES[random.nextInt(AGENCIES.length)];
        String given = s.given();
        String family = s.family();
        String previous = null;
        double r = random.nextDouble();
        if (r < 0.10 * noise) {
            given = variant(given);
        } else if (r < 0.18 * noise) {
            given = typo(given);
        } else if (r < 0.21 * noise) {
            given = null;
        } else if (r < 0.23 * noise) {
            given = given.substring(0, 1);
        }
        r = random.nextDouble();
        if (r < 0.08 * noise) {
            family = typo(family);
        } else if (r < 0.10 * noise) {
            family = null;
        } else if (r < 0.13 * noise) {
            family = random.nextBoolean() ? family + "-" + surname() : surname() + "-" + family;
        } else if (r < 0.17 * noise) {
            previous = random.nextBoolean() ? family : null;
            family = surname();
        }
        if (given != null && family != null && random.nextDouble() < 0.01 * noise) {
            String t = given;
            given = family;
            family = t;
        }
        int birth = s.birth();
        r = random.nextDouble();
        int day = birth % 100;
        int month = birth / 100 % 100;
        if (r < 0.03 * noise && day <= 12) {
            birth = birth / 10000 * 10000 + day * 100 + month;
        } else if (r < 0.09 * noise) {
            birth = dateTypo(birth);
        } else if (r < 0.12 * noise) {
            birth = 0;
        } else if (r < 0.14 * noise) {
            birth = birth / 100 * 100;
        }
        char sex = random.nextDouble() < 0.1 * noise ? 0 : s.sex();
        boolean health = agency.equals("gp") || agency.equals("midwifery") || agency.equals("health-visiting");
        String nhs = null;
        if (health ? random.nextDouble() < 0.8 : random.nextDouble() < 0.1) {
            nhs = Long.toString(s.nhs());
            if (random.nextDouble() < 0.03) {
                nhs = typoDigits(nhs);
            }
        }
        Place p = s.place();
        if (random.nextDouble() < 0.12 * noise) {
            p = random.nextDouble() < 0.4 ? place() : nearby(p);
        }
        String address = p.address();
        String postcode = p.postcode();
        String locality = p.locality();
        r = random.nextDouble();
        if (r < 0.08 * noise) {
            address = typo(address);
        } else if (r < 0.13 * noise) {
            address = null;
        }
        r = random.nextDouble();
        if (r < 0.05 * noise) {
            postcode = postcodeTypo(postcode);
        } else if (r < 0.10 * noise) {
            postcode = null;
        }
        if (random.nextDouble() < 0.03 * noise) {
            locality = typo(locality);
        }
        String id = "s" + records++;
        return new Records.Row(id, agency, given, family, previous, birth, sex, nhs, postcode, address, locality, p.area());
    }

    private Place place() {
        String[] area = AREAS[random.nextInt(AREAS.length)].split(":");
        int district = 1 + random.nextInt(30);
        String postcode = area[0] + district + " " + (1 + random.nextInt(9)) + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()))
                + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()));
        String street = STREETS[random.nextInt(STREETS.length)] + " " + STREET_KINDS[random.nextInt(STREET_KINDS.length)];
        return new Place((1 + random.nextInt(150)) + " " + street, postcode, area[1], area[2]);
    }

    /** A move within the same district: new street, new postcode unit, same town. */
    private Place nearby(Place p) {
        Place other = place();
        String outward = p.postcode().substring(0, p.postcode().indexOf(' '));
        return new Place(other.address(), outward + other.postcode().substring(other.postcode().indexOf(' ')), p.locality(), p.area());
    }

    private String surname() {
        // Half the population has one of the hundred commonest surnames (skewed), half a rarer one.
        if (random.nextBoolean()) {
            return SURNAMES[pick(surnameCumulative)];
        }
        int parts = 2 + random.nextInt(2);
        var b = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return b.toString();
    }

    private String givenName(char sex) {
        return sex == 'F' ? GIRLS[pick(girlCumulative)] : BOYS[pick(boyCumulative)];
    }

    private String variant(String given) {
        var variants = org.cradle.linkage.NameVariants.standard().alternatives(given);
        return variants.isEmpty() ? typo(given) : variants.get(random.nextInt(variants.size()));
    }

    private int date(int year) {
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(28);
        return year * 10000 + month * 100 + day;
    }

    private long nhsNumber() {
        while (true) {
            long nine = 400_000_000L + random.nextLong(599_999_999L);
            int check = NhsNumber.checkDigit(nine);
            if (check >= 0) {
                return nine * 10 + check;
            }
        }
    }

    private int dateTypo(int birth) {
        int year = birth / 10000;
        int month = birth / 100 % 100;
        int day = birth % 100;
        switch (random.nextInt(3)) {
            case 0 -> day = Math.max(1, Math.min(28, day + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(9))));
            case 1 -> month = 1 + random.nextInt(12);
            default -> year = year + (random.nextBoolean() ? 1 : -1) * (random.nextBoolean() ? 1 : 10);
        }
        return year * 10000 + month * 100 + day;
    }

    /** One typing slip: a character dropped, added, changed, or two neighbours swapped. */
    private String typo(String s) {
        if (s.length() < 2) {
            return s;
        }
        int at = random.nextInt(s.length() - 1);
        char letter = (char) ('a' + random.nextInt(26));
        return switch (random.nextInt(4)) {
            case 0 -> s.substring(0, at) + s.substring(at + 1);
            case 1 -> s.substring(0, at) + letter + s.substring(at);
            case 2 -> s.substring(0, at) + letter + s.substring(at + 1);
            default -> s.substring(0, at) + s.charAt(at + 1) + s.charAt(at) + s.substring(at + 2);
        };
    }

    private String typoDigits(String digits) {
        int at = random.nextInt(digits.length());
        char other = (char) ('0' + (digits.charAt(at) - '0' + 1 + random.nextInt(9)) % 10);
        return digits.substring(0, at) + other + digits.substring(at + 1);
    }

    private String postcodeTypo(String postcode) {
        int at = postcode.length() - 1 - random.nextInt(3);
        return postcode.substring(0, at) + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length())) + postcode.substring(at + 1);
    }

    private static double[] zipf(int n, double s) {
        double[] c = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, s);
            c[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            c[i] /= sum;
        }
        return c;
    }

    private int pick(double[] cumulative) {
        double r = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < r) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
