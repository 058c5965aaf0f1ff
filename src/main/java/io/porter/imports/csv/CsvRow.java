package io.porter.imports.csv;

import java.util.List;

/**
 * One record of a CSV file. {@code row} counts as a spreadsheet does: the header is row 1, the first contact
 * row 2, whatever newlines quoted cells hold.
 */
public record CsvRow(int row, List<String> cells) {

    public String cell(int column) {
        return column < cells.size() ? cells.get(column) : "";
    }
}
