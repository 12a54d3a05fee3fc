#!/usr/bin/env bash
# Code-size figures for a before/after comparison of a refactoring, from the sources alone (no build):
#   (a) non-blank lines of Java per package under src/main/java (the files directly in each directory),
#   (b) the 15 longest methods and constructors in src/main/java, with file:line and their length in lines,
#   (c) test methods (@Test and @ParameterizedTest) in *Test.java (Surefire) and *IT.java (Failsafe).
# Usage: src/bench/codesize.sh [REPO_DIR]   (default: the repository this script is in). Needs bash and python3.
#
# How (b) finds methods, a heuristic rather than a Java parser:
#   - Comments, string and char literals and text blocks are blanked first (newlines kept), so braces inside them
#     do not count; annotations, with their arguments, are blanked too.
#   - At every '{' the text since the previous ';', '{' or '}' outside parentheses is the block's header. The block is
#     a method or constructor when that header is [modifiers, type parameters, return type] NAME(...) [throws ...],
#     where NAME is not a keyword (if, for, while, switch, catch, synchronized, ...), the part before NAME holds only
#     identifiers, generics, arrays and dots and does not end in a dot (a call), and a header with nothing before NAME
#     names the enclosing class (a package-private constructor; anything else there is an enum constant's body). A
#     record's compact constructor, [modifier] RecordName {, counts as a constructor.
#   - Headers ending in '->' (lambdas, switch rules) and blocks of if/for/try/static initializers are not methods:
#     their lines count towards the method they stand in. Methods of anonymous and local classes are listed on their
#     own and also count towards their enclosing method.
#   - A method's length is the lines from the line of its name to the line of its closing brace, both included.
#
# How (c) counts: a *IT.java class that extends a class of the test tree (the *Scenarios base classes, each run once
# on H2 and once on PostgreSQL) runs the test methods declared there too, so the IT row counts each IT class's
# declared plus inherited test methods; "declared" counts only what the *IT.java files themselves hold. A
# @ParameterizedTest method counts once, however many cases it runs.
set -euo pipefail
ROOT="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$ROOT"
REV="$(git rev-parse --short HEAD 2>/dev/null || echo "no git checkout")"
echo "codesize of $(pwd) ($REV)"
python3 - <<'PY'
import os
import re
import sys
from collections import defaultdict

MAIN = "src/main/java"
TEST = "src/test/java"


def java_files(root):
    for directory, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(".java"):
                yield os.path.join(directory, name)


