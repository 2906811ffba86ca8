package org.cradle.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cradle.people.Family;

/**
 * A family and household diagram in the conventional genogram style, drawn as SVG on the server (so it shows
 * without JavaScript and prints): squares for males, circles for females, diamonds where sex is not recorded, a
 * triangle for an unborn child; the child the page is about filled yellow with a heavy outline; partners joined by a solid line,
 * ex-partners by a broken line crossed by two strokes; children hang below their parents; abuse is a red zigzag from
 * the one recorded as abusing to the one abused; the household is a dashed boundary round those who live with the child.
 */
final class Genogram {

    private static final int CELL = 170;
    private static final int ROW = 150;
    private static final int SIZE = 44;
    private static final int MARGIN = 30;
    private static final Set<String> CARING = Set.of("parent", "step-parent", "carer", "foster-carer", "kinship-carer");
    private static final Set<String> COUPLE = Set.of("partner", "ex-partner");

    /** Where each member is drawn. */
    record Placed(Family.Member member, int generation, int column, boolean household) {
        int x() {
            return MARGIN + column * CELL + CELL / 2;
        }
    }

    private final Family family;
    private final Map<Long, Placed> placed = new LinkedHashMap<>();
    private final int top;

    Genogram(Family family) {
        this.family = family;
        Map<Long, Integer> generation = generations();
        Set<Long> household = household();
        var rows = new TreeMap<Integer, List<Family.Member>>();
        for (var m : family.members()) {
            rows.computeIfAbsent(generation.getOrDefault(m.id(), -1), g -> new ArrayList<>()).add(m);
        }
        top = rows.isEmpty() ? 0 : rows.firstKey();
        for (var row : rows.entrySet()) {
            int column = 0;
            for (var m : order(row.getValue(), household)) {
                placed.put(m.id(), new Placed(m, row.getKey(), column++, household.contains(m.id())));
            }
        }
    }

    /** Generations relative to the child: parents -1, grandparents -2, siblings and partners beside those they are tied to. */
    private Map<Long, Integer> generations() {
        var gen = new HashMap<Long, Integer>();
        gen.put(family.subject(), 0);
        for (boolean changed = true; changed; ) {
            changed = false;
            for (var l : family.links()) {
                int step = CARING.contains(l.type()) ? -1 : l.type().equals("grandparent") ? -2 : 0;
                if (gen.containsKey(l.to()) && !gen.containsKey(l.from())) {
                    gen.put(l.from(), gen.get(l.to()) + step);
                    changed = true;
                } else if (gen.containsKey(l.from()) && !gen.containsKey(l.to())) {
                    gen.put(l.to(), gen.get(l.from()) - step);
                    changed = true;
                }
            }
        }
        return gen;
    }

    /**
     * Who lives with the child: the child, their current parents and carers, those carers' current partners and
     * household members, and the children those carers currently care for.
     */
    private Set<Long> household() {
        long child = family.subject();
        var carers = new LinkedHashSet<Long>();
        for (var l : family.links()) {
            if (l.to() == child && CARING.contains(l.type()) && l.ended() == null) {
                carers.add(l.from());
            }
        }
        var home = new LinkedHashSet<Long>();
        home.add(child);
        home.addAll(carers);
        for (var l : family.links()) {
            boolean current = l.ended() == null;
            if (current && l.type().equals("partner") && (carers.contains(l.from()) || carers.contains(l.to()))) {
                home.add(l.from());
                home.add(l.to());
            }
            if (l.type().equals("household-member") && (l.to() == child || carers.contains(l.to()))) {
                home.add(l.from());
            }
            if (current && CARING.contains(l.type()) && carers.contains(l.from())) {
                home.add(l.to());
            }
        }
        home.retainAll(family.members().stream().map(Family.Member::id).toList());
        return home;
    }

