/**
 * Traces and service dependencies in a Zipkin server, read with its API v2 ({@link
 * dev.warroom.connectors.zipkin.ZipkinStore}).
 */
package dev.warroom.connectors.zipkin;
