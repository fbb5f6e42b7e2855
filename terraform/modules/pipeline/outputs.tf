output "state_machine_arn" {
  value = aws_sfn_state_machine.pipeline.arn
}

output "state_machine_name" {
  value = aws_sfn_state_machine.pipeline.name
}

output "artifact_bucket" {
  description = "Name of the artifact bucket (sources, locks, plans, bundles)."
  value       = aws_s3_bucket.artifacts.id
}

output "artifact_bucket_arn" {
  value = aws_s3_bucket.artifacts.arn
}

output "task_function_arns" {
  description = "ARNs of the lock, inject and verify Lambdas, by task."
  value       = { for task, fn in aws_lambda_function.task : task => fn.arn }
}

output "task_role_arns" {
  value = { for task, role in aws_iam_role.task : task => role.arn }
}

output "state_machine_log_group_name" {
  value = aws_cloudwatch_log_group.state_machine.name
}

output "iam_policies" {
  description = "Every IAM policy document this module writes, by name (audited by the tests)."
  value       = local.policies
}

output "deployer_policy_json" {
  description = "A policy for whoever runs smolsnake deploy, status and replay against this pipeline (attach it to your CI role)."
  value       = local.policies.deployer
}
