#!/usr/bin/env bash
# Launches web servers and lists old volumes: the AWS CLI idioms this extension helps with.
set -euo pipefail
ENDPOINT=${ENDPOINT:+--endpoint-url $ENDPOINT}

ids=$(aws $ENDPOINT ec2 run-instances \
  --image-id ami-1e749f67 \
  --instance-type t2.micro \
  --count 2 \
  --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=web}]' \
  --query 'Instances[*].InstanceId' --output text)
echo "launched: $ids"

aws $ENDPOINT ec2 describe-instances \
  --query "Reservations[].Instances[].[InstanceId, State.Name, Tags[?Key=='Name'].Value | [0]]" \
  --output table

aws $ENDPOINT ec2 describe-volumes \
  --query "Volumes[?CreateTime<'2017-01-01'].VolumeId" --output text
