#!/bin/sh
# smolsnake exec wrapper (AWS_LAMBDA_EXEC_WRAPPER): puts the environment's native files ahead
# of the runtime's, keeping the runtime's own PATH and LD_LIBRARY_PATH, then starts the runtime.
if [ -n "$SMOLSNAKE_ENV" ]; then
  if [ -d "$SMOLSNAKE_ENV/bin" ]; then
    PATH="$SMOLSNAKE_ENV/bin${PATH:+:$PATH}"
    export PATH
  fi
  if [ -d "$SMOLSNAKE_ENV/lib" ]; then
    LD_LIBRARY_PATH="$SMOLSNAKE_ENV/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    export LD_LIBRARY_PATH
  fi
fi
exec "$@"
