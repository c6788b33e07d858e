package dev.warroom.engine.director;

import dev.warroom.dsl.Expr;
import dev.warroom.dsl.Runbook;
import dev.warroom.dsl.Statement;
import dev.warroom.engine.actors.ActorRegistry;
import dev.warroom.engine.actors.InvestigationContext;
import dev.warroom.engine.agents.Budget;
import dev.warroom.model.Evidence;
import dev.warroom.model.HypothesisStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * Walks a checked runbook's AST. Steps call actors by name through the {@link ActorRegistry};
 * outputs are bound by step name for later references. Consecutive hypothesis blocks run in
 * descending prior order (unset priors last, ties in source order). A failed {@code require} prunes
 * the enclosing hypothesis and the interpreter backtracks to the next branch; at top level it ends
 * the run. A step whose actor fails (missing data, bad input) prunes its branch the same way, with
 * the error as reason. The run stops when the budget is spent, on {@code conclude}, or when {@code
 * stopOnConfidence} says the top candidate is confident enough, checked after every step, parallel
 * block and hypothesis (so a long branch need not run to its end).
 *
 * <p>Each statement of a {@code parallel} block is a branch that runs concurrently on a bounded
 * pool (at most {@code parallelism} threads) with a {@link InvestigationContext#fork() forked}
 * context: branches share the budget, the memo and the store, but record evidence and findings on
 * their own. When every branch has finished, they are merged in source order (evidence renumbered,
 * steps, branches and bindings appended), so a report does not depend on thread timing. A branch
 * whose step fails is recorded with its error and leaves its output unbound; its siblings' results
 * are kept and the run goes on. A spent budget or {@code conclude} in any branch ends the run after
 * the merge.
 */
final class Interpreter {
  private final ActorRegistry registry;
  private final InvestigationContext ctx;
  private final Budget budget;
  private final BooleanSupplier stopOnConfidence;
  private final int parallelism;
  private final ExprEvaluator eval;
  private final List<RunTrace.StepRun> steps = new ArrayList<>();
  private final List<RunTrace.Branch> branches = new ArrayList<>();

  Interpreter(
      ActorRegistry registry,
      InvestigationContext ctx,
      Budget budget,
      BooleanSupplier stopOnConfidence) {
    this(registry, ctx, budget, stopOnConfidence, defaultParallelism());
  }

  /**
   * @param parallelism the most branches of one {@code parallel} block that run at once
   */
  Interpreter(
      ActorRegistry registry,
      InvestigationContext ctx,
      Budget budget,
      BooleanSupplier stopOnConfidence,
      int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism < 1: " + parallelism);
    }
    this.registry = registry;
    this.ctx = ctx;
    this.budget = budget;
    this.stopOnConfidence = stopOnConfidence;
    this.parallelism = parallelism;
    this.eval = new ExprEvaluator(ctx);
  }

  /**
   * Two to four threads: the branches mostly wait on the store, and more would only compete for the
   * cores the store's own queries use.
   */
  static int defaultParallelism() {
    return Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /** Signals a failed require or step inside a branch. */
  private static final class Pruned extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whether a step's actor failed (as opposed to a require that did not hold). */
    final boolean stepFailed;

    Pruned(String reason) {
      this(reason, false);
    }

    Pruned(String reason, boolean stepFailed) {
      super(reason, null, false, false);
      this.stepFailed = stepFailed;
    }
  }

  /** Signals {@code conclude} or the confidence stop. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final RunTrace.Ending ending;

    Stop(RunTrace.Ending ending, String reason) {
      super(reason, null, false, false);
      this.ending = ending;
    }
  }

  RunTrace run(Runbook runbook) {
    RunTrace.Ending ending = RunTrace.Ending.COMPLETED;
    String reason = "";
    try {
      block(runbook.body(), new HashMap<>());
    } catch (Stop s) {
      ending = s.ending;
      reason = s.getMessage();
    } catch (Pruned p) {
      ending = RunTrace.Ending.REQUIRE_FAILED;
      reason = p.getMessage();
    } catch (Budget.ExhaustedException e) {
      ending = RunTrace.Ending.BUDGET;
      reason = e.getMessage();
    }
    markUnreached(runbook.body(), reason);
    return new RunTrace(steps, branches, ending, reason);
  }

  private void block(List<Statement> body, Map<String, Object> env) {
    int i = 0;
    while (i < body.size()) {
      if (body.get(i) instanceof Statement.Hypothesis) {
        List<Statement.Hypothesis> run = new ArrayList<>();
        while (i < body.size() && body.get(i) instanceof Statement.Hypothesis h) {
          run.add(h);
          i++;
        }
        run.sort(Comparator.comparingDouble(h -> -h.prior().orElse(-1)));
        for (Statement.Hypothesis h : run) {
          hypothesis(h, env);
        }
      } else {
        Statement done = body.get(i);
        statement(done, env);
        i++;
        // more of this block follows: a confident answer lets it be skipped (the enclosing
        // hypothesis, if any, then stays open); a finished block is checked by its hypothesis
        if (i < body.size() && !(done instanceof Statement.Comment)) {
          confidenceStop(
              "after " + (done instanceof Statement.Step st ? "step " + st.name() : "a block"));
        }
      }
    }
  }

  private void statement(Statement s, Map<String, Object> env) {
    switch (s) {
      case Statement.Step step -> step(step, env);
      case Statement.Require r -> {
        Object v;
        try {
          v = eval.eval(r.condition(), env);
        } catch (IllegalArgumentException e) {
          // e.g. a field of a step that failed in a parallel block: the requirement cannot hold.
          throw new Pruned("require " + ExprEvaluator.show(r.condition()) + ": " + e.getMessage());
        }
        if (!(v instanceof Boolean b && b)) {
          throw new Pruned("require " + ExprEvaluator.show(r.condition()) + " was false");
        }
      }
      case Statement.Hypothesis h -> hypothesis(h, env);
      case Statement.Parallel p -> parallel(p, env);
      case Statement.ForEach f -> {
        Object it = eval.eval(f.iterable(), env);
        List<?> items = it instanceof List<?> l ? l : it == null ? List.of() : List.of(it);
        for (Object item : items) {
          Map<String, Object> inner = new HashMap<>(env);
          inner.put(f.variable(), item);
          block(f.body(), inner);
          // Step outputs inside the loop stay visible after it (the last iteration's).
          inner.forEach(
              (k, v) -> {
                if (!k.equals(f.variable())) {
                  env.put(k, v);
                }
              });
        }
      }
      case Statement.Conclude c -> throw new Stop(RunTrace.Ending.CONCLUDED, "conclude");
      case Statement.Comment c -> {}
    }
  }

  private void step(Statement.Step step, Map<String, Object> env) {
    budget.checkTime();
    Map<String, Object> args = new HashMap<>();
    for (var a : step.arguments()) {
      Object v = eval.eval(a.value(), env);
      if (v != null) {
        args.put(a.name(), v);
      }
    }
    int before = ctx.evidence().all().size();
    long t0 = System.nanoTime();
    try {
      Record out = registry.call(step.actor(), args, ctx);
      env.put(step.name(), ActorRegistry.fields(out));
      steps.add(
          new RunTrace.StepRun(
              step.name(),
              step.actor(),
              "",
              (System.nanoTime() - t0) / 1_000_000,
              before,
              ctx.evidence().all().size()));
    } catch (Budget.ExhaustedException e) {
      steps.add(
          new RunTrace.StepRun(
              step.name(),
              step.actor(),
              e.getMessage(),
              (System.nanoTime() - t0) / 1_000_000,
              before,
              ctx.evidence().all().size()));
      throw e;
    } catch (RuntimeException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      steps.add(
          new RunTrace.StepRun(
              step.name(),
              step.actor(),
              msg,
              (System.nanoTime() - t0) / 1_000_000,
              before,
              ctx.evidence().all().size()));
      throw new Pruned("step " + step.name() + " (" + step.actor() + ") failed: " + msg, true);
    }
  }

  /**
   * The confidence stop, checked after every statement that has more of its block after it, and
   * after every hypothesis (parallel branches themselves never stop: their siblings' evidence is
   * not merged yet).
   */
  private void confidenceStop(String where) {
    if (stopOnConfidence.getAsBoolean()) {
      throw new Stop(
          RunTrace.Ending.CONFIDENCE, where + ": top candidate reached the confidence budget");
    }
  }

  /** What one parallel branch ended with: normally, or with the exception that stopped it. */
  private record BranchOutcome(Interpreter child, Map<String, Object> env, RuntimeException end) {}

  private void parallel(Statement.Parallel p, Map<String, Object> env) {
    List<Statement> body =
        p.body().stream().filter(s -> !(s instanceof Statement.Comment)).toList();
    List<Callable<BranchOutcome>> tasks = new ArrayList<>();
    for (Statement s : body) {
      Interpreter child = new Interpreter(registry, ctx.fork(), budget, () -> false, parallelism);
      Map<String, Object> childEnv = new HashMap<>(env);
      tasks.add(
          () -> {
            try {
              child.statement(s, childEnv);
              return new BranchOutcome(child, childEnv, null);
            } catch (RuntimeException e) {
              return new BranchOutcome(child, childEnv, e);
            }
          });
    }
    List<BranchOutcome> outcomes = BoundedFanOut.runAll(tasks, parallelism);
    RuntimeException end = null;
    for (BranchOutcome o : outcomes) {
      merge(o, env);
      // A failed step stays in its branch (recorded in the trace); a require that did not hold
      // prunes the enclosing hypothesis, as it would outside the block.
      boolean contained = o.end() instanceof Pruned pruned && pruned.stepFailed;
      if (!contained && end == null) {
        end = o.end();
      }
    }
    if (end != null) {
      throw end;
    }
  }

  /** Appends a finished branch's evidence, findings, steps, branches and bindings to this run. */
  private void merge(BranchOutcome o, Map<String, Object> env) {
    int base = ctx.evidence().all().size();
    Map<String, String> ids = ctx.absorb(o.child().ctx);
    for (RunTrace.StepRun r : o.child().steps) {
      steps.add(
          new RunTrace.StepRun(
              r.name(),
              r.actor(),
              r.error(),
              r.millis(),
              base + r.evidenceFrom(),
              base + r.evidenceTo()));
    }
    for (RunTrace.Branch b : o.child().branches) {
      branches.add(
          new RunTrace.Branch(
              b.title(),
              b.prior(),
              b.status(),
              b.reason(),
              b.evidenceIds().stream().map(i -> ids.getOrDefault(i, i)).toList()));
    }
    o.env()
        .forEach(
            (k, v) -> {
              if (env.get(k) != v) {
                env.put(k, v);
              }
            });
  }

  private void hypothesis(Statement.Hypothesis h, Map<String, Object> env) {
    int before = ctx.evidence().all().size();
    HypothesisStatus status = HypothesisStatus.SUPPORTED;
    String reason = "every requirement held";
    try {
      block(h.body(), env);
    } catch (Pruned p) {
      status = HypothesisStatus.PRUNED;
      reason = p.getMessage();
    } catch (Budget.ExhaustedException e) {
      branches.add(branch(h, HypothesisStatus.OPEN, "not finished: " + e.getMessage(), before));
      throw e;
    } catch (Stop s) {
      // a confidence stop inside the body leaves the rest of the branch unexamined
      boolean early = s.ending == RunTrace.Ending.CONFIDENCE;
      branches.add(
          branch(
              h,
              early ? HypothesisStatus.OPEN : status,
              early ? "not finished: " + s.getMessage() : reason,
              before));
      throw s;
    }
    branches.add(branch(h, status, reason, before));
    confidenceStop("after hypothesis \"" + h.title() + "\"");
  }

  private RunTrace.Branch branch(
      Statement.Hypothesis h, HypothesisStatus s, String reason, int from) {
    List<Evidence> all = ctx.evidence().all();
    List<String> ids = all.subList(from, all.size()).stream().map(Evidence::id).toList();
    return new RunTrace.Branch(h.title(), h.prior().orElse(0), s, reason, ids);
  }

  /** Hypotheses the run never reached are listed as open. */
  private void markUnreached(List<Statement> body, String reason) {
    for (Statement s : body) {
      if (s instanceof Statement.Hypothesis h
          && branches.stream().noneMatch(b -> b.title().equals(h.title()))) {
        branches.add(
            new RunTrace.Branch(
                h.title(),
                h.prior().orElse(0),
                HypothesisStatus.OPEN,
                "not explored: " + (reason.isEmpty() ? "run ended" : reason),
                List.of()));
      }
    }
  }

  static String show(Expr e) {
    return ExprEvaluator.show(e);
  }
}
