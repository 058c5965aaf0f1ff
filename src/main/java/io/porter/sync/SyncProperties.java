package io.porter.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code porter.sync.*}: how the outbox is delivered.
 *
 * @param allowPrivateTargets   let destinations point at private, loopback and link-local addresses (tests, labs)
 * @param workerEnabled         run the background worker in the server (tests call {@link SyncWorker#runOnce()} instead)
 * @param workerThreads         worker threads in this process; more processes may run workers too
 * @param pollInterval          how long an idle worker waits before looking again
 * @param batchSize             deliveries claimed per transaction
 * @param requestTimeout        per HTTP request, after which the attempt counts as failed (a timeout)
 * @param maxAttempts           attempts before a delivery is parked as dead
 * @param backoffBase           the first retry's ceiling; each next ceiling is 4 times more (full jitter below it)
 * @param backoffMax            the largest ceiling
 * @param pauseAfter            a destination failing without a success for this long is paused
 * @param rotationOverlap       after a secret rotation, how long the old secret still signs too
 * @param webhookConcurrency    parallel requests to one webhook endpoint within a batch
 * @param bulkThreshold         due Klaviyo items in one batch from which bulk jobs are used
 * @param klaviyoBurstPerSecond requests per second to one Klaviyo endpoint of one destination
 * @param klaviyoSteadyPerMinute requests per minute to one Klaviyo endpoint of one destination
 * @param klaviyoRevision       Klaviyo's API revision header
 * @param keepFor               how long a dispatched event and its delivery log are kept ({@link OutboxRetention})
 */
@ConfigurationProperties("porter.sync")
public record SyncProperties(
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("true") boolean workerEnabled,
        @DefaultValue("2") int workerThreads,
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("PT10S") Duration requestTimeout,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("PT1M") Duration backoffBase,
        @DefaultValue("PT24H") Duration backoffMax,
        @DefaultValue("PT72H") Duration pauseAfter,
        @DefaultValue("PT24H") Duration rotationOverlap,
        @DefaultValue("16") int webhookConcurrency,
        @DefaultValue("50") int bulkThreshold,
        @DefaultValue("10") int klaviyoBurstPerSecond,
        @DefaultValue("150") int klaviyoSteadyPerMinute,
        @DefaultValue("2025-01-15") String klaviyoRevision,
        @DefaultValue("P30D") Duration keepFor) {
}
