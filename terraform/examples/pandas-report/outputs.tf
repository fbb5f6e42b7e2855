# What the CLI reads (`terraform output -json`): smolsnake deploy needs the state machine and
# the bucket; the rest lets other functions join the store.

output "state_machine_arn" {
  value = module.pipeline.state_machine_arn
}

output "artifact_bucket" {
  value = module.pipeline.artifact_bucket
}

output "install_queue_url" {
  value = module.depcache.install_queue_url
}

output "efs_access_point_arn" {
  value = module.depcache.efs_access_point_arn
}

output "function_security_group_id" {
  value = module.depcache.function_security_group_id
}

output "function_subnet_ids" {
  value = module.depcache.function_subnet_ids
}

output "function_name" {
  value = module.function.function_name
}

output "function_alias_arn" {
  value = module.function.alias_arn
}

output "region" {
  value = var.region
}

output "iam_policies" {
  description = "Every IAM policy document of the stack, by module and name (audited by the tests)."
  value = merge(
    { for k, v in module.depcache.iam_policies : "depcache.${k}" => v },
    { for k, v in module.pipeline.iam_policies : "pipeline.${k}" => v },
    { for k, v in module.function.iam_policies : "function.${k}" => v },
  )
}

output "deployer_policy_json" {
  description = "Attach to the role that runs smolsnake deploy/status/replay (a CI role, a developer)."
  value       = module.pipeline.deployer_policy_json
}
