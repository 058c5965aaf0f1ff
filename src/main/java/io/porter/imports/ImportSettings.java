package io.porter.imports;

import io.porter.imports.csv.ImportLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Limits and timings of imports ({@code porter.imports.*}). */
@ConfigurationProperties("porter.imports")
public record ImportSettings(DataSize maxFileSize, Integer maxRows, Integer chunkSize, Duration reviewValidFor,
                             Duration resultKeptFor, Integer applyThreads) {

    public ImportSettings {
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(20) : maxFileSize;
        maxRows = maxRows == null ? 200_000 : maxRows;
        chunkSize = chunkSize == null ? 10_000 : chunkSize;
        reviewValidFor = reviewValidFor == null ? Duration.ofHours(1) : reviewValidFor;
        resultKeptFor = resultKeptFor == null ? Duration.ofDays(7) : resultKeptFor;
        // chunks applied at once, each on its own connection: applying is the database's work, and two keep two cores busy
        applyThreads = applyThreads == null ? 2 : applyThreads;
    }

    public ImportLimits limits() {
        return new ImportLimits(maxFileSize.toBytes(), maxRows);
    }
}
