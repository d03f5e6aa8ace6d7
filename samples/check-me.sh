#!/usr/bin/env bash
# Typos the AWS CLI will not tell you about: open this file to see the extension flag them.

# prints "None" and exits 0: the field is InstanceId
aws ec2 run-instances --image-id ami-1e749f67 --count 1 --instance-type t2.micro \
  --query 'Instances[0].InstanceID' --output text

# an empty list, silently: the field is State.Name
aws ec2 describe-instances --query "Reservations[].Instances[?State.name=='running'].InstanceId"

# a syntax error the CLI reports only when it runs
aws ec2 describe-volumes --query 'Volumes[?Size > `100`'
