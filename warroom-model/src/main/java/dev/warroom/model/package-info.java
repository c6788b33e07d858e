/**
 * The CoMELT model: immutable records for code, metrics, events, logs and traces, the topology of
 * the system under investigation, alerts, and the evidence, findings, hypotheses and reports that
 * an investigation produces. No third-party dependencies; every layer of warroom exchanges these
 * values.
 */
package dev.warroom.model;
