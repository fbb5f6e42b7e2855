"""Placeholder code for a function that smolsnake has not deployed yet.

Terraform creates the function with this file; `smolsnake deploy DIR --function NAME`
replaces the code, the handler and the environment.
"""


def handler(event, context):
    raise RuntimeError(
        "This function has no code yet: run `smolsnake deploy <project dir> --function "
        + context.function_name
        + "` to build its environment and deploy it."
    )
