package io.porter.migration;

import org.springframework.stereotype.Service;

/**
 * Starts a migration run and hands it to the runner's background threads, as the API does; for callers outside
 * this package (the web pages).
 */
@Service
public class MigrationLauncher {

    private final Migrations migrations;
    private final MigrationRunner runner;

    MigrationLauncher(Migrations migrations, MigrationRunner runner) {
        this.migrations = migrations;
        this.runner = runner;
    }

    /** A demo, full or delta run of an uploaded export, started in the background. */
    public Migrations.RunRow start(long ws, long sourceId, String kind, Integer demoSize, String createdBy) {
        Migrations.RunRow r = migrations.start(ws, sourceId, kind, demoSize, createdBy);
        runner.runInBackground(ws, r.id());
        return r;
    }

    /** A failed run started again from where it stopped. */
    public Migrations.RunRow restart(long ws, long runId) {
        Migrations.RunRow r = migrations.restart(ws, runId);
        runner.runInBackground(ws, r.id());
        return r;
    }
}
