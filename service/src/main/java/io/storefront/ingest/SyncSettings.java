package io.storefront.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dailyCron when every active store gets its incremental sync (server time zone)
 * @param reconcileCron when every active store is compared with Shopify (deleted records removed, missing fetched)
 * @param concurrentRuns how many syncs run at once on this instance; more wait queued
 * @param overlap how far before the saved cursor an incremental sync starts reading again
 * @param pageSize {@code first} of incremental pages (lowered automatically to fit Shopify's query cost limit)
 * @param staleAfter the lease of a run on its instance, extended every quarter of it while the run lives; once it
 *     has run out (the instance stopped) another instance takes the run over and resumes it
 * @param maxAttempts how often a lost run is resumed before it is marked failed
 */
@ConfigurationProperties("storefront.sync")
public record SyncSettings(
        @DefaultValue("0 0 3 * * *") String dailyCron,
        @DefaultValue("0 30 4 * * SUN") String reconcileCron,
        @DefaultValue("4") int concurrentRuns,
        @DefaultValue("5m") Duration overlap,
        @DefaultValue("250") int pageSize,
        @DefaultValue("5") int nestedPageSize,
        @DefaultValue("2m") Duration staleAfter,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("30s") Duration recoveryInterval) {}
