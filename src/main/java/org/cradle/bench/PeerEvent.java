package org.cradle.bench;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.cradle.chronology.Event;

/**
 * An event of one child's scope as the Drools peer sees it (a fact in its session): the recorded event, its place in
 * the child's stream, whether it is about the child, and whether it came once the child was conceived (decided in
 * DRL, from the child's state when the event arrived).
 */
public final class PeerEvent {

    private final Event event;
    private final int seq;
    private final boolean aboutChild;
    private boolean checked;
    private boolean looked;

    PeerEvent(Event event, int seq, boolean aboutChild) {
        this.event = event;
        this.seq = seq;
        this.aboutChild = aboutChild;
    }

    public Event getEvent() {
        return event;
    }

    public String getId() {
        return event.id();
    }

    public String getType() {
        return event.type();
    }

    public LocalDate getFirst() {
        return event.occurred().first();
    }

    public LocalDate getLast() {
        return event.occurred().last();
    }

    public Map<String, Object> getDetails() {
        return event.details();
    }

    public int getSeq() {
        return seq;
    }

    public boolean isAboutChild() {
        return aboutChild;
    }

    public boolean isChecked() {
        return checked;
    }

    public void setChecked(boolean checked) {
        this.checked = checked;
    }

    public boolean isLooked() {
        return looked;
    }

    public void setLooked(boolean looked) {
        this.looked = looked;
    }

    /** Of this type or of its family ("health" is "health.injury"), as Cradle's rule files match types. */
    public boolean ofType(String type) {
        String t = event.type();
        return t.equals(type) || t.startsWith(type) && t.length() > type.length() && t.charAt(type.length()) == '.';
    }

    /** The detail is one of these values (false when it is missing). */
    public boolean detailIn(String key, Collection<?> values) {
        Object v = event.detail(key);
        return v != null && values.contains(v);
    }

    public boolean detailIs(String key, Object value) {
        return value.equals(event.detail(key));
    }

    @Override
    public String toString() {
        return "PeerEvent[" + seq + " " + event.id() + " " + event.type() + " " + event.occurred().text() + "]";
    }
}