def blank_literals(text):
    """Comments, strings, chars and text blocks replaced by spaces; newlines kept so line numbers stay."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith('"""', i):
            j = i + 3
            while j < n and not text.startswith('"""', j):
                j += 2 if text[j] == "\\" else 1
            j = min(n, j + 3)
            out.append('"' + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + '"')
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(n, j + 1)
            out.append(c + " " * (j - i - 2) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


ANNOTATION = re.compile(r"@(?!interface\b)[A-Za-z_][\w.]*(\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))?")
KEYWORDS = {"if", "for", "while", "switch", "catch", "synchronized", "try", "return", "new", "throw", "else", "do",
            "assert", "super", "this", "case", "default", "yield"}
# Before a method's name, "default" and "synchronized" are modifiers; the other keywords there make it a statement.
STATEMENT_KEYWORDS = KEYWORDS - {"default", "synchronized"}
TYPE_DECLARATION = re.compile(r"\b(class|interface|enum|record)\s+([A-Za-z_]\w*)")
METHOD = re.compile(r"^(?P<prefix>[\w\s<>\[\],.?&]*?)\b(?P<name>[A-Za-z_]\w*)\s*\((?P<rest>.*)$", re.S)
COMPACT = re.compile(r"^\s*(?:(?:public|protected|private)\s+)?(?P<name>[A-Za-z_]\w*)\s*$")
THROWS = re.compile(r"^\s*(throws\s+[\w.<>,\s]+)?$")


def after_parameters(rest):
    """The text after the ')' that closes a parameter list whose '(' was just consumed, or None."""
    depth = 1
    for k, ch in enumerate(rest):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return rest[k + 1:]
    return None


def classify(header, enclosing_type):
    """('type', name), ('anonymous', None), ('method', (name, offset)) or ('block', None)."""
    stripped = header.strip()
    if stripped.endswith("->"):
        return "block", None
    declared = TYPE_DECLARATION.search(header)
    if declared and "(" not in header[:declared.start()]:
        return "type", declared.group(2)
    if re.search(r"\bnew\b", header):
        return ("anonymous", None) if stripped.endswith(")") else ("block", None)
    compact = COMPACT.match(header)
    if compact and compact.group("name") == enclosing_type:
        return "method", (compact.group("name"), compact.start("name"))
    match = METHOD.match(header)
    if not match or match.group("name") in KEYWORDS:
        return "block", None
    prefix = match.group("prefix")
    if prefix.rstrip().endswith(".") or any(word in STATEMENT_KEYWORDS for word in re.findall(r"\w+", prefix)):
        return "block", None
    tail = after_parameters(match.group("rest"))
    if tail is None or not THROWS.match(tail):
        return "block", None
    if not prefix.strip() and match.group("name") != enclosing_type:
        return "block", None
    return "method", (match.group("name"), match.start("name"))


def methods(path):
    text = blank_literals(open(path, encoding="utf-8").read())
    text = ANNOTATION.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    line_starts = [0] + [k + 1 for k, ch in enumerate(text) if ch == "\n"]

    def line_of(position):
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= position:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    stack = []  # (kind, name, start line)
    found = []
    statement = 0
    parens = 0
    for k, ch in enumerate(text):
        if ch == "(":
            parens += 1
        elif ch == ")":
            parens = max(0, parens - 1)
        elif ch == ";" and parens == 0:
            statement = k + 1
        elif ch == "{":
            enclosing = next((name for kind, name, _ in reversed(stack) if kind == "type"), None)
            kind, what = classify(text[statement:k], enclosing)
            if kind == "method":
                name, offset = what
                stack.append(("method", name, line_of(statement + offset)))
            else:
                stack.append((kind, what, None))
            statement = k + 1
        elif ch == "}":
            if stack:
                kind, name, start = stack.pop()
                if kind == "method":
                    found.append((line_of(k) - start + 1, path, start, name))
            statement = k + 1
    return found


def non_blank(path):
    with open(path, encoding="utf-8") as f:
        return sum(1 for line in f if line.strip())


# (a) lines per package
print()
print("(a) non-blank lines of Java per package under %s (files directly in each package)" % MAIN)
per_package = defaultdict(lambda: [0, 0])
for path in java_files(MAIN):
    package = os.path.relpath(os.path.dirname(path), MAIN).replace(os.sep, ".")
    per_package[package][0] += 1
    per_package[package][1] += non_blank(path)
print("%-40s %6s %8s" % ("package", "files", "lines"))
for package in sorted(per_package):
    files, lines = per_package[package]
    print("%-40s %6d %8d" % (package, files, lines))
print("%-40s %6d %8d" % ("total", sum(v[0] for v in per_package.values()), sum(v[1] for v in per_package.values())))

# (b) longest methods
print()
print("(b) the 15 longest methods and constructors in %s (lines from the name to the closing brace)" % MAIN)
everything = []
for path in java_files(MAIN):
    everything.extend(methods(path))
everything.sort(key=lambda m: (-m[0], m[1], m[2]))
print("%6s  %-70s %s" % ("lines", "file:line", "method"))
for length, path, start, name in everything[:15]:
    print("%6d  %-70s %s" % (length, "%s:%d" % (os.path.relpath(path, MAIN), start), name))
print("methods and constructors found: %d; over 40 lines: %d; over 25 lines: %d"
      % (len(everything), sum(1 for m in everything if m[0] > 40), sum(1 for m in everything if m[0] > 25)))

# (c) test counts
print()
print("(c) test methods (@Test and @ParameterizedTest) under %s" % TEST)
TEST_ANNOTATION = re.compile(r"@(Test|ParameterizedTest)\b")
declared = {}
extends = {}
kinds = {}
for path in java_files(TEST):
    text = blank_literals(open(path, encoding="utf-8").read())
    name = os.path.basename(path)[:-5]
    counts = {"Test": 0, "ParameterizedTest": 0}
    for match in TEST_ANNOTATION.finditer(text):
        counts[match.group(1)] += 1
    declared[name] = counts
    parent = re.search(r"\bclass\s+" + re.escape(name) + r"\b[^{]*?\bextends\s+([A-Za-z_]\w*)", text)
    extends[name] = parent.group(1) if parent else None
    kinds[name] = "Test" if name.endswith("Test") else "IT" if name.endswith("IT") else "other"


def run_by(name, seen=()):
    counts = dict(declared[name])
    parent = extends.get(name)
    if parent in declared and parent not in seen:
        for key, value in run_by(parent, seen + (name,)).items():
            counts[key] += value
    return counts


print("%-34s %7s %6s %19s %6s" % ("", "classes", "@Test", "@ParameterizedTest", "total"))
for kind, label, counter in (("Test", "*Test.java", lambda n: declared[n]),
                             ("IT", "*IT.java, declared in the file", lambda n: declared[n]),
                             ("IT", "*IT.java, declared + inherited", run_by)):
    names = [n for n in declared if kinds[n] == kind]
    test = sum(counter(n)["Test"] for n in names)
    parameterized = sum(counter(n)["ParameterizedTest"] for n in names)
    print("%-34s %7d %6d %19d %6d" % (label, len(names), test, parameterized, test + parameterized))
others = [n for n in declared if kinds[n] == "other" and sum(declared[n].values())]
print("test methods in other files (base classes the IT classes inherit): %d in %d files"
      % (sum(sum(declared[n].values()) for n in others), len(others)))
PY
