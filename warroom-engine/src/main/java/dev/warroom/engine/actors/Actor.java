package dev.warroom.engine.actors;

/**
 * One kind of investigation step, called by name from a runbook with named, typed arguments. The
 * input and output are records: the registry derives the runbook checker's signature from their
 * components, and later steps read the output's components as fields ({@code errs.found}). Actors
 * record their {@link dev.warroom.model.Finding}s and evidence in the context.
 *
 * @param <I> the input record
 * @param <O> the output record
 */
public interface Actor<I extends Record, O extends Record> {

  /** The name runbooks call, snake case: {@code error_localization}. */
  String name();

  /** One line for the catalogue and {@code --help}. */
  String description();

  Class<I> inputType();

  Class<O> outputType();

  /** Runs the step; may spend budget and add findings and evidence to {@code context}. */
  O run(I input, InvestigationContext context);
}
