#!/usr/bin/env python3
"""The output-format oracle: what `aws ... --query EXPR --output FORMAT` prints, computed with the
AWS CLI's own formatter classes (awscli.formatter, awscli.text, awscli.table). text and table need
only the `awscli` package (v1 and v2 share them); yaml and yaml-stream need AWS CLI v2's formatter
(run this with the python that has it, e.g. Debian's /usr/bin/python3 after `apt-get install awscli`).

Reads JSON lines {"expression", "document", "output", "title"?, "terminalWidth"?} on stdin; writes
one JSON line per case: {"stdout": str} or {"error": {"kind", "message", "type"}}. With "strictStdout",
the formatter writes to a UTF-8 stream that refuses lone surrogates, as the CLI's stdout does; a
failure then also says what was "printed" before it."""
import argparse
import io
import json
import sys

import jmespath
import awscli.table
from awscli import formatter, text

from jmespath_oracle import kind_of  # one mapping of jmespath.py's errors to our kinds


def print_result(result, case, stream):
    output = case['output']
    args = argparse.Namespace(color='off', query=None)
    if output == 'json':
        if result != {}:
            json.dump(result, stream, indent=4, ensure_ascii=False)
            stream.write('\n')
    elif output == 'text':
        text.format_text(result, stream)
    elif output == 'table':
        width = case.get('terminalWidth') or 80
        awscli.table.determine_terminal_width = lambda default_width=80: width
        formatter.TableFormatter(args)._format_response(case.get('title', ''), result, stream)
    elif output == 'yaml':
        formatter.YAMLFormatter(args)._format_response(case.get('title', ''), result, stream)
    elif output == 'yaml-stream':
        # StreamedYAMLFormatter for an unpaginated response: one list item, nothing for {}
        dumper = formatter.YAMLDumper()
        for response in ([] if result == {} else [result]):
            dumper.dump([response], stream)
    else:
        raise SystemExit('unknown output ' + output)


def run(case):
    try:
        compiled = jmespath.compile(case['expression'])
    except Exception as e:
        return {'error': {'kind': kind_of(e), 'message': str(e), 'type': type(e).__name__}}
    try:
        result = compiled.search(json.loads(case['document']))
    except Exception as e:
        return {'error': {'kind': kind_of(e), 'message': str(e), 'type': type(e).__name__}}
    if case.get('strictStdout'):
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding='utf-8', errors='strict', write_through=True)
        try:
            print_result(result, case, stream)
            stream.flush()
            return {'stdout': raw.getvalue().decode('utf-8')}
        except Exception as e:
            stream.flush()
            return {'error': {'kind': 'output-format', 'message': str(e), 'type': type(e).__name__}, 'printed': raw.getvalue().decode('utf-8')}
    stream = io.StringIO()
    try:
        print_result(result, case, stream)
        return {'stdout': stream.getvalue()}
    except Exception as e:  # the CLI prints str(e) and exits 255
        return {'error': {'kind': 'output-format', 'message': str(e), 'type': type(e).__name__}}


sys.setrecursionlimit(10000)
for line in sys.stdin:
    if line.strip():
        sys.stdout.write(json.dumps(run(json.loads(line))) + '\n')
