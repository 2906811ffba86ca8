package org.cradle.people;

import java.util.List;

/**
 * A child and the people around them, with how they are related: what a family and household diagram (genogram)
 * is drawn from.
 *
 * @param subject whose family it is (store id)
 * @param members the subject and everyone around them
 * @param links   the relationships among the members ("from is type of to")
 * @param abuse   who was recorded as abusing whom (alleged perpetrators, domestic abuse perpetrator and victim)
 */
public record Family(long subject, List<Member> members, List<Link> links, List<Abuse> abuse) {

    public Family {
        members = List.copyOf(members);
        links = List.copyOf(links);
        abuse = List.copyOf(abuse);
    }

    /** @param sex {@code female}, {@code male}, or null when not recorded */
    public record Member(long id, String kind, String name, String sex, String birth, String expected) {
    }

    /** @param ended the day the relationship ended, or null while it holds */
    public record Link(long from, long to, String type, String role, String ended) {
    }

    /** @param source the relationship or event the abuse is recorded in */
    public record Abuse(long perpetrator, long victim, String source) {
    }

    public Member member(long id) {
        return members.stream().filter(m -> m.id() == id).findFirst().orElse(null);
    }
}
