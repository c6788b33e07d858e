package dev.warroom.experts.traces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flame-graph summary across many traces: self time folded by call path (root operation down to the
 * span's operation), as Brendan Gregg's folded stacks, so identical paths in different traces add
 * up. Paths are interned as ids (parent path id, operation id) to keep one pass linear.
 */
final class FlameSummary {
  private FlameSummary() {}

  static List<FlameFrame> top(TraceIndex ix, int limit) {
    int n = ix.spans.size();
    int[] path = new int[n];
    java.util.Arrays.fill(path, -1);
    Map<Long, Integer> ids = new HashMap<>();
    List<int[]> defs = new ArrayList<>(); // {parentPath, operation}
    List<double[]> self = new ArrayList<>(); // {selfMs, spans}
    for (int root : ix.roots) {
      // Iterative DFS: traces can be thousands of spans deep in a retry loop.
      ArrayList<Integer> stack = new ArrayList<>();
      stack.add(root);
      while (!stack.isEmpty()) {
        int s = stack.remove(stack.size() - 1);
        int parentPath = ix.parent[s] < 0 ? -1 : path[ix.parent[s]];
        long key = ((long) parentPath << 32) ^ (ix.operation[s] & 0xffffffffL);
        Integer id = ids.get(key);
        if (id == null) {
          id = defs.size();
          ids.put(key, id);
          defs.add(new int[] {parentPath, ix.operation[s]});
          self.add(new double[2]);
        }
        path[s] = id;
        self.get(id)[0] += ix.selfNanos[s] / 1e6;
        self.get(id)[1]++;
        for (int c : ix.children[s]) {
          stack.add(c);
        }
      }
    }
    double total = 0;
    for (double[] x : self) {
      total += x[0];
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < defs.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -self.get(i)[0]));
    List<FlameFrame> out = new ArrayList<>();
    for (int i : order.subList(0, Math.min(limit, order.size()))) {
      List<OperationKey> stack = new ArrayList<>();
      for (int p = i; p >= 0; p = defs.get(p)[0]) {
        stack.add(0, ix.operations.get(defs.get(p)[1]));
      }
      out.add(
          new FlameFrame(
              stack, self.get(i)[0], (int) self.get(i)[1], total > 0 ? self.get(i)[0] / total : 0));
    }
    return out;
  }
}
