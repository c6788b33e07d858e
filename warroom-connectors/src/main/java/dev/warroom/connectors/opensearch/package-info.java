/**
 * Logs in OpenSearch or Elasticsearch, read with the {@code _search} query DSL and aggregations
 * pushed down into the backend ({@link dev.warroom.connectors.opensearch.OpenSearchStore}).
 */
package dev.warroom.connectors.opensearch;
