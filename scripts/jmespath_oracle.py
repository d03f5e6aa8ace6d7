#!/usr/bin/env python3
"""The oracle: what `aws ... --query EXPR --output json` prints, computed with the very library the
AWS CLI uses (jmespath.py) and the CLI's own JSON formatting. Reads JSON lines
{"expression": str, "document": str} on stdin; writes one JSON line per case:
{"stdout": str} or {"error": {"kind": str, "message": str, "column": int|null}}."""
import json
import sys

import jmespath
from jmespath import exceptions


def kind_of(e):
    if isinstance(e, (exceptions.ArityError,)):
        return 'invalid-arity'
    if isinstance(e, (exceptions.ParseError, exceptions.EmptyExpressionError)):
        return 'syntax'
    if isinstance(e, exceptions.JMESPathTypeError):
        return 'invalid-type'
    if isinstance(e, exceptions.UnknownFunctionError):
        return 'unknown-function'
    if isinstance(e, RecursionError):
        return 'too-deep'
    if isinstance(e, TypeError):
        return 'invalid-type'
    if isinstance(e, (ValueError, ArithmeticError)):  # ArithmeticError: ceil(1e400), an OverflowError
        return 'invalid-value'
    return type(e).__name__


def run(case):
    try:
        compiled = jmespath.compile(case['expression'])
    except Exception as e:  # the CLI: "Bad value for --query ..."
        return {'error': {'kind': kind_of(e), 'message': str(e), 'column': getattr(e, 'lex_position', 0)}}
    try:
        result = compiled.search(json.loads(case['document']))
        out = '' if result == {} else json.dumps(result, indent=4, ensure_ascii=False) + '\n'
        return {'stdout': out}
    except Exception as e:
        return {'error': {'kind': kind_of(e), 'message': str(e), 'column': None}}


if __name__ == '__main__':
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(run(json.loads(line))) + '\n')
