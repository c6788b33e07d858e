package dev.warroom.experts.code;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ForStmt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Static reasoning with JavaParser about the line a Java exception was thrown at. For a
 * NullPointerException it looks for a field dereferenced on that line that nothing ever assigns (no
 * initializer, no assignment anywhere in the class) and, when the field carries an injection
 * annotation, names the binding call that is missing (ButterKnife.bind, component.inject(this),
 * MockitoAnnotations.openMocks); for index errors, loop bounds with {@code <=} against length/size;
 * for ClassCastException, the cast on the line; for resource exhaustion, resources opened in the
 * method and never closed.
 */
public final class JavaFaultReasoner {
  private static final java.util.regex.Pattern HELPFUL_NPE =
      java.util.regex.Pattern.compile("because \"(?:this\\.)?([\\w$]+)\" is null");
  private static final java.util.Map<String, String[]> INJECTION =
      java.util.Map.of(
          "BindView",
              new String[] {
                "ButterKnife.bind",
                "call ButterKnife.bind(this) in onCreate() right after setContentView(...)"
              },
          "Inject",
              new String[] {
                ".inject(this)",
                "call the Dagger component's inject(this) (e.g. AndroidInjection.inject(this)) before the field is used, or switch to constructor injection"
              },
          "Autowired",
              new String[] {
                "",
                "let Spring create this object (a @Component obtained from the context, not `new`), or use constructor injection"
              },
          "Mock",
              new String[] {
                "MockitoAnnotations.openMocks",
                "call MockitoAnnotations.openMocks(this) in @BeforeEach or annotate the class with @ExtendWith(MockitoExtension.class)"
              },
          "Resource",
              new String[] {
                "",
                "make the object container-managed so the resource is injected, or assign it explicitly"
              },
          "FXML",
              new String[] {
                "",
                "check the fx:id in the FXML file matches the field name and the controller is loaded by FXMLLoader"
              },
          "PersistenceContext",
              new String[] {
                "", "let the container create this object so the EntityManager is injected"
              });
  private final JavaParser parser =
      new JavaParser(
          new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));

  /** A diagnosis of {@code errorType}/{@code message} thrown at {@code line} of {@code source}. */
  public Optional<Diagnosis> diagnose(String source, int line, String errorType, String message) {
    Optional<CompilationUnit> unit = parser.parse(source).getResult();
    if (unit.isEmpty() || line < 1) {
      return Optional.empty();
    }
    String type = errorType.substring(errorType.lastIndexOf('.') + 1);
    List<Node> onLine = nodesOn(unit.get(), line);
    if (type.equals("NullPointerException")) {
      return unassignedField(unit.get(), onLine, line, message);
    }
    if (type.endsWith("IndexOutOfBoundsException")) {
      return indexBound(onLine, line);
    }
    if (type.equals("ClassCastException")) {
      return onLine.stream()
          .filter(CastExpr.class::isInstance)
          .map(CastExpr.class::cast)
          .findFirst()
          .map(
              c ->
                  new Diagnosis(
                      Diagnosis.Pattern.UNCHECKED_CAST,
                      "unchecked cast `"
                          + c
                          + "`: the value is not a "
                          + c.getType()
                          + (message.isEmpty() ? "" : " (" + message + ")"),
                      "test the type first (`if ("
                          + c.getExpression()
                          + " instanceof "
                          + c.getType()
                          + " x)`) or fix the producer so it stores a "
                          + c.getType(),
                      line));
    }
    if (message.contains("Too many open files")
        || message.contains("Connection is not available")
        || type.contains("PoolExhausted")
        || type.equals("SQLTransientConnectionException")) {
      return new ResourceLeaks().find(unit.get(), line);
    }
    return Optional.empty();
  }

  private static List<Node> nodesOn(CompilationUnit unit, int line) {
    List<Node> out = new ArrayList<>();
    unit.walk(
        n -> {
          if (n.getRange().isPresent()
              && n.getRange().get().begin.line <= line
              && n.getRange().get().end.line >= line
              && n instanceof Expression) {
            out.add(n);
          }
        });
    return out;
  }

  private Optional<Diagnosis> unassignedField(
      CompilationUnit unit, List<Node> onLine, int line, String message) {
    Set<String> names = new LinkedHashSet<>();
    Matcher helpful = HELPFUL_NPE.matcher(message);
    if (helpful.find()) {
      names.add(helpful.group(1));
    }
    for (Node n : onLine) {
      Optional<Expression> scope =
          switch (n) {
            case MethodCallExpr m -> m.getScope();
            case FieldAccessExpr f -> Optional.of(f.getScope());
            case ArrayAccessExpr a -> Optional.of(a.getName());
            default -> Optional.empty();
          };
      scope.ifPresent(
          s -> {
            if (s instanceof NameExpr name) {
              names.add(name.getNameAsString());
            } else if (s instanceof FieldAccessExpr f && f.getScope().isThisExpr()) {
              names.add(f.getNameAsString());
            }
          });
    }
    Node anchor = onLine.isEmpty() ? null : onLine.getFirst();
    TypeDeclaration<?> type =
        anchor == null ? null : anchor.findAncestor(TypeDeclaration.class).orElse(null);
    if (type == null) {
      return Optional.empty();
    }
    for (String name : names) {
      Optional<FieldDeclaration> field = type.getFieldByName(name);
      if (field.isEmpty() || isAssigned(type, name, field.get())) {
        continue;
      }
      FieldDeclaration f = field.get();
      int declared = f.getBegin().map(p -> p.line).orElse(line);
      for (var annotation : f.getAnnotations()) {
        String[] binding = INJECTION.get(annotation.getNameAsString());
        if (binding == null) {
          continue;
        }
        boolean bound = !binding[0].isEmpty() && type.toString().contains(binding[0]);
        String cause =
            "field `"
                + name
                + "` is annotated @"
                + annotation.getNameAsString()
                + " but never assigned: "
                + (binding[0].isEmpty() || bound
                    ? "the injector never ran on this instance"
                    : "the binding call " + binding[0] + "(...) is missing")
                + ", so it is null at line "
                + line;
        return Optional.of(
            new Diagnosis(
                Diagnosis.Pattern.UNASSIGNED_INJECTED_FIELD, cause, binding[1], declared));
      }
      return Optional.of(
          new Diagnosis(
              Diagnosis.Pattern.UNASSIGNED_FIELD,
              "field `"
                  + name
                  + "` is declared but never assigned anywhere in "
                  + type.getNameAsString()
                  + ", so it is null at line "
                  + line,
              "initialise `" + name + "` in its declaration or the constructor",
              declared));
    }
    return Optional.empty();
  }

  private static boolean isAssigned(TypeDeclaration<?> type, String name, FieldDeclaration field) {
    if (field.getVariables().stream()
        .filter(v -> v.getNameAsString().equals(name))
        .anyMatch(v -> v.getInitializer().isPresent())) {
      return true;
    }
    for (AssignExpr a : type.findAll(AssignExpr.class)) {
      Expression target = a.getTarget();
      if (target instanceof NameExpr n && n.getNameAsString().equals(name)) {
        return true;
      }
      if (target instanceof FieldAccessExpr f && f.getNameAsString().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Diagnosis> indexBound(List<Node> onLine, int line) {
    for (Node n : onLine) {
      Expression index =
          switch (n) {
            case ArrayAccessExpr a -> a.getIndex();
            case MethodCallExpr m
                when m.getNameAsString().equals("get") && m.getArguments().size() == 1 ->
                m.getArgument(0);
            default -> null;
          };
      if (index == null) {
        continue;
      }
      String idx = index.toString();
      for (Node up = n.getParentNode().orElse(null);
          up != null;
          up = up.getParentNode().orElse(null)) {
        if (up instanceof ForStmt loop
            && loop.getCompare().isPresent()
            && loop.getCompare().get() instanceof BinaryExpr cmp
            && cmp.getOperator() == BinaryExpr.Operator.LESS_EQUALS
            && cmp.getLeft().toString().equals(idx)
            && (cmp.getRight().toString().endsWith(".length")
                || cmp.getRight().toString().endsWith(".size()"))) {
          return Optional.of(
              new Diagnosis(
                  Diagnosis.Pattern.OFF_BY_ONE_LOOP_BOUND,
                  "loop bound `"
                      + cmp
                      + "` lets `"
                      + idx
                      + "` reach "
                      + cmp.getRight()
                      + ", one past the last index, used by `"
                      + n
                      + "`",
                  "use `" + idx + " < " + cmp.getRight() + "`",
                  loop.getBegin().map(p -> p.line).orElse(line)));
        }
        if (up instanceof CallableDeclaration<?>) {
          break;
        }
      }
      return Optional.of(
          new Diagnosis(
              Diagnosis.Pattern.UNCHECKED_INDEX,
              "index `" + idx + "` in `" + n + "` is not checked against the size",
              "check `"
                  + idx
                  + "` against the length/size (and for an empty collection) before indexing",
              line));
    }
    return Optional.empty();
  }
}
