"""Drives the embedded Step Functions with boto3 and prints what it saw as one JSON object."""
import json
import sys
import time

import boto3
from botocore.exceptions import ClientError

sfn = boto3.client("stepfunctions", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test")
seen = {}

machine = sfn.create_state_machine(
    name="FromPython", roleArn="arn:aws:iam::123456789012:role/x",
    definition=json.dumps({"StartAt": "Add", "States": {"Add": {
        "Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}, "End": True}}}))
arn = sfn.start_execution(stateMachineArn=machine["stateMachineArn"], name="py-1",
                          input=json.dumps({"a": 2, "b": 3}))["executionArn"]
while True:
    described = sfn.describe_execution(executionArn=arn)
    if described["status"] != "RUNNING":
        break
    time.sleep(0.01)
seen["status"] = described["status"]
seen["output"] = described["output"]
seen["startDateType"] = type(described["startDate"]).__name__

pages = sfn.get_paginator("get_execution_history").paginate(
    executionArn=arn, reverseOrder=True, PaginationConfig={"PageSize": 1})
seen["historyReversed"] = [e["type"] for page in pages for e in page["events"]]

try:
    sfn.describe_execution(executionArn=arn + "-missing")
except ClientError as e:
    seen["missingError"] = e.response["Error"]["Code"]
try:
    sfn.create_state_machine(name="Bad", roleArn="arn:aws:iam::123456789012:role/x",
                             definition='{"StartAt": "Nope", "States": {}}')
except ClientError as e:
    seen["badDefinitionError"] = e.response["Error"]["Code"]
print(json.dumps(seen))