    /** Household first, then the rest; each person followed by their partners, so couples sit side by side. */
    private List<Family.Member> order(List<Family.Member> row, Set<Long> household) {
        var sorted = new ArrayList<>(row);
        sorted.sort(Comparator.comparing((Family.Member m) -> !household.contains(m.id()))
                .thenComparing(m -> m.id() != family.subject())
                .thenComparing(m -> m.birth() == null ? "9999" : m.birth())
                .thenComparing(Family.Member::id));
        var ordered = new LinkedHashSet<Family.Member>();
        for (var m : sorted) {
            if (ordered.add(m)) {
                for (var l : family.links()) {
                    if (COUPLE.contains(l.type()) && (l.from() == m.id() || l.to() == m.id())) {
                        long other = l.from() == m.id() ? l.to() : l.from();
                        sorted.stream().filter(o -> o.id() == other && household.contains(o.id()) == household.contains(m.id()))
                                .findFirst().ifPresent(ordered::add);
                    }
                }
            }
        }
        return List.copyOf(ordered);
    }

    private int y(Placed p) {
        return MARGIN + 30 + (p.generation() - top) * ROW + SIZE / 2;
    }

    String svg(String titleId) {
        int columns = placed.values().stream().mapToInt(Placed::column).max().orElse(0) + 1;
        int rows = placed.values().stream().mapToInt(Placed::generation).max().orElse(0) - top + 1;
        int width = 2 * MARGIN + columns * CELL;
        int height = 2 * MARGIN + 30 + rows * ROW;
        var svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cradle-genogram\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" role=\"img\" aria-labelledby=\"")
                .append(titleId).append("\" font-family=\"Arial, sans-serif\">");
        svg.append("<title id=\"").append(titleId).append("\">Family and household of ").append(esc(subjectName()))
                .append(": the same relationships are listed in words below the diagram</title>");
        household(svg);
        for (var l : family.links()) {
            if (COUPLE.contains(l.type())) {
                couple(svg, l);
            }
        }
        parentLines(svg);
        for (var l : family.links()) {
            if (l.type().equals("other") || l.type().equals("household-member")) {
                other(svg, l);
            }
        }
        for (var a : family.abuse()) {
            abuse(svg, a);
        }
        for (var p : placed.values()) {
            symbol(svg, p);
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private String subjectName() {
        var m = family.member(family.subject());
        return m == null ? "" : m.name();
    }

    private void household(StringBuilder svg) {
        var byRow = new TreeMap<Integer, Integer>();
        placed.values().stream().filter(Placed::household).forEach(p -> byRow.merge(p.generation(), p.column() + 1, Math::max));
        if (byRow.isEmpty()) {
            return;
        }
        var path = new StringBuilder();
        int left = MARGIN - 8;
        var points = new ArrayList<int[]>();
        for (var row : byRow.entrySet()) {
            int rowTop = MARGIN + 30 + (row.getKey() - top) * ROW - 22;
            int right = MARGIN + row.getValue() * CELL - 8;
            points.add(new int[] {right, rowTop});
            points.add(new int[] {right, rowTop + ROW - 14});
        }
        int first = points.get(0)[1];
        int last = points.get(points.size() - 1)[1];
        path.append("M").append(left).append(',').append(first);
        for (int[] p : points) {
            path.append(" L").append(p[0]).append(',').append(p[1]);
        }
        path.append(" L").append(left).append(',').append(last).append(" Z");
        svg.append("<path class=\"household\" d=\"").append(path).append("\" fill=\"#f3f8fb\" stroke=\"#1d70b8\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>");
        svg.append("<text x=\"").append(left + 8).append("\" y=\"").append(first + 16).append("\" font-size=\"14\" fill=\"#1d70b8\">Household</text>");
    }

    private void couple(StringBuilder svg, Family.Link l) {
        Placed a = placed.get(l.from());
        Placed b = placed.get(l.to());
        if (a == null || b == null) {
            return;
        }
        boolean ex = l.type().equals("ex-partner") || l.ended() != null;
        if (a.x() > b.x()) {
            Placed t = a;
            a = b;
            b = t;
        }
        int y1 = y(a);
        int y2 = y(b);
        String dash = ex ? " stroke-dasharray=\"7 5\"" : "";
        String line;
        int mx;
        int my;
        if (a.generation() == b.generation() && b.column() - a.column() == 1) {
            line = "M" + (a.x() + SIZE / 2) + "," + y1 + " L" + (b.x() - SIZE / 2) + "," + y2;
            mx = (a.x() + b.x()) / 2;
            my = y1;
        } else {
            int lift = a.generation() == b.generation() ? 40 + 12 * (b.column() - a.column()) : 0;
            int peak = Math.min(y1, y2) - SIZE / 2 - lift;
            line = "M" + a.x() + "," + (y1 - SIZE / 2) + " Q" + (a.x() + b.x()) / 2 + "," + peak + " " + b.x() + "," + (y2 - SIZE / 2);
            mx = (a.x() + b.x()) / 2;
            my = (Math.min(y1, y2) - SIZE / 2 + peak) / 2;
        }
        svg.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"#0b0c0c\" stroke-width=\"2\"").append(dash).append(">")
                .append("<title>").append(esc(a.member().name())).append(ex ? " and " + esc(b.member().name()) + ": ex-partners" : " and " + esc(b.member().name()) + ": partners")
                .append("</title></path>");
        if (ex) {
            for (int dx : new int[] {-5, 5}) {
                svg.append("<line x1=\"").append(mx + dx - 5).append("\" y1=\"").append(my + 9).append("\" x2=\"").append(mx + dx + 5)
                        .append("\" y2=\"").append(my - 9).append("\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>");
            }
        }
    }

