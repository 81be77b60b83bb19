package org.tapercds.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One data row of a CSV table under {@code rules/}, with its file and line for error messages. */
public record CsvRow(Path file, int line, Map<String, String> values) {

    public static List<CsvRow> read(Path file, List<String> expectedHeader) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CsvFormatException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        List<CsvRow> rows = new ArrayList<>();
        List<String> header = null;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank() || text.startsWith("#")) {
                continue;
            }
            List<String> cells = split(text, file, i + 1);
            if (header == null) {
                if (!cells.equals(expectedHeader)) {
                    throw new CsvFormatException(
                            file + ":" + (i + 1) + ": header must be " + String.join(",", expectedHeader));
                }
                header = cells;
                continue;
            }
            if (cells.size() != header.size()) {
                throw new CsvFormatException(
                        file + ":" + (i + 1) + ": expected " + header.size() + " columns, found " + cells.size());
            }
            Map<String, String> values = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), cells.get(c).trim());
            }
            rows.add(new CsvRow(file, i + 1, values));
        }
        if (header == null) {
            throw new CsvFormatException(file + ": no header row");
        }
        return rows;
    }

    /** RFC 4180 fields: commas separate, double quotes enclose, "" is a quote inside quotes. */
    static List<String> split(String text, Path file, int line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new CsvFormatException(file + ":" + line + ": unterminated quote");
        }
        cells.add(cell.toString());
        return cells;
    }

    public CsvFormatException error(String message) {
        return new CsvFormatException(file + ":" + line + ": " + message);
    }

    public String required(String column) {
        String value = values.get(column);
        if (value == null || value.isEmpty()) {
            throw error(column + " is required");
        }
        return value;
    }

    public String optional(String column) {
        String value = values.get(column);
        return value == null || value.isEmpty() ? null : value;
    }

    public Double positiveOrNull(String column) {
        String value = optional(column);
        if (value == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(value);
            if (!(number > 0) || Double.isInfinite(number)) {
                throw error(column + " must be a positive number: " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw error(column + " is not a number: " + value);
        }
    }
}
