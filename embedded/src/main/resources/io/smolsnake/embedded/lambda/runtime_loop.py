"""smolsnake embedded Lambda: one Python execution environment, kept warm between invokes.

Speaks JSON lines with the endpoint: the first line on the protocol channel (the original
stdout) reports INIT; then, for each request line on stdin, one answer line. Everything the
function prints (stdout and stderr) goes to stderr, the environment's log stream; after each
invocation a marker line closes its logs there.
"""
import importlib
import json
import os
import resource
import sys
import time
import traceback

_MARK = "\x1esmolsnake-end "


def _protocol():
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = open(1, "w", encoding="utf-8", buffering=1, closefd=False)
    sys.stderr.reconfigure(line_buffering=True)
    return channel


class LambdaContext:
    def __init__(self, request):
        self.aws_request_id = request["requestId"]
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = request.get("invokedFunctionArn")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = request.get("clientContext")
        self.tenant_id = None
        self._deadline_ms = request["deadlineMs"]

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


def _error(e, error_type=None, skip=0):
    tb = e.__traceback__
    for _ in range(skip):  # the loop's own frames are not the function's
        tb = tb.tb_next if tb is not None and tb.tb_next is not None else tb
    return {"errorMessage": str(e), "errorType": error_type or type(e).__name__,
            "requestId": "", "stackTrace": traceback.format_list(traceback.extract_tb(tb))}


def _init():
    name = os.environ.get("_HANDLER", "")
    module_name, _, func_name = name.rpartition(".")
    if not module_name:
        return None, {"errorMessage": "Bad handler '" + name + "': not enough values to unpack",
                      "errorType": "Runtime.MalformedHandlerName", "requestId": "", "stackTrace": []}
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        return None, _error(type(e)("Unable to import module '" + module_name + "': " + str(e)),
                            "Runtime.ImportModuleError")
    except Exception as e:  # INIT fails the way the function's own code failed
        traceback.print_exc()
        return None, _error(e)
    func = getattr(module, func_name, None)
    if func is None:
        return None, {"errorMessage": "Handler '" + func_name + "' missing on module '" + module_name + "'",
                      "errorType": "Runtime.HandlerNotFound", "requestId": "", "stackTrace": []}
    return func, None


def _max_memory_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main():
    channel = _protocol()
    task_root = os.environ.get("LAMBDA_TASK_ROOT")
    extra = [p for p in os.environ.get("SMOLSNAKE_EMBEDDED_PATH", "").split(os.pathsep) if p]
    sys.path[0:0] = [p for p in [task_root] + extra if p]
    started = time.perf_counter()
    func, init_error = _init()
    init_ms = (time.perf_counter() - started) * 1000
    sys.stderr.write(_MARK + "init\n")
    channel.write(json.dumps({"type": "init", "durationMs": init_ms, "error": init_error,
                              "maxMemoryMb": _max_memory_mb()}) + "\n")
    if init_error is not None:
        return
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        answer = {"type": "result", "requestId": request["requestId"]}
        try:
            event = json.loads(request["payload"]) if request["payload"] else {}
            result = func(event, LambdaContext(request))
            answer["payload"] = json.dumps(result)
        except Exception as e:
            answer["error"] = _error(e, skip=1)
            sys.stderr.write("[ERROR] " + type(e).__name__ + ": " + str(e) + "\nTraceback (most recent call last):\n"
                             + "".join(answer["error"]["stackTrace"]))
        except SystemExit as e:
            answer["error"] = {"errorMessage": "RequestId: " + request["requestId"]
                               + " Error: Runtime exited with error: exit status " + str(e.code),
                               "errorType": "Runtime.ExitError", "requestId": "", "stackTrace": []}
        answer["maxMemoryMb"] = _max_memory_mb()
        sys.stdout.flush()
        sys.stderr.write(_MARK + request["requestId"] + "\n")
        sys.stderr.flush()
        channel.write(json.dumps(answer) + "\n")
        if "error" in answer and answer["error"]["errorType"] == "Runtime.ExitError":
            return


if __name__ == "__main__":
    main()
