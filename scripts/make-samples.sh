#!/usr/bin/env bash
# Regenerates samples/ with the real AWS CLI against a local moto_server (no AWS account, no network).
# See ../shared/notes/aws-offline.md. Usage: bash scripts/make-samples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v aws >/dev/null && command -v moto_server >/dev/null || { echo "needs python3 with awscli and moto (moto_server)"; exit 1; }
PORT=${PORT:-5123}
moto_server -H 127.0.0.1 -p "$PORT" >/tmp/moto-samples.log 2>&1 &
MOTO=$!
trap 'kill $MOTO 2>/dev/null' EXIT
for _ in $(seq 50); do curl -s "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.2; done
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=
aws_() { aws --endpoint-url "http://127.0.0.1:$PORT" "$@"; }
mkdir -p samples
aws_ ec2 run-instances --image-id ami-1e749f67 --count 3 --instance-type t2.micro \
  --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=web-1},{Key=env,Value=prod},{Key=aws:cloudformation:stack-name,Value=web-stack}]' \
  --output json > samples/run-instances.json
aws_ ec2 run-instances --image-id ami-1e749f67 --count 2 --instance-type m5.large \
  --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=batch-worker},{Key=env,Value=dev}]' --output json > /dev/null
STOP=$(aws_ ec2 describe-instances --query 'Reservations[1].Instances[0].InstanceId' --output text)
aws_ ec2 stop-instances --instance-ids "$STOP" --output json > /dev/null
aws_ ec2 create-volume --availability-zone us-east-1a --size 8 --volume-type gp3 --output json > /dev/null
aws_ ec2 create-volume --availability-zone us-east-1a --size 100 --volume-type io1 --iops 3000 --output json > /dev/null
aws_ ec2 create-volume --availability-zone us-east-1b --size 500 --volume-type st1 --output json > /dev/null
aws_ ec2 describe-instances --output json > samples/describe-instances.json
aws_ ec2 describe-volumes --output json > samples/describe-volumes.json
aws_ dynamodb create-table --table-name Music \
  --attribute-definitions AttributeName=Artist,AttributeType=S AttributeName=SongTitle,AttributeType=S \
  --key-schema AttributeName=Artist,KeyType=HASH AttributeName=SongTitle,KeyType=RANGE \
  --provisioned-throughput ReadCapacityUnits=5,WriteCapacityUnits=5 --output json > /dev/null
aws_ dynamodb put-item --table-name Music --item '{"Artist": {"S": "No One You Know"}, "SongTitle": {"S": "Call Me Today"}, "AlbumTitle": {"S": "Somewhat Famous"}, "Year": {"N": "2015"}, "Price": {"N": "2.14"}, "Genre": {"S": "Country"}, "Tags": {"SS": ["country", "2015"]}}'
aws_ dynamodb get-item --table-name Music --key '{"Artist": {"S": "No One You Know"}, "SongTitle": {"S": "Call Me Today"}}' --output json > samples/dynamodb-get-item.json
echo "samples written: $(ls samples/*.json | tr '\n' ' ')"
