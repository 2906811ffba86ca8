package org.cradle.store;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.cradle.people.Person;

/**
 * What a person can be found by (their label, every name they have had, their identifiers, their date of birth), and
 * how a search tolerates spelling: a word a letter or two out ("Jonson", "Stephen" for "Steven") still finds them.
 */
final class PersonSearch {

    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("d/M/uuuu");

    private PersonSearch() {
    }

    static String text(Person p) {
        var words = new StringJoiner(" ");
        if (p.label() != null) {
            words.add(p.label());
        }
        p.names().forEach(n -> words.add(n.full()));
        p.identifiers().forEach(i -> words.add(i.value()));
        String text = words.toString().toLowerCase(Locale.ROOT);
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }

    /** A search split into the words to look for in names and identifiers, and dates of birth (2018-03-21, 21/3/2018, 2018-03). */
    record Query(List<String> words, List<String> births) {

        static Query of(String text) {
            var words = new ArrayList<String>();
            var births = new ArrayList<String>();
            for (String token : text.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
                String birth = birth(token);
                if (birth != null) {
                    births.add(birth);
                } else if (!token.isEmpty()) {
                    words.add(token);
                }
            }
            return new Query(List.copyOf(words), List.copyOf(births));
        }

        private static String birth(String token) {
            if (token.matches("\\d{4}-\\d{2}(-\\d{2})?")) {
                return token;
            }
            try {
                return LocalDate.parse(token, UK_DATE).toString();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /** How many letters a word may be out and still match: none for short words, where one letter is half the word. */
    static int tolerance(String word) {
        return word.length() < 4 || word.chars().anyMatch(Character::isDigit) ? 0 : word.length() < 7 ? 1 : 2;
    }

    /**
     * Pieces of the word of which at least one survives any {@link #tolerance} edits intact (k edits can touch at
     * most k of k + 1 pieces), so the store can be asked for candidates by plain substring.
     */
    static List<String> pieces(String word) {
        int k = tolerance(word);
        var pieces = new ArrayList<String>();
        int size = word.length() / (k + 1);
        for (int i = 0; i <= k; i++) {
            pieces.add(i == k ? word.substring(i * size) : word.substring(i * size, (i + 1) * size));
        }
        return pieces;
    }

    /** How far a person's search text is from the query words: 0 when every word is in it as typed, else the edits needed. */
    static int distance(List<String> words, String searchText) {
        String[] theirs = searchText.split("[\\s]+");
        int total = 0;
        for (String word : words) {
            if (searchText.contains(word)) {
                continue;
            }
            int k = tolerance(word);
            var measure = new LevenshteinDistance(k);
            int best = -1;
            for (String their : theirs) {
                int d = measure.apply(word, their);
                if (d >= 0 && (best < 0 || d < best)) {
                    best = d;
                }
            }
            if (best < 0) {
                return -1;
            }
            total += best;
        }
        return total;
    }
}