    /** Each child hangs from the midpoint of its parents in the diagram (one line per child, elbowed). */
    private void parentLines(StringBuilder svg) {
        var parents = new LinkedHashMap<Long, List<Placed>>();
        for (var l : family.links()) {
            Placed parent = placed.get(l.from());
            Placed child = placed.get(l.to());
            if (CARING.contains(l.type()) && parent != null && child != null && child.generation() > parent.generation()) {
                parents.computeIfAbsent(l.to(), k -> new ArrayList<>()).add(parent);
            }
        }
        for (var e : parents.entrySet()) {
            Placed child = placed.get(e.getKey());
            var ps = e.getValue();
            int fromX = (int) ps.stream().mapToInt(Placed::x).average().orElse(child.x());
            int fromY = ps.size() > 1 ? ps.stream().mapToInt(this::y).max().orElse(0) : y(ps.get(0)) + SIZE / 2;
            int childTop = y(child) - SIZE / 2;
            int mid = childTop - 28;
            String dash = ps.size() == 1 && family.links().stream().anyMatch(l -> l.to() == child.member().id() && l.from() == ps.get(0).member().id()
                    && CARING.contains(l.type()) && l.ended() != null) ? " stroke-dasharray=\"3 4\"" : "";
            svg.append("<path d=\"M").append(fromX).append(',').append(fromY).append(" L").append(fromX).append(',').append(mid)
                    .append(" L").append(child.x()).append(',').append(mid).append(" L").append(child.x()).append(',').append(childTop)
                    .append("\" fill=\"none\" stroke=\"#505a5f\" stroke-width=\"2\"").append(dash).append("/>");
        }
    }

    private void other(StringBuilder svg, Family.Link l) {
        Placed a = placed.get(l.from());
        Placed b = placed.get(l.to());
        if (a == null || b == null) {
            return;
        }
        svg.append("<line x1=\"").append(a.x()).append("\" y1=\"").append(y(a)).append("\" x2=\"").append(b.x()).append("\" y2=\"").append(y(b))
                .append("\" stroke=\"#505a5f\" stroke-width=\"1.5\" stroke-dasharray=\"2 4\"><title>").append(esc(a.member().name())).append(": ")
                .append(esc(l.role() != null ? l.role() : l.type())).append(" of ").append(esc(b.member().name())).append("</title></line>");
    }

    /** A red zigzag from the one recorded as abusing to the one abused, ending in an arrowhead. */
    private void abuse(StringBuilder svg, Family.Abuse a) {
        Placed from = placed.get(a.perpetrator());
        Placed to = placed.get(a.victim());
        if (from == null || to == null) {
            return;
        }
        double x1 = from.x();
        double y1 = y(from) + 10;
        double x2 = to.x();
        double y2 = y(to) + 10;
        double length = Math.hypot(x2 - x1, y2 - y1);
        if (length < 1) {
            return;
        }
        double ux = (x2 - x1) / length;
        double uy = (y2 - y1) / length;
        double start = SIZE / 2.0 + 4;
        double end = length - SIZE / 2.0 - 10;
        var d = new StringBuilder("M").append(fmt(x1 + ux * start)).append(',').append(fmt(y1 + uy * start));
        int n = 0;
        for (double t = start + 8; t < end; t += 8) {
            double side = (n++ % 2 == 0 ? 6 : -6);
            d.append(" L").append(fmt(x1 + ux * t - uy * side)).append(',').append(fmt(y1 + uy * t + ux * side));
        }
        double ex = x1 + ux * end;
        double ey = y1 + uy * end;
        d.append(" L").append(fmt(ex)).append(',').append(fmt(ey));
        svg.append("<g class=\"abuse\"><title>").append(esc(from.member().name())).append(" abusing ").append(esc(to.member().name()))
                .append(" (").append(esc(a.source())).append(")</title><path d=\"").append(d)
                .append("\" fill=\"none\" stroke=\"#d4351c\" stroke-width=\"2.5\"/>");
        double hx = x1 + ux * (length - SIZE / 2.0 - 2);
        double hy = y1 + uy * (length - SIZE / 2.0 - 2);
        svg.append("<path d=\"M").append(fmt(hx)).append(',').append(fmt(hy)).append(" L").append(fmt(ex - uy * 6)).append(',').append(fmt(ey + ux * 6))
                .append(" L").append(fmt(ex + uy * 6)).append(',').append(fmt(ey - ux * 6)).append(" Z\" fill=\"#d4351c\"/></g>");
    }

