output "vpc_id" {
  description = "The VPC holding the store, the workers and the functions."
  value       = local.vpc_id
}

output "function_subnet_ids" {
  description = "Private subnets for functions that mount the store (one per Availability Zone with a mount target)."
  value       = local.subnet_ids
}

output "function_security_group_id" {
  description = "Security group for functions that mount the store: NFS to EFS, HTTPS to the endpoints and S3."
  value       = aws_security_group.function.id
}

output "ipv6_egress" {
  description = "Whether the subnets route IPv6 to an egress-only internet gateway (functions should then allow IPv6 for dual stack)."
  value       = local.ipv6_egress
}

output "efs_file_system_id" {
  value = aws_efs_file_system.store.id
}

output "efs_file_system_arn" {
  value = aws_efs_file_system.store.arn
}

output "efs_access_point_id" {
  value = aws_efs_access_point.store.id
}

output "efs_access_point_arn" {
  description = "The store's access point: what functions mount at mount_path."
  value       = aws_efs_access_point.store.arn
  # Lambda refuses a file system without an available mount target: whoever mounts the
  # access point waits for them.
  depends_on = [aws_efs_mount_target.store]
}

output "mount_path" {
  description = "Where every client mounts the access point (Lambda requires a path under /mnt)."
  value       = local.mount_path
}

output "store_path" {
  value = local.store_path
}

output "install_queue_url" {
  value = aws_sqs_queue.install.url
}

output "install_queue_arn" {
  value = aws_sqs_queue.install.arn
}

output "install_dlq_arn" {
  value = aws_sqs_queue.install_dlq.arn
}

output "install_dlq_url" {
  value = aws_sqs_queue.install_dlq.url
}

output "worker_role_name" {
  description = "The workers' role, for grants made elsewhere (the pipeline adds read access to its artifact bucket)."
  value       = aws_iam_role.worker.name
}

output "worker_role_arn" {
  value = aws_iam_role.worker.arn
}

output "worker_autoscaling_group_name" {
  value = aws_autoscaling_group.worker.name
}

output "worker_log_group_name" {
  value = aws_cloudwatch_log_group.worker.name
}

output "iam_policies" {
  description = "Every IAM policy document this module writes, by name (audited by the tests)."
  value       = { worker = local.worker_policy }
}
