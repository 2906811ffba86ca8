package org.cradle.web;

import java.util.ArrayList;
import java.util.List;
import org.cradle.access.Role;

/** The service navigation: what everyone signed in works with, and the sections only some roles work in. */
public final class Navigation {

    /** One entry: the section a page belongs to (marked as the current one there), where it goes, and its name. */
    public record Item(String section, String href, String label) {
    }

    public static List<Item> items(Role role) {
        var items = new ArrayList<Item>();
        items.add(new Item("find", "/", "Find a person"));
        items.add(new Item("alerts", "/alerts", "Alerts"));
        if (role.decidesLinks()) {
            items.add(new Item("links", "/links", "Linking records"));
        }
        if (role.practitioner()) {
            items.add(new Item("upload", "/upload", "Upload a case file"));
        }
        if (role.movesRecords()) {
            items.add(new Item("transfers", "/transfers", "Transfers between areas"));
        }
        if (role == Role.SAFEGUARDING_LEAD) {
            items.add(new Item("reviews", "/access/reviews", "Access reviews"));
        }
        return items;
    }

    private Navigation() {
    }
}
