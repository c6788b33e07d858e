/**
 * Live, read-only connectors to the user's telemetry backends. Each implements the store's read SPI
 * ({@link dev.warroom.store.TelemetryStore}), pushes aggregation down into the backend's own query
 * language, reports the native query it sent, and says when it cannot answer a kind of query
 * ({@link dev.warroom.store.UnsupportedQueryException}); a sources file (YAML) configures them.
 */
package dev.warroom.connectors;
