package io.incidentops.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Left-aligned columns separated by two spaces, as {@code kubectl get} prints them; every cell passes through
 * {@link Text#safe}, cells longer than the column's limit are cut.
 */
public final class Table {

    private static final int DEFAULT_MAX = 60;

    private final String[] headers;
    private final int[] max;
    private final List<String[]> rows = new ArrayList<>();

    private Table(String[] headers) {
        this.headers = headers;
        this.max = new int[headers.length];
        Arrays.fill(max, DEFAULT_MAX);
    }

    /** A table with a header line. */
    public static Table of(String... headers) {
        return new Table(headers);
    }

    /** A table without header line, for {@code key  value} blocks. */
    public static Table untitled(int columns) {
        return new Table(new String[columns]);
    }

    /** Allows a column more room (or less) than the default 60 characters. */
    public Table limit(int column, int width) {
        max[column] = width;
        return this;
    }

    public Table row(String... cells) {
        String[] row = new String[headers.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = Text.cut(Text.safe(i < cells.length ? cells[i] : null), max[i]);
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(PrintWriter out) {
        int[] width = new int[headers.length];
        boolean titled = headers[0] != null;
        for (int i = 0; i < headers.length; i++) {
            width[i] = titled ? headers[i].length() : 0;
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        if (titled) {
            line(out, headers, width);
        }
        rows.forEach(row -> line(out, row, width));
        out.flush();
    }

    private static void line(PrintWriter out, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i == cells.length - 1) {
                sb.append(cells[i]); // no trailing blanks
            } else {
                sb.append(cells[i]).append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
