#!/usr/bin/env python3
"""Generates data/aws/<service>.json from the botocore service models installed with python3 (the
models the AWS CLI itself uses; Apache-2.0). For each operation: its CLI name, its input members
(name, CLI flag, type, required, enum values, first sentence of the doc), its output shape tree
(recursive shapes cut; a string with enum values is "s#N", N its index in the service's "enums") and, for the operations the CLI paginates, botocore's paginator (result keys). Run: python3 scripts/gen_aws_model.py [OUT_DIR]  (default: data/aws)."""
import html
import json
import os
import re
import sys

import botocore
import botocore.session
from botocore import xform_name

SERVICES = ['ec2', 'dynamodb', 's3']
TYPE_CODES = {'string': 's', 'integer': 'i', 'long': 'i', 'boolean': 'b', 'timestamp': 't', 'double': 'f',
              'float': 'f', 'blob': 'B', 'map': 'm'}


def first_sentence(doc):
    text = html.unescape(re.sub(r'<[^>]+>', ' ', doc or ''))
    text = re.sub(r'\s+', ' ', text).strip()
    m = re.match(r'(.+?[.!?])(\s|$)', text)
    return (m.group(1) if m else text)[:300]


def output_tree(shape, stack, enums):
    """{"Member": subtree}; lists as [element]; scalars as a type code; recursion cut as "...".
    A string with enum values is "s#N": N indexes `enums` (a dict from values to index), shared
    because one enum (an instance type's 900 values) is in many outputs."""
    if shape.name in stack:
        return '...'
    if shape.type_name == 'structure':
        stack = stack + [shape.name]
        return {name: output_tree(member, stack, enums) for name, member in shape.members.items()}
    if shape.type_name == 'list':
        return [output_tree(shape.member, stack, enums)]
    if shape.type_name == 'map':
        return {'*': output_tree(shape.value, stack + [shape.name], enums)}
    if shape.type_name == 'string' and getattr(shape, 'enum', None):
        values = tuple(shape.enum)
        return 's#%d' % enums.setdefault(values, len(enums))
    return TYPE_CODES.get(shape.type_name, 's')


def input_member(name, shape, required):
    member = {'name': name, 'flag': '--' + xform_name(name, '-'), 'type': shape.type_name}
    if required:
        member['required'] = True
    if getattr(shape, 'enum', None):
        member['enum'] = list(shape.enum)
    doc = first_sentence(shape.documentation)
    if doc:
        member['doc'] = doc
    return member


def service_data(session, service):
    model = session.get_service_model(service)
    operations = {}
    enums = {}
    for op_name in model.operation_names:
        op = model.operation_model(op_name)
        inputs = []
        if op.input_shape is not None:
            required = set(op.input_shape.required_members)
            inputs = [input_member(n, s, n in required) for n, s in op.input_shape.members.items()]
        output = output_tree(op.output_shape, [], enums) if op.output_shape is not None else {}
        operations[xform_name(op_name, '-')] = {'name': op_name, 'input': inputs, 'output': output}
    # which operations the CLI paginates, and over which result keys (botocore's paginators-1.json)
    try:
        paginators = session.get_paginator_model(service)._paginator_config
    except Exception:  # a service without paginators
        paginators = {}
    for op_name, config in sorted(paginators.items()):
        keys = config.get('result_key', [])
        operations[xform_name(op_name, '-')]['paginator'] = {
            'resultKeys': keys if isinstance(keys, list) else [keys],
            'inputToken': config.get('input_token'),
            'outputToken': config.get('output_token'),
            'limitKey': config.get('limit_key'),
        }
    return {'service': service, 'apiVersion': model.api_version, 'botocore': botocore.__version__, 'operations': operations,
            'enums': [list(values) for values in enums]}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'data', 'aws')
    os.makedirs(out, exist_ok=True)
    session = botocore.session.get_session()
    for service in SERVICES:
        with open(os.path.join(out, service + '.json'), 'w', encoding='utf-8') as f:
            json.dump(service_data(session, service), f, separators=(',', ':'), sort_keys=False, ensure_ascii=False)
            f.write('\n')
    with open(os.path.join(out, 'VERSION'), 'w') as f:
        f.write('botocore %s\n' % botocore.__version__)


if __name__ == '__main__':
    main()
