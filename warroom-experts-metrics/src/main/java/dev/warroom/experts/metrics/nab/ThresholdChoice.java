package dev.warroom.experts.metrics.nab;

/** The threshold NAB's optimiser picked for one detector and profile, and the corpus raw score. */
public record ThresholdChoice(String profile, double threshold, double score) {}