    private void symbol(StringBuilder svg, Placed p) {
        var m = p.member();
        int x = p.x();
        int y = y(p);
        int r = SIZE / 2;
        boolean subject = m.id() == family.subject();
        String style = " fill=\"" + (subject ? "#ffdd00" : "#ffffff") + "\" stroke=\"#0b0c0c\" stroke-width=\"" + (subject ? 4 : 2) + "\"";
        svg.append("<g class=\"member\" data-person=\"").append(m.id()).append("\">");
        String shape;
        if ("unborn".equals(m.kind())) {
            shape = "<path d=\"M" + x + "," + (y - r) + " L" + (x + r) + "," + (y + r - 6) + " L" + (x - r) + "," + (y + r - 6) + " Z\"";
        } else if ("female".equals(sex(m))) {
            shape = "<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"" + r + "\"";
        } else if ("male".equals(sex(m))) {
            shape = "<rect x=\"" + (x - r) + "\" y=\"" + (y - r) + "\" width=\"" + SIZE + "\" height=\"" + SIZE + "\"";
        } else {
            shape = "<path d=\"M" + x + "," + (y - r) + " L" + (x + r) + "," + y + " L" + x + "," + (y + r) + " L" + (x - r) + "," + y + " Z\"";
        }
        svg.append(shape).append(style).append("/>");
        svg.append("<text x=\"").append(x).append("\" y=\"").append(y + r + 18).append("\" text-anchor=\"middle\" font-size=\"15\"")
                .append(subject ? " font-weight=\"bold\"" : "").append(" fill=\"#0b0c0c\">").append(esc(shorten(m.name(), 20))).append("</text>");
        String detail = m.birth() != null ? "born " + m.birth() : m.expected() != null ? "expected " + m.expected() : m.kind();
        svg.append("<text x=\"").append(x).append("\" y=\"").append(y + r + 36).append("\" text-anchor=\"middle\" font-size=\"13\" fill=\"#505a5f\">")
                .append(esc(detail)).append("</text></g>");
    }

    private static String sex(Family.Member m) {
        return m.sex() == null ? "" : m.sex().toLowerCase(Locale.ROOT);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String fmt(double v) {
        return String.valueOf(Math.round(v * 10) / 10.0);
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The diagram in words, for those who do not see it: each relationship, one line each. */
    List<String> described() {
        var lines = new ArrayList<String>();
        for (var l : family.links()) {
            var from = family.member(l.from());
            var to = family.member(l.to());
            if (from != null && to != null) {
                String what = l.role() != null && !l.role().isBlank() ? l.role() + " (" + l.type() + ")" : l.type();
                lines.add(from.name() + " is " + what + " of " + to.name() + (l.ended() != null ? ", until " + l.ended() : ""));
            }
        }
        for (var a : family.abuse()) {
            var from = family.member(a.perpetrator());
            var to = family.member(a.victim());
            if (from != null && to != null) {
                lines.add(from.name() + " is recorded as abusing " + to.name() + " (" + a.source() + ")");
            }
        }
        placed.values().stream().filter(Placed::household).map(p -> p.member().name()).reduce((x, y) -> x + ", " + y)
                .ifPresent(h -> lines.add("Living in the household: " + h));
        return lines;
    }
}
