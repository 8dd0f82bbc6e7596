"""Summarises Airflow DAG files without Airflow: python3 dag_summary.py FILE... prints one JSON object per DAG.

Parses each file with ast (nothing is imported or run), following imports of modules beside it: the DAG's id and
schedule, every task made by a task helper (its task id and arguments, with module-level string constants, f-strings and joins evaluated), the
>> dependencies, the operator the helper builds and its keywords, calls to Variable.get anywhere, and shell
commands without `set -o pipefail`.
"""
import ast
import json
import os
import sys


def ev(node, env):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.JoinedStr):
        return "".join(str(ev(v.value, env)) if isinstance(v, ast.FormattedValue) else ev(v, env) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return ev(node.left, env) + ev(node.right, env)
    if isinstance(node, ast.List):
        return [ev(e, env) for e in node.elts]
    if isinstance(node, ast.Dict):
        return {ev(k, env): ev(v, env) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
        return ev(node.func.value, env).join(ev(node.args[0], env))
    raise ValueError("cannot evaluate " + ast.dump(node))


def chain(node):
    """Task variable names of a >> chain, left to right."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
        return chain(node.left) + chain(node.right)
    if isinstance(node, ast.Name):
        return [node.id]
    raise ValueError("unexpected dependency expression " + ast.dump(node))


def summarise(path):
    return read(path, {}, {})


def read(path, env, helpers):
    """Fills env (module-level constants) and helpers (task helpers) from path and the local modules it imports."""
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    out = {"file": path, "tasks": [], "edges": [], "variable_get_calls": 0, "shell_without_pipefail": []}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and os.path.exists(
                os.path.join(os.path.dirname(path), node.module + ".py")):
            imported = read(os.path.join(os.path.dirname(path), node.module + ".py"), env, helpers)
            out["variable_get_calls"] += imported["variable_get_calls"]
            out["shell_without_pipefail"] += imported["shell_without_pipefail"]
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "Variable"):
            out["variable_get_calls"] += 1
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "BashOperator":
            for kw in node.keywords:
                if kw.arg == "bash_command" and "pipefail" not in ast.unparse(kw.value) and "|" in ast.unparse(kw.value):
                    out["shell_without_pipefail"].append(ast.unparse(kw.value))
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                env[node.targets[0].id] = ev(node.value, env)
            except (ValueError, KeyError):
                pass
        elif isinstance(node, ast.FunctionDef):
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id.endswith("Operator"):
                    keywords = {}
                    for kw in call.keywords:
                        try:
                            keywords[kw.arg] = ev(kw.value, env)
                        except (ValueError, KeyError):
                            keywords[kw.arg] = ast.unparse(kw.value)
                    helpers[node.name] = {"operator": call.func.id, "keywords": keywords}
        elif isinstance(node, ast.With):
            dag = node.items[0].context_expr
            kwargs = {kw.arg: kw.value for kw in dag.keywords}
            out["dag_id"] = ev(kwargs["dag_id"], env)
            out["schedule"] = ev(kwargs["schedule"], env) if "schedule" in kwargs else None
            names = {}
            for stmt in node.body:
                if (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call)
                        and isinstance(stmt.value.func, ast.Name) and stmt.value.func.id in helpers):
                    args = [ev(a, env) for a in stmt.value.args]
                    names[stmt.targets[0].id] = args[0]
                    out["tasks"].append({"task_id": args[0], "args": args[1:], **helpers[stmt.value.func.id]})
                elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.BinOp):
                    tasks = chain(stmt.value)
                    out["edges"] += [[names[a], names[b]] for a, b in zip(tasks, tasks[1:])]
    return out


print(json.dumps([d for d in (summarise(p) for p in sys.argv[1:]) if "dag_id" in d]))
