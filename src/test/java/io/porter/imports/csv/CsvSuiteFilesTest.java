package io.porter.imports.csv;

import static io.porter.imports.csv.CsvTestSupport.read;
import static io.porter.imports.csv.CsvTestSupport.spectrum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.porter.imports.ImportRejectedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Public fixtures without expected output (RFC 4180 good and bad files, Apache Commons CSV, csvkit, an Excel-style
 * semicolon table): what a person uploading each one would expect. One comment per file says why.
 */
class CsvSuiteFilesTest {

    static UploadInspector.Inspection inspect(Path file) {
        return UploadInspector.inspect(file, null, null, ImportLimits.DEFAULT);
    }

    static ImportRejectedException rejected(Path file) {
        ImportRejectedException e = catchThrowableOfType(ImportRejectedException.class, () -> inspect(file));
        assertThat(e).as("%s is rejected", file.getFileName()).isNotNull();
        return e;
    }

    @Nested
    class RfcBadFiles {

        @Test
        void missingClosingQuoteIsRejectedNamingTheRow() {
            // an unclosed quote swallows the rest of the file: refuse it, saying where, rather than import garbage
            var e = rejected(spectrum("sineemore-csv-test-data/csv/bad-missing-quote.csv"));
            assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.getMessage()).contains("row 2").containsIgnoringCase("quote");
        }

        @Test
        void textAfterAClosingQuoteIsRejectedNamingTheRow() {
            // "Hey, I missed " it": no reading of it is sure to be what was meant; the person fixes row 2
            var e = rejected(spectrum("sineemore-csv-test-data/csv/bad-quotes-with-unescaped-quote.csv"));
            assertThat(e.getMessage()).contains("row 2").containsIgnoringCase("quote");
        }

        @Test
        void quotesInsideAnUnquotedCellAreText() {
            // as Excel reads it: a quote that does not open the cell is an ordinary character
            var read = read(spectrum("sineemore-csv-test-data/csv/bad-unescaped-quote.csv"));
            assertThat(read.cells()).containsExactly(List.of("1", "This \"quotes\" must be escaped", "3"));
        }

        @Test
        void rowsShorterOrLongerThanTheHeaderKeepTheirCells() {
            // the engine reports these rows; it can only do so if CsvRow holds every cell that was there
            assertThat(read(spectrum("sineemore-csv-test-data/csv/bad-header-less-fields.csv")).cells())
                    .containsExactly(List.of("1", "2"));
            assertThat(read(spectrum("sineemore-csv-test-data/csv/bad-header-more-fields.csv")).cells())
                    .containsExactly(List.of("1", "2", "3", "4"));
        }

        @Test
        void emptyFileIsRejected() {
            // bad-header-no-header.csv has no bytes at all
            assertThat(rejected(spectrum("sineemore-csv-test-data/csv/bad-header-no-header.csv")).getMessage())
                    .contains("empty");
        }

        @Test
        void headerOnlyFilesAreRejected() {
            // a header with no contact rows imports nothing: tell the person rather than report success
            assertThat(rejected(spectrum("sineemore-csv-test-data/csv/bad-header-wrong-header.csv")).getMessage())
                    .contains("no contact rows");
            assertThat(rejected(spectrum("sineemore-csv-test-data/csv/header-no-rows.csv")).getMessage())
                    .contains("no contact rows");
            assertThat(rejected(spectrum("apache-commons-csv/CSV-259/sample.txt")).getMessage())
                    .contains("no contact rows");
        }

