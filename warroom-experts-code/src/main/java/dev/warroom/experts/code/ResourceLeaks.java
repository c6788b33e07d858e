package dev.warroom.experts.code;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds local variables holding a resource (streams, readers, sockets, JDBC connections,
 * statements, result sets) that are neither declared in a try-with-resources header, nor closed,
 * nor returned/passed on: the leak that ends in "Too many open files" or an exhausted connection
 * pool. Searches the method around the failing line first, then the whole file.
 */
final class ResourceLeaks {
  private static final Set<String> OPENING_CALLS =
      Set.of(
          "getConnection",
          "prepareStatement",
          "createStatement",
          "executeQuery",
          "prepareCall",
          "newInputStream",
          "newOutputStream",
          "newBufferedReader",
          "newBufferedWriter",
          "openStream",
          "openConnection",
          "lines",
          "list",
          "walk",
          "newDirectoryStream");
  private static final Set<String> RESOURCE_TYPES =
      Set.of(
          "FileInputStream",
          "FileOutputStream",
          "FileReader",
          "FileWriter",
          "RandomAccessFile",
          "Socket",
          "ServerSocket",
          "BufferedReader",
          "BufferedWriter",
          "InputStreamReader",
          "PrintWriter",
          "ZipFile",
          "JarFile",
          "Scanner",
          "FileChannel");

  Optional<Diagnosis> find(CompilationUnit unit, int line) {
    List<CallableDeclaration> methods = unit.findAll(CallableDeclaration.class);
    methods.sort((a, b) -> Boolean.compare(!contains(a, line), !contains(b, line)));
    for (CallableDeclaration<?> m : methods) {
      for (VariableDeclarator v : m.findAll(VariableDeclarator.class)) {
        if (v.getInitializer().isEmpty() || !opensResource(v.getInitializer().get())) {
          continue;
        }
        if (v.findAncestor(TryStmt.class)
            .map(t -> t.getResources().stream().anyMatch(r -> r.isAncestorOf(v)))
            .orElse(false)) {
          continue;
        }
        String name = v.getNameAsString();
        boolean closed =
            m.findAll(MethodCallExpr.class).stream()
                .anyMatch(
                    c ->
                        c.getNameAsString().equals("close")
                            && c.getScope().map(s -> s.toString().equals(name)).orElse(false));
        boolean escapes =
            m.findAll(ReturnStmt.class).stream()
                    .anyMatch(
                        r -> r.getExpression().map(e -> e.toString().equals(name)).orElse(false))
                || m.findAll(NameExpr.class).stream()
                    .anyMatch(
                        n ->
                            n.getNameAsString().equals(name)
                                && n.getParentNode().orElse(null) instanceof MethodCallExpr call
                                && call.getArguments().contains(n));
        if (!closed && !escapes) {
          int at = v.getBegin().map(p -> p.line).orElse(line);
          return Optional.of(
              new Diagnosis(
                  Diagnosis.Pattern.UNCLOSED_RESOURCE,
                  "`"
                      + v
                      + "` in "
                      + m.getNameAsString()
                      + "() is never closed, so each call leaks a "
                      + v.getTypeAsString(),
                  "declare it in a try-with-resources: `try ("
                      + v.getTypeAsString()
                      + " "
                      + name
                      + " = ...) { ... }`",
                  at));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean contains(CallableDeclaration<?> m, int line) {
    return m.getRange().map(r -> r.begin.line <= line && r.end.line >= line).orElse(false);
  }

  private static boolean opensResource(Expression e) {
    return switch (e) {
      case ObjectCreationExpr o -> RESOURCE_TYPES.contains(o.getType().getNameAsString());
      case MethodCallExpr c -> OPENING_CALLS.contains(c.getNameAsString());
      default -> false;
    };
  }
}
