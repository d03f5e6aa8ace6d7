#!/usr/bin/env bash
# Run & refine: click "Run & refine" above a command to run it once (--output json), refine its
# --query on the real output in the query file that opens, then "Write back" the query here.
# Only commands that read get the CodeLens; run-instances below does not.

aws ec2 describe-instances \
  --filters "Name=instance-state-name,Values=running" \
  --query 'Reservations[].Instances[].InstanceId' --output text

aws ec2 describe-volumes --query 'Volumes[].VolumeId' --output text

aws dynamodb scan --table-name Music --query 'Items[].SongTitle.S'

aws ec2 run-instances --image-id ami-1e749f67 --count 1 --query 'Instances[].InstanceId'