        @Test
        void onlyBlankLinesIsRejectedAsHavingNoHeader() {
            // all-empty.csv is two newlines: there is no header to map
            assertThat(rejected(spectrum("sineemore-csv-test-data/csv/all-empty.csv")).getMessage())
                    .contains("only blank lines").contains("header row");
        }
    }

    @Nested
    class ApacheCommonsCsv {

        @Test
        void utf8BomIsNotPartOfTheFirstColumnName() {
            // bom.csv: a BOM left in "Date" would make the column impossible to map by name
            var inspection = inspect(spectrum("apache-commons-csv/CSVFileParser/bom.csv"));
            assertThat(inspection.format().charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(inspection.header()).containsExactly("Date", " Open", " High", " Low", " Close", " Volume");
            assertThat(inspection.preview().get(0).cells())
                    .containsExactly("14-Mar-14", "223.80", "225.20", "220.85", "221.51", "79448141");
        }

        @Test
        void emojiAndJapaneseSurviveDecoding() {
            // CSV-196: 4-byte UTF-8 and CJK text must come through unchanged
            var emoji = inspect(spectrum("apache-commons-csv/CSV-196/emoji.csv"));
            assertThat(emoji.header()).hasSize(16);
            assertThat(emoji.preview().get(0).cell(1)).isEqualTo("\uD83D\uDE04".repeat(10));
            var japanese = inspect(spectrum("apache-commons-csv/CSV-196/japanese.csv"));
            assertThat(japanese.rowCount()).isEqualTo(3);
            assertThat(japanese.preview().get(0).cell(0)).isEqualTo("00000000000001");
            assertThat(japanese.preview().get(0).cell(2)).startsWith("\u304D\u3061\u3093\u3068");
        }

        @Test
        void semicolonFileWithEveryCellQuoted() {
            // CSV-213: European Excel style, all quoted; an empty quoted cell is an empty value
            var inspection = inspect(spectrum("apache-commons-csv/CSV-213/999751170.patch.csv"));
            assertThat(inspection.format().delimiter()).isEqualTo(';');
            assertThat(inspection.header()).containsExactly("CHANELID", "ADDRESS");
            assertThat(inspection.preview()).extracting(CsvRow::cells).containsExactly(List.of("27", ""));
        }

        @Test
        void blankHeaderCellIsKept() {
            // CSV-254: "AA,33," has a third column without a name; the mapping step decides what to do with it
            var read = read(spectrum("apache-commons-csv/CSV-254/csv-254.csv"));
            assertThat(read.header()).containsExactly("AA", "33", "");
            assertThat(read.cells()).containsExactly(List.of("AA", "", ""), List.of("", "33", "CC"));
        }

        @Test
        void postgresCsvKeepsQuotedNewlinesAndBackslashesAsText() {
            // CSV-290 psql.csv is RFC 4180; its \b \t \n are plain text there, and a quoted CR stays in the cell
            var read = read(spectrum("apache-commons-csv/CSV-290/psql.csv"));
            assertThat(read.format().delimiter()).isEqualTo(',');
            assertThat(read.header()).containsExactly("1", "abc", "test line 1\ntest line 2", "", "");
            assertThat(read.cells().get(0)).containsExactly("2", "xyz", "\\b:\b \\t:\t \\n:\n \\r:\r", "a", "b");
            assertThat(read.cells().get(1)).containsExactly("3", "a", "b,c,d", "\"quoted\"", "e");
            // rows count as a spreadsheet does: the quoted newlines do not add rows
            assertThat(read.rowNumbers()).containsExactly(2, 3);
        }

        @Test
        void postgresTextFormatIsTabSeparated() {
            // CSV-290 psql.tsv: detected as tab; \N is just text to us, and "quoted" is a quoted cell as in RFC 4180
            var read = read(spectrum("apache-commons-csv/CSV-290/psql.tsv"));
            assertThat(read.format().delimiter()).isEqualTo('\t');
            assertThat(read.header()).containsExactly("1", "abc", "test line 1\\ntest line 2", "\\N", "");
            assertThat(read.cells().get(1)).containsExactly("3", "a", "b,c,d", "quoted", "e");
        }

        @Test
        void commentLinesAreOrdinaryRows() {
            // testCSV246: CSV has no comments and neither has Excel; "# Comment" lines are one-cell rows the
            // engine will report, rather than silently dropped data
            var read = read(spectrum("apache-commons-csv/CSVFileParser/testCSV246.csv"));
            assertThat(read.header()).containsExactly("a", "b", "c", "e", "f");
            assertThat(read.cells()).containsExactly(List.of("# Very Long"), List.of("# Comment 2"),
                    List.of("g", "h", "i", "j", "k"), List.of("# Very Long"), List.of("# Comment 3"),
                    List.of("l", "m", "n", "o", "p"));
            // the blank line (spreadsheet row 6) is skipped but still counted
            assertThat(read.rowNumbers()).containsExactly(2, 3, 4, 5, 7, 8);
        }

        @Test
        void textAfterAClosingQuoteInTestCsvIsRejected() {
            // test.csv row 7 has `" l " ` (a space after the closing quote): not RFC 4180; refused with its row
            var e = rejected(spectrum("apache-commons-csv/CSVFileParser/test.csv"));
            assertThat(e.getMessage()).contains("row 7");
        }

        @Test
        void backslashEscapedQuotesAreNotCsv() {
            // CSV-141 escapes quotes with backslashes (not RFC 4180): a quote then swallows a newline and
            // text follows a closing quote; refused, naming the row
            var e = rejected(spectrum("apache-commons-csv/CSV-141/csv-141.csv"));
            assertThat(e.getMessage()).containsPattern("row \\d");
        }
    }

    @Nested
    class Csvkit {

        @Test
        void raggedRowsKeepAllTheirCells() {
            // bad.csv: a row too long and one too short are still rows; the engine reports them with these cells
            var read = read(spectrum("csvkit-examples/bad.csv"));
            assertThat(read.header()).containsExactly("column_a", "column_b", "column_c");
            assertThat(read.cells()).containsExactly(List.of("1", "27", "", "I'm too long!"),
                    List.of("", "I'm too short!"), List.of("0", "mixed types.... uh oh", "17"));
        }

        @Test
        void blankLinesBeforeTheHeaderAreSkippedButCounted() {
            // bad_skip_lines / test_skip_lines: the header is the first line with something on it; row numbers
            // stay those the person sees in a spreadsheet
            var read = read(spectrum("csvkit-examples/test_skip_lines.csv"));
            assertThat(read.header()).containsExactly("a", "b", "c");
            assertThat(read.cells()).containsExactly(List.of("1", "2", "3"));
            assertThat(read.rowNumbers()).containsExactly(5);
            assertThat(read(spectrum("csvkit-examples/bad_skip_lines.csv")).rowNumbers()).containsExactly(5, 6, 7);
        }

        @Test
        void nullLikeStringsAreKeptAsTheyAre() {
            // blanks.csv: NA, N/A, NONE, NULL, "." are values here; whether they mean 'empty' is the engine's call
            assertThat(read(spectrum("csvkit-examples/blanks.csv")).cells())
                    .containsExactly(List.of("", "NA", "N/A", "NONE", "NULL", "."));
        }

        @Test
        void numbersAndDatesStayText() {
            // leading zeros, decimal commas and ambiguous dates must not be reinterpreted by the CSV layer
            assertThat(read(spectrum("csvkit-examples/test_no_leading_zeroes.csv")).cells())
                    .containsExactly(List.of("01", "00.11", "0.1"));
            assertThat(read(spectrum("csvkit-examples/test_locale.csv")).cells())
                    .containsExactly(List.of("1,7", "200.000.000", ""));
            assertThat(read(spectrum("csvkit-examples/test_date_format.csv")).cells())
                    .containsExactly(List.of("02/01/2014"), List.of("31/12/2012"));
            assertThat(read(spectrum("csvkit-examples/test_numeric_date_format.csv")).cells())
                    .containsExactly(List.of("20140102"), List.of("20121231"));
            assertThat(read(spectrum("csvkit-examples/date_like_number.csv")).cells()).containsExactly(List.of("4.5"));
        }

        @Test
        void tabAndSemicolonAreDetected() {
            // dummy.tsv and sniff_limit.csv: the delimiter is whatever splits the lines consistently
            var tsv = read(spectrum("csvkit-examples/dummy.tsv"));
            assertThat(tsv.format().delimiter()).isEqualTo('\t');
            assertThat(tsv.header()).containsExactly("a", "b", "c");
            var semicolon = read(spectrum("csvkit-examples/sniff_limit.csv"));
            assertThat(semicolon.format().delimiter()).isEqualTo(';');
            assertThat(semicolon.cells()).containsExactly(List.of("1", "2", "3"));
        }

        @Test
        void classicMacNewlines() {
            // mac_newlines.csv ends lines with CR only (old Mac Excel); a quoted CR stays inside its cell
            var read = read(spectrum("csvkit-examples/mac_newlines.csv"));
            assertThat(read.header()).containsExactly("a", "b", "c");
            assertThat(read.cells()).containsExactly(List.of("1", "2", "3"), List.of("Once upon\ra time", "5", "6"));
            assertThat(read.rowNumbers()).containsExactly(2, 3);
        }

        @Test
        void nulByteMeansNotText() {
            // null_byte.csv: a NUL never belongs in a contact CSV; it is a sign of a binary or mis-saved file
            var e = rejected(spectrum("csvkit-examples/null_byte.csv"));
            assertThat(e.getMessage()).contains("not text");
        }

        @Test
        void emptyColumnsAndEmptyRows() {
            // test_empty_columns: unnamed columns are kept; ",,,," holds nothing and is not a contact row
            var read = read(spectrum("csvkit-examples/test_empty_columns.csv"));
            assertThat(read.header()).containsExactly("a", "b", "c", "", "");
            assertThat(read.cells()).containsExactly(List.of("a", "", "", "", ""), List.of("", "", "c", ""));
            assertThat(read.rowNumbers()).containsExactly(2, 3);
            // with only such a row below the header, there is nothing to import
            assertThat(rejected(spectrum("csvkit-examples/test_empty_columns_long_row.csv")).getMessage())
                    .contains("no contact rows");
            assertThat(rejected(spectrum("csvkit-examples/test_empty_columns_short_row.csv")).getMessage())
                    .contains("no contact rows");
        }

        @Test
        void headerCellWithControlCharactersInsideQuotes() {
            // test_header_newline: the quoted header cell keeps its tab, VT, FF, CR and LF; it is one column
            var read = read(spectrum("csvkit-examples/test_header_newline.csv"));
            assertThat(read.header()).containsExactly("\t\n\u000B\f\r start \t\n\u000B\f\r end \t\n\u000B\f\r", "b", "c");
            assertThat(read.cells()).containsExactly(List.of("d", "e", "f"));
        }

        @Test
        void encodings() {
            // Latin-1 (no BOM, not UTF-8) is read as Windows-1252, which agrees on ©
            var latin1 = inspect(spectrum("csvkit-examples/test_latin1.csv"));
            assertThat(latin1.format().charset()).isEqualTo(CsvFormat.WINDOWS_1252);
            assertThat(latin1.preview().get(1).cells()).containsExactly("4", "5", "\u00A9");
            // UTF-16 with a BOM, either byte order; the BOM says which
            for (String name : List.of("test_utf16_big.csv", "test_utf16_little.csv")) {
                var utf16 = inspect(spectrum("csvkit-examples/" + name));
                assertThat(utf16.format().charset().name()).as(name).startsWith("UTF-16");
                assertThat(utf16.header()).as(name).containsExactly("a", "b", "c");
                assertThat(utf16.preview().get(1).cells()).as(name).containsExactly("4", "5", "\u02A4");
            }
            // UTF-8 with and without a BOM read the same
            var plain = inspect(spectrum("csvkit-examples/test_utf8.csv"));
            var bom = inspect(spectrum("csvkit-examples/test_utf8_bom.csv"));
            assertThat(bom.header()).isEqualTo(plain.header()).containsExactly("foo", "bar", "baz");
            assertThat(bom.preview()).extracting(CsvRow::cells)
                    .isEqualTo(plain.preview().stream().map(CsvRow::cells).toList())
                    .contains(List.of("4", "5", "\u02A4"));
        }
    }

    @Nested
    class ExcelStyle {

        @Test
        void isoLatin1FromExcelWithEitherLineEnding() {
            // Excel on Western-European Windows saves 'CSV' in Windows-1252; accents must come out right
            for (String name : List.of("CSV-basic-ISO-8859-1.CRLF.csv", "CSV-basic-ISO-8859-1.LF.csv")) {
                var inspection = inspect(spectrum("charlesnepote-csv-test-files/" + name));
                assertThat(inspection.format()).as(name).isEqualTo(new CsvFormat(CsvFormat.WINDOWS_1252, ','));
                assertThat(inspection.header()).as(name).containsExactly("first_name", "last_name", "age");
                assertThat(inspection.preview().get(2).cells()).as(name).containsExactly("H\u00e9l\u00e8ne", "Mah\u00e9", "42");
                assertThat(inspection.rowCount()).as(name).isEqualTo(3);
            }
        }

        @Test
        void semicolonTable() {
            // readme-table-semicolon-utf8: the semicolon is found despite commas in cells; spaces, formulas,
            // leading zeros, 4-byte characters and rows longer than the header are all kept as written
            var read = read(spectrum("charlesnepote-csv-test-files/readme-table-semicolon-utf8.csv"));
            assertThat(read.format()).isEqualTo(new CsvFormat(StandardCharsets.UTF_8, ';'));
            assertThat(read.header()).hasSize(6).startsWith("header", "type of data");
            assertThat(row(read, "Number one hundred thousand with a comma"))
                    .containsExactly("data", "Number one hundred thousand with a comma", "100,000", " 100,000", "  100,000 ", " 100,000 ");
            assertThat(row(read, "Numbers")).hasSize(8).endsWith("133.55", "-133.55",
                    "133.55-", "133,55", "-133,55", "133,55-");
            assertThat(row(read, "Calc")).containsExactly("data", "Calc", "=100/2", "=100/2", "'=100/2", "'=100/2", "");
            assertThat(row(read, "Numbers (000100)")).containsExactly("data", "Numbers (000100)", "000100", " 000100", "  000100 ", "  0000100 ");
            assertThat(row(read, "G-clef (only UTF8)")).contains("\uD834\uDD1E");
        }

        private static List<String> row(CsvTestSupport.Read read, String type) {
            return read.cells().stream().filter(c -> c.size() > 1 && c.get(1).equals(type)).findFirst().orElseThrow();
        }
    }
}
