package dev.warroom.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Static checks of a parsed runbook against an {@link ActorCatalog}, run before anything executes:
 * unknown actors, unknown, duplicate, missing or wrong-typed arguments, undefined or out-of-scope
 * references, unknown output fields, duplicate step names and hypothesis titles, statements after
 * {@code conclude}, and non-bool conditions. Every problem is reported, in source order.
 *
 * <p>Scoping: a step's output is visible after it in its block and nested blocks. Steps inside a
 * hypothesis or loop are not visible after the block (the branch may be pruned, the loop runs many
 * times); steps inside {@code parallel} are not visible to each other but are after the block.
 */
public final class Checker {
  private final ActorCatalog catalog;

  public Checker(ActorCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /** Every diagnostic for {@code runbook}, sorted by position. */
  public List<Diagnostic> check(Runbook runbook) {
    return check(runbook, Set.of());
  }

  /**
   * Every diagnostic for {@code runbook}; names in {@code brokenSteps} (steps the parser could not
   * read, see {@link ParseResult#brokenSteps()}) count as defined, so they are not reported twice.
   */
  public List<Diagnostic> check(Runbook runbook, Set<String> brokenSteps) {
    return new Run(runbook, brokenSteps).check();
  }

  /** The state of one check. */
  private final class Run {
    private final Runbook runbook;
    private final Set<String> brokenSteps;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, Statement.Step> allSteps = new LinkedHashMap<>();
    private final Set<String> checkedSteps = new HashSet<>();
    private final Map<String, Position> hypothesisTitles = new HashMap<>();
    private final ExprTyper typer;

    Run(Runbook runbook, Set<String> brokenSteps) {
      this.runbook = runbook;
      this.brokenSteps = brokenSteps;
      this.typer = new ExprTyper(diagnostics, allSteps, catalog, checkedSteps);
    }

    List<Diagnostic> check() {
      for (Statement.Step step : runbook.steps()) {
        Statement.Step first = allSteps.putIfAbsent(step.name(), step);
        if (first != null) {
          error(
              step.position(),
              "duplicate step name '"
                  + step.name()
                  + "' (first defined at "
                  + first.position()
                  + ")");
        }
        if (step.name().equals("alert")) {
          error(step.position(), "'alert' is reserved; choose another step name");
        }
      }
      Scope root = Scope.root();
      brokenSteps.forEach(name -> root.define(name, Type.ANY));
      runbook.when().ifPresent(w -> typer.expect(w, Type.BOOL, root, "'when'"));
      block(runbook.body(), root, false);
      return diagnostics.stream().sorted(Diagnostic.ORDER).toList();
    }

    private void block(List<Statement> body, Scope scope, boolean inParallel) {
      Position concludedAt = null;
      boolean reported = false;
      for (Statement s : body) {
        if (s instanceof Statement.Comment) {
          continue;
        }
        if (concludedAt != null && !reported) {
          error(
              s.position(),
              "unreachable: 'conclude' at " + concludedAt + " ends the investigation before this");
          reported = true;
        }
        switch (s) {
          case Statement.Step step -> step(step, scope);
          case Statement.Require r -> typer.expect(r.condition(), Type.BOOL, scope, "'require'");
          case Statement.Hypothesis h -> hypothesis(h, scope);
          case Statement.Parallel p -> parallel(p, scope);
          case Statement.ForEach f -> forEach(f, scope);
          case Statement.Conclude c -> {
            if (inParallel) {
              error(c.position(), "'conclude' cannot run in parallel with other statements");
            }
            concludedAt = c.position();
          }
          case Statement.Comment c -> {}
        }
      }
    }

    private void step(Statement.Step step, Scope scope) {
      var signature = catalog.find(step.actor());
      Set<String> given = new HashSet<>();
      for (Argument arg : step.arguments()) {
        if (!given.add(arg.name())) {
          error(arg.position(), "duplicate argument '" + arg.name() + "'");
        }
        var param = signature.flatMap(sig -> sig.param(arg.name()));
        if (signature.isPresent() && param.isEmpty()) {
          List<String> names =
              signature.get().params().stream().map(ActorSignature.Param::name).toList();
          error(
              arg.position(),
              "actor "
                  + step.actor()
                  + " has no parameter '"
                  + arg.name()
                  + "'"
                  + Suggestions.hint(arg.name(), names)
                  + "; it takes: "
                  + (names.isEmpty() ? "nothing" : String.join(", ", names)));
        }
        if (param.isPresent()) {
          typer.expect(
              arg.value(),
              param.get().type(),
              scope,
              "argument '" + arg.name() + "' of " + step.actor());
        } else {
          typer.typeOf(arg.value(), scope);
        }
      }
      if (signature.isEmpty()) {
        error(
            step.position(),
            "unknown actor '"
                + step.actor()
                + "'"
                + Suggestions.hint(
                    step.actor(), catalog.all().stream().map(ActorSignature::name).toList()));
      } else {
        for (ActorSignature.Param p : signature.get().params()) {
          if (p.required() && !given.contains(p.name())) {
            error(
                step.position(),
                "step '"
                    + step.name()
                    + "': actor "
                    + step.actor()
                    + " needs argument '"
                    + p.name()
                    + "' ("
                    + p.type().display()
                    + ")");
          }
        }
      }
      checkedSteps.add(step.name());
      scope.define(step.name(), signature.<Type>map(ActorSignature::outputType).orElse(Type.ANY));
    }

    private void hypothesis(Statement.Hypothesis h, Scope scope) {
      Position first = hypothesisTitles.putIfAbsent(h.title(), h.position());
      if (first != null) {
        error(h.position(), "duplicate hypothesis \"" + h.title() + "\" (first at " + first + ")");
      }
      if (h.body().stream().allMatch(Statement.Comment.class::isInstance)) {
        diagnostics.add(
            Diagnostic.warning(h.position(), "hypothesis \"" + h.title() + "\" has no statements"));
      }
      block(h.body(), scope.child(), false);
    }

    private void parallel(Statement.Parallel p, Scope scope) {
      Scope outputs = scope.child();
      for (Statement s : p.body()) {
        // Each branch sees only what existed before the block, never a sibling's output.
        Scope own = scope.child();
        block(List.of(s), own, true);
        own.exportTo(outputs);
      }
      outputs.exportTo(scope);
    }

    private void forEach(Statement.ForEach f, Scope scope) {
      Type iterable = typer.typeOf(f.iterable(), scope);
      Type element =
          switch (iterable) {
            case Type.ListOf l -> l.element();
            case Type.Any a -> Type.ANY;
            default -> {
              error(
                  f.iterable().position(),
                  "'for' needs a list to iterate over but got " + iterable.display());
              yield Type.ANY;
            }
          };
      if (allSteps.containsKey(f.variable()) || f.variable().equals("alert")) {
        error(f.position(), "loop variable '" + f.variable() + "' hides a step or 'alert'");
      }
      Scope inner = scope.child();
      inner.define(f.variable(), element);
      block(f.body(), inner, false);
    }

    private void error(Position at, String message) {
      diagnostics.add(Diagnostic.error(at, message));
    }
  }
}
