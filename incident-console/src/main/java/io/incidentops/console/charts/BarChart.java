package io.incidentops.console.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart as numbers a template draws as SVG (server-side, no script): one bar per week. The template escapes
 * every label, so chart text from the services is as safe as the rest of the page.
 */
public record BarChart(String id, String title, String unit, int width, int height, List<Bar> bars, String maxLabel) {

    static final int WIDTH = 640;
    static final int HEIGHT = 180;
    static final int TOP = 16;
    static final int BOTTOM = 28;
    static final int LEFT = 8;

    /** {@code value} null: no data that week (no bar, the label says so). */
    public record Bar(String label, Double value, String text, int x, int y, int w, int h, boolean warn) {
        public int labelX() {
            return x + w / 2;
        }
    }

    public record Point(String label, Double value, String text, boolean warn) {
    }

    public static BarChart of(String id, String title, String unit, List<Point> points, double fixedMax) {
        double max = fixedMax > 0 ? fixedMax : points.stream().filter(p -> p.value() != null)
                .mapToDouble(Point::value).max().orElse(0);
        int slots = Math.max(points.size(), 1);
        int slot = (WIDTH - LEFT) / slots;
        int barWidth = Math.max(slot - 6, 2);
        int plot = HEIGHT - TOP - BOTTOM;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            int h = p.value() == null || max <= 0 ? 0 : (int) Math.round(p.value() / max * plot);
            int x = LEFT + i * slot + 3;
            bars.add(new Bar(p.label(), p.value(), p.text(), x, TOP + plot - h, barWidth, h, p.warn()));
        }
        String maxLabel = max <= 0 ? "" : (fixedMax > 0 ? format(max) : format(max)) + " " + unit;
        return new BarChart(id, title, unit, WIDTH, HEIGHT, bars, maxLabel);
    }

    public int baseline() {
        return HEIGHT - BOTTOM;
    }

    public int labelY() {
        return HEIGHT - BOTTOM + 14;
    }

    public boolean empty() {
        return bars.stream().allMatch(b -> b.value() == null);
    }

    static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
