output "function_name" {
  value = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "Unqualified ARN: give it to the pipeline module's target_function_arns."
  value       = aws_lambda_function.this.arn
}

output "alias_arn" {
  description = "What callers invoke: the version that last passed verify."
  value       = aws_lambda_alias.live.arn
}

output "role_name" {
  value = aws_iam_role.function.name
}

output "runtime" {
  value = aws_lambda_function.this.runtime
}

output "architecture" {
  value = one(aws_lambda_function.this.architectures)
}

output "iam_policies" {
  description = "Every IAM policy document this module writes, by name (audited by the tests)."
  value       = { function = local.policy }
}
