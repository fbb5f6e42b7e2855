"""boto3 against the embedded Lambda: create a Python function, invoke it with its log tail,
publish a version, point an alias at it, and read the error of a failing call."""
import base64
import io
import json
import sys
import zipfile

import boto3
import botocore.config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
client = boto3.client("lambda", endpoint_url=endpoint, region_name="us-east-1",
                      aws_access_key_id="test", aws_secret_access_key="test",
                      config=botocore.config.Config(retries={"max_attempts": 1}))

code = io.BytesIO()
with zipfile.ZipFile(code, "w") as z:
    z.writestr("app.py", "def handler(event, context):\n"
                         "    print('adding', event)\n"
                         "    if event.get('fail'):\n"
                         "        raise ValueError('asked to fail')\n"
                         "    return {'sum': event['a'] + event['b'], 'function': context.function_name}\n")

client.create_function(FunctionName="adder", Runtime="python3.11", Role="arn:aws:iam::000000000000:role/x",
                       Handler="app.handler", Code={"ZipFile": code.getvalue()}, Timeout=30)
answer = client.invoke(FunctionName="adder", Payload=json.dumps({"a": 2, "b": 3}), LogType="Tail")
logs = base64.b64decode(answer["LogResult"]).decode()
failed = client.invoke(FunctionName="adder", Payload=json.dumps({"fail": True}))
version = client.publish_version(FunctionName="adder")["Version"]
client.create_alias(FunctionName="adder", Name="live", FunctionVersion=version)
via_alias = json.loads(client.invoke(FunctionName="adder", Qualifier="live",
                                     Payload=json.dumps({"a": 1, "b": 1}))["Payload"].read())
try:
    client.get_function(FunctionName="missing")
    missing = None
except ClientError as e:
    missing = e.response["Error"]["Code"]

print(json.dumps({
    "status": answer["StatusCode"],
    "payload": json.loads(answer["Payload"].read()),
    "logHasReport": "REPORT RequestId:" in logs,
    "logHasPrint": "adding {'a': 2, 'b': 3}" in logs,
    "functionError": failed.get("FunctionError"),
    "failedPayload": json.loads(failed["Payload"].read()),
    "version": version,
    "viaAlias": via_alias,
    "missingError": missing,
}))
